import { SESSION_COOKIE } from '../../http/auth.hook.js';
import { AppError } from '../../http/errors.js';
import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { findUserById, presentUser } from '../users/index.js';
import { changeOwnPassword, signIn, signOut } from './auth.service.js';

export function registerAuthRoutes(app: App, { db, config }: AppDeps): void {
  serveRoute(app, 'signIn', async (request, reply) => {
    // (A page on another site cannot sign a browser in to an account of its choosing: the auth hook
    // refuses cross-origin writes to every route, this one included.)
    const { token, user } = await signIn(db, {
      ...request.body,
      idleHours: config.sessionIdleHours,
      absoluteHours: config.sessionAbsoluteHours,
      clientAddress: request.ip,
    });
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      // The browser forgets the cookie when the server would refuse it anyway.
      maxAge: Math.round(config.sessionAbsoluteHours * 3600),
    });
    return { user: presentUser(user) };
  });

  serveRoute(app, 'signOut', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await signOut(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
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
