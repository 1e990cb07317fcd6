/**
 * Master trainers and the training cascade (issue 11): graduations from trainings of trainers, the
 * candidates against their pool, the cascade of a ToT down its generations, every cascade at once.
 */
export { registerCascadeRoutes } from './cascades.routes.js';
// For logframe indicators: master trainers certified and people reached by a programme's cascades in a period, by sex.
export { cascadeFigures, type CascadeFigures, type CascadeFiguresScope } from './cascades.service.js';
// The cascade's arithmetic, pure: for the benchmark.
export { countCascade, uniquePeople } from './cascades.counting.js';
