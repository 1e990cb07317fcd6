import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf as actorOfUser, userForToken } from '../modules/auth/auth.service.js';
import { AppError, forbidden } from './errors.js';
import { roleMay } from './permissions.js';
import type { App, AppDeps } from './types.js';

export const SESSION_COOKIE = 'hifazat_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-origin write protection for cookie sessions, the way Go 1.25's CrossOriginProtection does it:
 * a browser says where a request comes from (Sec-Fetch-Site, else Origin); scripts and other systems
 * send neither and are let through, because they cannot carry a victim's cookie.
 */
export function isCrossOriginWrite(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === '') return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

export function registerAuth(app: App, deps: AppDeps): void {
  app.decorateRequest('actor', null);

  // Refuse to start with an /api route that does not say what it needs.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api') && !route.config?.permission && !route.url.startsWith('/api/docs')) {
      throw new Error(`Route ${route.method} ${route.url} declares no permission`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const permission = request.routeOptions.config?.permission;
    if (!request.url.startsWith('/api') || !permission) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const user = await userForToken(deps.db, token, deps.config.sessionIdleHours);
      if (user) request.actor = actorOfUser(user);
      else reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    if (permission === 'public') return;
    if (!request.actor) throw new AppError('unauthorized', 'Sign in first');
    if (isCrossOriginWrite(request)) throw forbidden('Cross-origin request refused');
    if (!roleMay(request.actor.role, permission)) throw forbidden();
  });
}
