import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../http/auth.hook.js';
import { AppError } from '../../http/errors.js';
import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { dataKeysFor } from '../../shared/data-key.js';
import { findManagedUser, findUserById, presentUser } from '../users/index.js';
import { changeOwnPassword, signIn, signOut } from './auth.service.js';
import {
  confirmOwnSecondFactor,
  confirmSecondFactor,
  enrolOwnSecondFactor,
  resetSecondFactor,
  setUpSecondFactor,
  verifySecondFactor,
} from './second-factor.service.js';

export function registerAuthRoutes(app: App, { db, config }: AppDeps): void {
  const lifetime = { idleHours: config.sessionIdleHours, absoluteHours: config.sessionAbsoluteHours };
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      // The browser forgets the cookie when the server would refuse it anyway.
      maxAge: Math.round(config.sessionAbsoluteHours * 3600),
    });
  /** The half session behind a second-factor request (the auth hook let only such a session through). */
  const halfSession = (request: FastifyRequest) => ({
    userId: actorOf(request).id,
    state: request.secondFactor,
    token: request.cookies[SESSION_COOKIE] ?? '',
    clientAddress: request.ip,
  });

  serveRoute(app, 'signIn', async (request, reply) => {
    // (A page on another site cannot sign a browser in to an account of its choosing: the auth hook
    // refuses cross-origin writes to every route, this one included.)
    const { token, user, secondFactor } = await signIn(db, { ...request.body, ...lifetime, clientAddress: request.ip });
    setSessionCookie(reply, token);
    // A case role's session waits for the second factor: it is told what to do next, not who it is.
    return secondFactor ? { mfa: secondFactor } : { user: presentUser(user) };
  });

  serveRoute(app, 'setUpSecondFactor', async (request) => setUpSecondFactor(db, dataKeysFor(config), halfSession(request)));

  serveRoute(app, 'confirmSecondFactor', async (request, reply) => {
    const { recoveryCodes, token } = await confirmSecondFactor(db, dataKeysFor(config), halfSession(request), request.body.code, lifetime);
    setSessionCookie(reply, token);
    return { recoveryCodes };
  });

  serveRoute(app, 'verifySecondFactor', async (request, reply) => {
    const { user, token } = await verifySecondFactor(db, dataKeysFor(config), halfSession(request), request.body.code, lifetime);
    setSessionCookie(reply, token);
    return { user: presentUser(user) };
  });

  serveRoute(app, 'enrolOwnSecondFactor', async (request) => enrolOwnSecondFactor(db, dataKeysFor(config), actorOf(request).id));
  serveRoute(app, 'confirmOwnSecondFactor', async (request) =>
    confirmOwnSecondFactor(db, dataKeysFor(config), actorOf(request).id, request.body.code, request.ip, request.cookies[SESSION_COOKIE] ?? ''),
  );

  serveRoute(app, 'resetSecondFactor', async (request) => {
    // 404 for an account out of the administrator's reach, as for every other change of an account.
    await findManagedUser(db, actorOf(request), request.params.id);
    await resetSecondFactor(db, actorOf(request).id, request.params.id);
    const user = await findUserById(db, request.params.id);
    if (!user) throw new AppError('not_found', 'User not found');
    return presentUser(user);
  });

  serveRoute(app, 'signOut', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await signOut(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    // The live cache's answers (events list, programme report, dashboard) may sit in the browser's
    // HTTP cache (private, no-cache): a shared computer keeps none of them after signing out.
    reply.header('clear-site-data', '"cache"');
  });

  serveRoute(app, 'changeOwnPassword', async (request) => {
    const token = request.cookies[SESSION_COOKIE] ?? '';
    await changeOwnPassword(db, {
      userId: actorOf(request).id,
      token,
      currentPassword: request.body.currentPassword,
      newPassword: request.body.newPassword,
      clientAddress: request.ip,
    });
  });

  serveRoute(app, 'me', async (request) => {
    const user = await findUserById(db, actorOf(request).id);
    if (!user) throw new AppError('unauthorized', 'Sign in first');
    return { user: presentUser(user) };
  });
}
