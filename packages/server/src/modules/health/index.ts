/** Liveness and readiness for load balancers and orchestrators. */
export { registerHealthRoutes } from './health.routes.js';
