import { zApiError, zChangePasswordBody, zLoginBody, zMe } from '@hifazat/contract';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../http/auth.hook.js';
import { AppError } from '../../http/errors.js';
import { errorResponses, writeErrorResponses } from '../../http/schemas.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { findUserById, presentUser } from '../users/index.js';
import { changeOwnPassword, signIn, signOut } from './auth.service.js';

const tags = ['auth'];

export function registerAuthRoutes(app: App, { db, config }: AppDeps): void {
  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public' },
      schema: { tags, body: zLoginBody, response: { 200: zMe, 400: zApiError, 401: zApiError, 403: zApiError, 429: zApiError } },
    },
    async (request, reply) => {
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
    },
  );

  app.post('/api/auth/logout', { config: { permission: 'public' }, schema: { tags, response: { 204: z.null(), 403: zApiError } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await signOut(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post(
    '/api/auth/password',
    {
      config: { permission: 'signed_in' },
      schema: {
        tags,
        description:
          "Changes the signed-in user's own password. The current password is checked under the sign-in limits; every other session of the user ends.",
        body: zChangePasswordBody,
        response: { 204: z.null(), ...writeErrorResponses, 429: zApiError },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE] ?? '';
      await changeOwnPassword(db, {
        userId: actorOf(request).id,
        token,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        clientAddress: request.ip,
      });
      return reply.status(204).send(null);
    },
  );
  app.get('/api/auth/me', { config: { permission: 'signed_in' }, schema: { tags, response: { 200: zMe, ...errorResponses } } }, async (request) => {
    const user = await findUserById(db, actorOf(request).id);
    if (!user) throw new AppError('unauthorized', 'Sign in first');
    return { user: presentUser(user) };
  });
}
