/**
 * Master trainers and the training cascade (issue 11): graduations from trainings of trainers, the
 * candidates against their pool, the cascade of a ToT down its generations, every cascade at once.
 */
import { registerPlaceLinks } from '../participations/index.js';
import { moveGraduation } from './cascades.repository.js';
export { registerCascadeRoutes } from './cascades.routes.js';
// For logframe indicators: master trainers certified and people reached by a programme's cascades in a period, by sex.
export { cascadeFigures, type CascadeFigures, type CascadeFiguresScope } from './cascades.service.js';
// A ToT's cascade as GET /api/cascades/{id} answers it (for the benchmark), and graduating (for the demo).
export { addGraduate, getCascade } from './cascades.service.js';

// A merge of two people at one event keeps what this module hung on the duplicate's place (a graduation).
registerPlaceLinks('cascades', moveGraduation);
