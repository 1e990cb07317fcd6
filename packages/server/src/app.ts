import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerAuth } from './http/auth.hook.js';
import { registerErrorHandling } from './http/errors.js';
import type { App, AppDeps } from './http/types.js';
import { registerAuthRoutes } from './modules/auth/auth.routes.js';
import { registerEventRoutes } from './modules/events/events.routes.js';
import { registerHealthRoutes } from './modules/health/health.routes.js';
import { MAX_UPLOAD_BYTES, registerImportRoutes } from './modules/imports/imports.routes.js';
import { registerOrganizationRoutes } from './modules/organizations/organizations.routes.js';
import { registerPeopleRoutes } from './modules/people/people.routes.js';
import { registerProgrammeRoutes } from './modules/programmes/programmes.routes.js';
import { registerReportRoutes } from './modules/reports/reports.routes.js';
import { registerUserRoutes } from './modules/users/users.routes.js';

export const API_VERSION = '0.1.0';

/** Builds the whole HTTP application on the given database; it never listens (main.ts does). */
export async function createApp(deps: AppDeps, options: { logger?: FastifyServerOptions['logger'] } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Logs name the route and status, never bodies, cookies or query strings that may hold personal data.
    disableRequestLogging: true,
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.secureCookies,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(fastifyCookie);
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
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Hifazat API', version: API_VERSION, description: 'Training register, participants, attendance and disaggregated reports.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hifazat_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: (header) => header });

  // Personal data must not sit in shared or browser caches.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api') && !request.url.startsWith('/api/docs')) reply.header('cache-control', 'no-store');
    return payload;
  });

  registerAuth(app, deps);
  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerOrganizationRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  registerProgrammeRoutes(app, deps);
  registerEventRoutes(app, deps);
  registerImportRoutes(app, deps);
  registerReportRoutes(app, deps);

  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const indexHtml = path.join(deps.config.webDist, 'index.html');
  if (fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: deps.config.webDist, wildcard: false, index: ['index.html'] });
    // Client-side routes: any other GET outside /api gets the app shell.
    app.get('/*', { config: { permission: 'public' }, schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api')) return reply.status(404).send({ error: { code: 'not_found', message: 'Not found', details: [] } });
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
