import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { actorOf as actorOfUser, userForToken } from '../modules/auth/index.js';
import { AppError, forbidden } from './errors.js';
import { roleMay, type Permission } from './permissions.js';
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

/**
 * Routes that plugins add without our config: the API docs page (swagger-ui's own routes) and the
 * built web app's files. They serve nothing but public files, so they are marked public here; any
 * other route without a permission stops the app from starting.
 */
function isPluginPublicRoute(route: RouteOptions): boolean {
  return route.url.startsWith('/api/docs') || route.url === '/*' || route.url === '/';
}

/** The permission of the route the router matched, or undefined for an unmatched address. */
export function matchedPermission(request: FastifyRequest): Permission | undefined {
  return request.routeOptions.config?.permission;
}

/** True when the router matched an API route, however the address was spelled. */
export function isApiRoute(request: FastifyRequest): boolean {
  return (
    matchedPermission(request) !== undefined && (request.routeOptions.url ?? '').startsWith('/api') && !(request.routeOptions.url ?? '').startsWith('/api/docs')
  );
}

export function registerAuth(app: App, deps: AppDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('secondFactor', null);

  // Every route says what it needs, decided where it is declared: the checks below read the matched
  // route's own configuration, never the address text (which the router decodes and matches in more
  // spellings than any prefix test can foresee: /%61pi/users, /api//users, /api/./users).
  app.addHook('onRoute', (route) => {
    if (route.config?.permission) return;
    if (isPluginPublicRoute(route)) {
      route.config = { ...route.config, permission: 'public' };
      return;
    }
    throw new Error(`Route ${String(route.method)} ${route.url} declares no permission`);
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const permission = matchedPermission(request);
    // Unmatched addresses go to the not-found handler, which serves no data.
    if (!permission) return;
    // Every write, sign-in and sign-out included, must come from our own pages or from a script.
    if (isCrossOriginWrite(request)) throw forbidden('Cross-origin request refused');
    if (permission === 'public') return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await userForToken(deps.db, token, { idleHours: deps.config.sessionIdleHours, absoluteHours: deps.config.sessionAbsoluteHours });
      if (!session) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      else if (session.secondFactor !== null) {
        // A half session (password checked, second factor awaited) reaches the second-factor routes
        // and nothing else: decided by the matched route's permission, like every other check here.
        if (permission !== 'second_factor') throw new AppError('unauthorized', 'Finish signing in with your second factor first');
        request.actor = actorOfUser(session.user);
        request.secondFactor = session.secondFactor;
        return;
      } else request.actor = actorOfUser(session.user);
    }
    if (!request.actor) throw new AppError('unauthorized', 'Sign in first');
    if (!roleMay(request.actor.role, permission)) throw forbidden();
  });
}
