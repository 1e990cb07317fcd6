/** Programmes and their phases; events belong to one. */
export { registerProgrammeRoutes } from './programmes.routes.js';
export * from './programmes.service.js';
