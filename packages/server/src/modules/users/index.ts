/**
 * User accounts. Other modules read accounts through these functions (sign-in looks a user up by
 * email; events check that trainers exist), never through the users table themselves.
 */
export { registerUserRoutes } from './users.routes.js';
export { createUser, findManagedUser, listUsers, managesUser, updateUser } from './users.service.js';
export { existingUserIds, findUserByEmail, findUserById, presentUser, setPasswordHash, type UserRow } from './users.repository.js';
export { DEMO_ACCOUNT_EMAILS, DEMO_PASSWORD, openDemoAccounts } from './demo-accounts.js';
