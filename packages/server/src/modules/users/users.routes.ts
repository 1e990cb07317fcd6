import { zCreateUserBody, zTrainerList, zHistory, zIdParams, zPage, zUpdateUserBody, zUser } from '@hifazat/contract';
import { errorResponses, writeErrorResponses } from '../../http/schemas.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { listHistory } from '../audit/index.js';
import * as repo from './users.repository.js';
import * as service from './users.service.js';

const tags = ['users'];

export function registerUserRoutes(app: App, { db }: AppDeps): void {
  app.get('/api/users', { config: { permission: 'users.manage' }, schema: { tags, response: { 200: zPage(zUser), ...errorResponses } } }, async (request) => ({
    items: await service.listUsers(db, actorOf(request)),
    nextCursor: null,
  }));
  app.post(
    '/api/users',
    { config: { permission: 'users.manage' }, schema: { tags, body: zCreateUserBody, response: { 201: zUser, ...writeErrorResponses } } },
    async (request, reply) => reply.status(201).send(await service.createUser(db, actorOf(request), request.body)),
  );
  app.patch(
    '/api/users/:id',
    { config: { permission: 'users.manage' }, schema: { tags, params: zIdParams, body: zUpdateUserBody, response: { 200: zUser, ...writeErrorResponses } } },
    (request) => service.updateUser(db, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/users/:id/history',
    { config: { permission: 'users.manage' }, schema: { tags, params: zIdParams, response: { 200: zHistory, ...errorResponses } } },
    async (request) => {
      await service.findManagedUser(db, actorOf(request), request.params.id);
      return { items: await listHistory(db, 'user', request.params.id) };
    },
  );
  app.get(
    '/api/trainers',
    {
      config: { permission: 'trainers.list' },
      schema: { tags, description: 'People with accounts who can be named trainers of an event.', response: { 200: zTrainerList, ...errorResponses } },
    },
    async (request) => ({ items: await repo.listEventStaffUsers(db, actorOf(request).countries) }),
  );
}
