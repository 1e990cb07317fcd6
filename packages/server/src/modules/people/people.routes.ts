import {
  zCreatedPerson,
  zCreatePersonBody,
  zDuplicateQuery,
  zDuplicateResult,
  zHistory,
  zIdParams,
  zMergeBody,
  zMergeResult,
  zPage,
  zPerson,
  zPersonListQuery,
  zPersonParticipations,
  zUpdatePersonBody,
} from '@hifazat/contract';
import { z } from 'zod';
import { errorResponses, writeErrorResponses } from '../../http/schemas.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import * as service from './people.service.js';

const tags = ['people'];

export function registerPeopleRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/people',
    { config: { permission: 'signed_in' }, schema: { tags, querystring: zPersonListQuery, response: { 200: zPage(zPerson), ...errorResponses } } },
    (request) => service.listPeople(db, actorOf(request), request.query),
  );

  app.get(
    '/api/people/duplicates',
    { config: { permission: 'signed_in' }, schema: { tags, querystring: zDuplicateQuery, response: { 200: zDuplicateResult, ...errorResponses } } },
    async (request) => ({ candidates: await service.findDuplicates(db, actorOf(request), request.query) }),
  );

  app.post(
    '/api/people',
    { config: { permission: 'people.create' }, schema: { tags, body: zCreatePersonBody, response: { 201: zCreatedPerson, ...writeErrorResponses } } },
    async (request, reply) => reply.status(201).send(await service.createPerson(db, actorOf(request), request.body)),
  );

  app.get(
    '/api/people/:id',
    { config: { permission: 'signed_in' }, schema: { tags, params: zIdParams, response: { 200: zPerson, ...errorResponses } } },
    (request) => service.getPerson(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/people/:id',
    {
      config: { permission: 'people.write' },
      schema: { tags, params: zIdParams, body: zUpdatePersonBody, response: { 200: zPerson, ...writeErrorResponses } },
    },
    (request) => service.updatePerson(db, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/people/:id',
    { config: { permission: 'records.delete' }, schema: { tags, params: zIdParams, response: { 204: z.null(), ...writeErrorResponses } } },
    async (request, reply) => {
      await service.deletePerson(db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/people/:id/merge',
    { config: { permission: 'people.merge' }, schema: { tags, params: zIdParams, body: zMergeBody, response: { 200: zMergeResult, ...writeErrorResponses } } },
    (request) => service.mergePeople(db, actorOf(request), request.params.id, request.body.duplicateId),
  );

  app.get(
    '/api/people/:id/participations',
    { config: { permission: 'signed_in' }, schema: { tags, params: zIdParams, response: { 200: zPersonParticipations, ...errorResponses } } },
    (request) => service.listPersonParticipations(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/people/:id/history',
    { config: { permission: 'signed_in' }, schema: { tags, params: zIdParams, response: { 200: zHistory, ...errorResponses } } },
    async (request) => ({ items: await service.personHistory(db, actorOf(request), request.params.id) }),
  );
}
