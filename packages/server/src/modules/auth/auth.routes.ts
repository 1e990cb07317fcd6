import { zApiError, zLoginBody, zMe } from '@hifazat/contract';
import { z } from 'zod';
import { isCrossOriginWrite, SESSION_COOKIE } from '../../http/auth.hook.js';
import { AppError, forbidden } from '../../http/errors.js';
import { errorResponses } from '../../http/schemas.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { presentUser } from '../users/users.repository.js';
import { findUserById } from '../users/users.repository.js';
import { signIn, signOut } from './auth.service.js';

const tags = ['auth'];

export function registerAuthRoutes(app: App, { db, config }: AppDeps): void {
  app.post(
    '/api/auth/login',
    { config: { permission: 'public' }, schema: { tags, body: zLoginBody, response: { 200: zMe, 400: zApiError, 401: zApiError, 403: zApiError, 429: zApiError } } },
    async (request, reply) => {
      // A page on another site must not sign a browser in to an account of the attacker's choosing.
      if (isCrossOriginWrite(request)) throw forbidden('Cross-origin request refused');
      const { token, user } = await signIn(db, { ...request.body, idleHours: config.sessionIdleHours, clientAddress: request.ip });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        maxAge: Math.round(config.sessionIdleHours * 3600) * 30,
      });
      return { user: presentUser(user) };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { permission: 'public' }, schema: { tags, response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { permission: 'signed_in' }, schema: { tags, response: { 200: zMe, ...errorResponses } } },
    async (request) => {
      const user = await findUserById(db, actorOf(request).id);
      if (!user) throw new AppError('unauthorized', 'Sign in first');
      return { user: presentUser(user) };
    },
  );
}
