import {
  zAddParticipantBody,
  zAttendanceBody,
  zCreateEventBody,
  zEvent,
  zEventFacets,
  zEventListQuery,
  zEventSummary,
  zHistory,
  zIdParams,
  zPage,
  zParticipant,
  zParticipantList,
  zParticipantParams,
  zUpdateEventBody,
  zUpdateParticipantBody,
} from '@hifazat/contract';
import { z } from 'zod';
import { errorResponses, writeErrorResponses } from '../../http/schemas.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import * as service from './events.service.js';

const tags = ['events'];

export function registerEventRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/events',
    { config: { permission: 'signed_in' }, schema: { tags, querystring: zEventListQuery, response: { 200: zPage(zEvent), ...errorResponses } } },
    (request) => service.listEvents(db, actorOf(request), request.query),
  );
  app.get('/api/events/facets', { config: { permission: 'signed_in' }, schema: { tags, response: { 200: zEventFacets, ...errorResponses } } }, (request) =>
    service.facets(db, actorOf(request)),
  );
  app.post(
    '/api/events',
    { config: { permission: 'events.create' }, schema: { tags, body: zCreateEventBody, response: { 201: zEvent, ...writeErrorResponses } } },
    async (request, reply) => reply.status(201).send(await service.createEvent(db, actorOf(request), request.body)),
  );
  app.get(
    '/api/events/:id',
    { config: { permission: 'signed_in' }, schema: { tags, params: zIdParams, response: { 200: zEvent, ...errorResponses } } },
    (request) => service.getEvent(db, actorOf(request), request.params.id),
  );
  app.patch(
    '/api/events/:id',
    { config: { permission: 'events.write' }, schema: { tags, params: zIdParams, body: zUpdateEventBody, response: { 200: zEvent, ...writeErrorResponses } } },
    (request) => service.updateEvent(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/events/:id',
    { config: { permission: 'events.delete' }, schema: { tags, params: zIdParams, response: { 204: z.null(), ...writeErrorResponses } } },
    async (request, reply) => {
      await service.deleteEvent(db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/events/:id/history',
    { config: { permission: 'signed_in' }, schema: { tags, params: zIdParams, response: { 200: zHistory, ...errorResponses } } },
    async (request) => ({ items: await service.eventHistory(db, actorOf(request), request.params.id) }),
  );
  app.get(
    '/api/events/:id/participants',
    { config: { permission: 'signed_in' }, schema: { tags, params: zIdParams, response: { 200: zParticipantList, ...errorResponses } } },
    (request) => service.listParticipants(db, actorOf(request), request.params.id),
  );
  app.post(
    '/api/events/:id/participants',
    {
      config: { permission: 'events.write' },
      schema: { tags, params: zIdParams, body: zAddParticipantBody, response: { 201: zParticipant, ...writeErrorResponses } },
    },
    async (request, reply) => reply.status(201).send(await service.addParticipant(db, actorOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/api/events/:id/participants/:personId',
    {
      config: { permission: 'events.write' },
      schema: { tags, params: zParticipantParams, body: zUpdateParticipantBody, response: { 200: zParticipant, ...writeErrorResponses } },
    },
    (request) => service.updateParticipant(db, actorOf(request), request.params.id, request.params.personId, request.body),
  );
  app.delete(
    '/api/events/:id/participants/:personId',
    { config: { permission: 'events.write' }, schema: { tags, params: zParticipantParams, response: { 204: z.null(), ...writeErrorResponses } } },
    async (request, reply) => {
      await service.removeParticipant(db, actorOf(request), request.params.id, request.params.personId);
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/api/events/:id/attendance',
    {
      config: { permission: 'events.write' },
      schema: { tags, params: zIdParams, body: zAttendanceBody, response: { 200: zParticipant, ...writeErrorResponses } },
    },
    (request) => service.setAttendance(db, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/events/:id/summary',
    { config: { permission: 'signed_in' }, schema: { tags, params: zIdParams, response: { 200: zEventSummary, ...errorResponses } } },
    (request) => service.eventSummary(db, actorOf(request), request.params.id),
  );
}
