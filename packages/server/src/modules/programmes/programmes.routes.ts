import { zCreateProgrammeBody, zHistory, zIdParams, zPage, zProgramme, zProgrammeListQuery, zUpdateProgrammeBody } from '@hifazat/contract';
import { z } from 'zod';
import { errorResponses, writeErrorResponses } from '../../http/schemas.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { listHistory } from '../audit/index.js';
import * as service from './programmes.service.js';

const tags = ['programmes'];

export function registerProgrammeRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/programmes',
    { config: { permission: 'signed_in' }, schema: { tags, querystring: zProgrammeListQuery, response: { 200: zPage(zProgramme), ...errorResponses } } },
    (request) => service.listProgrammes(db, actorOf(request), request.query),
  );
  app.post(
    '/api/programmes',
    { config: { permission: 'programmes.write' }, schema: { tags, body: zCreateProgrammeBody, response: { 201: zProgramme, ...writeErrorResponses } } },
    async (request, reply) => reply.status(201).send(await service.createProgramme(db, actorOf(request), request.body)),
  );
  app.get(
    '/api/programmes/:id',
    { config: { permission: 'signed_in' }, schema: { tags, params: zIdParams, response: { 200: zProgramme, ...errorResponses } } },
    (request) => service.getVisibleProgramme(db, actorOf(request), request.params.id),
  );
  app.patch(
    '/api/programmes/:id',
    {
      config: { permission: 'programmes.write' },
      schema: { tags, params: zIdParams, body: zUpdateProgrammeBody, response: { 200: zProgramme, ...writeErrorResponses } },
    },
    (request) => service.updateProgramme(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/programmes/:id',
    { config: { permission: 'records.delete' }, schema: { tags, params: zIdParams, response: { 204: z.null(), ...writeErrorResponses } } },
    async (request, reply) => {
      await service.deleteProgramme(db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/programmes/:id/history',
    { config: { permission: 'signed_in' }, schema: { tags, params: zIdParams, response: { 200: zHistory, ...errorResponses } } },
    async (request) => {
      await service.getVisibleProgramme(db, actorOf(request), request.params.id);
      return { items: await listHistory(db, 'programme', request.params.id) };
    },
  );
}
