import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { isApiRoute, registerAuth, SESSION_COOKIE } from './http/auth.hook.js';
import { pageAnswer, webAppShell } from './http/web-app.js';
import { documentObjectTransform, documentTransform } from './http/openapi-transform.js';
import { isAllowedHost, listeningPort } from './http/hosts.js';
import { registerOpenApiComponents } from './http/openapi-components.js';
import { frameworkErrors, invalid, notFoundBody, registerErrorHandling } from './http/errors.js';
import { registerWellFormedText } from './http/well-formed-text.js';
import type { App, AppDeps } from './http/types.js';
import { createLiveCache, LIVE_CACHE_CONTROL } from './http/live-cache.js';
import { API_VERSION } from './version.js';
import { registerAssessmentRoutes } from './modules/assessments/index.js';
import { registerAuthRoutes } from './modules/auth/index.js';
import { registerCascadeRoutes } from './modules/cascades/index.js';
import { registerCampaignRoutes } from './modules/campaigns/index.js';
import { eventLogoCleanup, registerCertificateRoutes } from './modules/certificates/index.js';
import { registerEventRoutes } from './modules/events/index.js';
import { registerFeedbackRoutes } from './modules/feedback/index.js';
import { registerHealthRoutes } from './modules/health/index.js';
import { MAX_UPLOAD_BYTES, registerImportRoutes } from './modules/imports/index.js';
import { registerOrganizationRoutes } from './modules/organizations/index.js';
import { registerPeopleRoutes } from './modules/people/index.js';
import { registerProgrammeRoutes } from './modules/programmes/index.js';
import { registerSystemRoutes } from './modules/operations/index.js';
import { registerReportRoutes } from './modules/reports/index.js';
import { registerIndicatorRoutes } from './modules/indicators/index.js';
import { registerScreeningRoutes } from './modules/screening/index.js';
import {
  registerCaseDuplicateRoutes,
  registerCaseHtcdsRoutes,
  registerCaseReferralRoutes,
  registerCaseRoutes,
  registerCaseWorkRoutes,
} from './modules/cases/index.js';
import { registerServiceRoutes } from './modules/services/index.js';
import { registerUserRoutes } from './modules/users/index.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the whole HTTP application on the given database; it never listens (main.ts does). */
export async function createApp(given: AppDeps, options: { logger?: FastifyServerOptions['logger'] } = {}): Promise<App> {
  // One live cache per app: the events list, the programme report and the dashboard answer from it.
  const deps: AppDeps = { ...given, live: given.live ?? createLiveCache(given.db) };
  const app = Fastify({
    logger: options.logger ?? false,
    // Fastify's own per-request lines carry the full URL, whose query string may hold a name or a
    // phone number searched for; they are off. Errors are logged by the error handler without input.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // A hop count, never `true`: with `true` the client's own X-Forwarded-For would be its address.
    trustProxy: (_address: string, hop: number) => hop < deps.config.trustProxyHops,
    // Requests that reach the server while it closes are served, not answered 503: they were sent
    // before it stopped taking connections (main.ts drains first, then closes).
    return503OnClosing: false,
    // Addresses the router cannot decode get the API's error shape, like everything else.
    frameworkErrors,
    // A proxy's request id is kept (when it looks like one) so that its log and ours line up.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  // DNS rebinding: a page on evil.example whose name is made to resolve to this laptop would reach the
  // server as a same-origin page; it cannot choose the Host header its browser sends, so that is checked.
  app.addHook('onRequest', async (request) => {
    if (!isAllowedHost(request.headers.host, deps.config.allowedHosts, listeningPort(app))) {
      throw invalid('This server does not answer to that host name; set PUBLIC_URL or ALLOWED_HOSTS', [{ path: 'host', message: 'Host not allowed' }]);
    }
  });

  // One line per request: its id, the route pattern (never the URL: ids and searched names are in
  // it), status and time. Nothing else about the request is logged.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // While shutting down, each answer closes its connection: a keep-alive connection that falls idle
  // after the server began closing would otherwise hold the exit back until its timeout.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (deps.lifecycle?.shuttingDown) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
  });

  registerOpenApiComponents();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerWellFormedText(app);

  await app.register(fastifyCookie);
  // After the cookie parser (its hook reads the session cookie) and before any route is added, so
  // that the app refuses to start with a route that declares no permission.
  registerAuth(app, deps);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes its CSS variables into a style element at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: deps.config.secureCookies ? [] : null,
      },
    },
    // HSTS only means something over https.
    strictTransportSecurity: deps.config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  // API answers above 1 kB are compressed (brotli at a quality cheap enough per request, else gzip);
  // files already compressed (the web app's, a spreadsheet) are left alone.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Hifazat API', version: API_VERSION, description: 'Training register, participants, attendance and disaggregated reports.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hifazat_session' } } },
      security: [{ session: [] }],
    },
    transform: documentTransform,
    transformObject: documentObjectTransform,
  });
  // The docs page loads only its own files (no inline script), so it gets the same CSP as every
  // other page, from helmet above; swagger-ui's own adds upgrade-insecure-requests even over http.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  // Personal data must not sit in shared or browser caches: every answer of an API route, decided
  // by the route the router matched (never by how the address was spelled). The live cache's answers
  // (private, no-cache, with an ETag) are the exception: the browser keeps them and asks each time.
  app.addHook('onSend', async (request, reply, payload) => {
    if (isApiRoute(request) && reply.getHeader('cache-control') !== LIVE_CACHE_CONTROL) reply.header('cache-control', 'no-store');
    return payload;
  });

  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerOrganizationRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  registerProgrammeRoutes(app, deps);
  // Deleting an event also removes its certificate logos' files (the database removes its own rows).
  registerEventRoutes(app, deps, { deletionSteps: [eventLogoCleanup(deps.config.dataDir)] });
  registerImportRoutes(app, deps);
  registerAssessmentRoutes(app, deps);
  registerCertificateRoutes(app, deps);
  registerFeedbackRoutes(app, deps);
  registerCascadeRoutes(app, deps);
  registerCampaignRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerIndicatorRoutes(app, deps);
  registerScreeningRoutes(app, deps);
  registerCaseRoutes(app, deps);
  registerCaseWorkRoutes(app, deps);
  registerCaseReferralRoutes(app, deps);
  registerCaseHtcdsRoutes(app, deps);
  registerCaseDuplicateRoutes(app, deps);
  registerServiceRoutes(app, deps);
  registerSystemRoutes(app, deps);

  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  // The built web app; files are looked up per request, so a rebuild is served without a restart.
  const hasWebApp = fs.existsSync(path.join(deps.config.webDist, 'index.html'));
  const shell = webAppShell(deps.config.webDist);
  if (hasWebApp) {
    await app.register(fastifyStatic, {
      root: deps.config.webDist,
      // Pages, "/" included, get the shell below with their files named in it.
      index: false,
      // The build writes .br and .gz copies beside each file (packages/web/scripts/precompress.mjs):
      // sent as they are to a browser that accepts them, on a 400 kbit/s link a fifth of the bytes.
      preCompressed: true,
      // Hashed bundle files never change; index.html must be revalidated so that a new build is picked up.
      setHeaders: (res, filePath) =>
        res.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  }
  const sendPage = (request: FastifyRequest, reply: FastifyReply) => {
    const answer = pageAnswer(shell(), request.url, Boolean(request.cookies[SESSION_COOKIE]));
    if (answer.kind === 'redirect') return reply.header('cache-control', 'no-cache').redirect(answer.location, 303);
    // The service worker keeps the app's page for offline use, never the sign-in page alone.
    if (answer.kind === 'sign-in') void reply.header('x-hifazat-page', 'sign-in');
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(answer.html);
  };
  if (hasWebApp) {
    // "/" is a page, not the build folder: without this route the static plugin's wildcard would
    // answer it as a directory listing it may not show.
    app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, sendPage);
  }
  app.setNotFoundHandler((request, reply) => {
    // A client-side route (a page address typed or reloaded) gets the app shell; a missing API
    // route or bundle file gets a real 404, so that a stale tab fails loudly instead of parsing HTML.
    // A name with an extension (/favicon.ico, /robots.txt) is a file the build does not have, not a page.
    const pathname = request.url.split('?')[0] ?? '/';
    const isPage = request.method === 'GET' && !request.url.startsWith('/api') && !request.url.startsWith('/assets/') && !/\.\w+$/.test(pathname);
    if (hasWebApp && isPage) return sendPage(request, reply);
    return reply.status(404).send(notFoundBody(request));
  });
  return app;
}
