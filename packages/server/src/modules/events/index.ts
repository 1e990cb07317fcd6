/** Events: trainings, workshops, ToTs, awareness sessions; their participants and attendance. */
export { registerEventRoutes, type EventRouteOptions } from './events.routes.js';
export * from './events.service.js';
