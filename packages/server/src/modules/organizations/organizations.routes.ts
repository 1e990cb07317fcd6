import { zCreateOrganizationBody, zHistory, zIdParams, zOrganization, zOrganizationListQuery, zPage, zUpdateOrganizationBody } from '@hifazat/contract';
import { z } from 'zod';
import { errorResponses, writeErrorResponses } from '../../http/schemas.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { listHistory } from '../audit/index.js';
import * as service from './organizations.service.js';

const tags = ['organizations'];

export function registerOrganizationRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/organizations',
    { config: { permission: 'signed_in' }, schema: { tags, querystring: zOrganizationListQuery, response: { 200: zPage(zOrganization), ...errorResponses } } },
    (request) => service.listOrganizations(db, actorOf(request), request.query),
  );

  app.post(
    '/api/organizations',
    {
      config: { permission: 'organizations.create' },
      schema: { tags, body: zCreateOrganizationBody, response: { 201: zOrganization, ...writeErrorResponses } },
    },
    async (request, reply) => reply.status(201).send(await service.createOrganization(db, actorOf(request), request.body)),
  );

  app.get(
    '/api/organizations/:id',
    { config: { permission: 'signed_in' }, schema: { tags, params: zIdParams, response: { 200: zOrganization, ...errorResponses } } },
    (request) => service.getOrganization(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/organizations/:id',
    {
      config: { permission: 'organizations.write' },
      schema: { tags, params: zIdParams, body: zUpdateOrganizationBody, response: { 200: zOrganization, ...writeErrorResponses } },
    },
    (request) => service.updateOrganization(db, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/organizations/:id',
    { config: { permission: 'records.delete' }, schema: { tags, params: zIdParams, response: { 204: z.null(), ...writeErrorResponses } } },
    async (request, reply) => {
      await service.deleteOrganization(db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/organizations/:id/history',
    { config: { permission: 'signed_in' }, schema: { tags, params: zIdParams, response: { 200: zHistory, ...errorResponses } } },
    async (request) => {
      await service.getVisibleOrganization(db, actorOf(request), request.params.id);
      return { items: await listHistory(db, 'organization', request.params.id) };
    },
  );
}
