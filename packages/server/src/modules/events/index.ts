/** Events: trainings, workshops, ToTs, awareness sessions; their participants and attendance. */
export { registerEventRoutes } from './events.routes.js';
export * from './events.service.js';
