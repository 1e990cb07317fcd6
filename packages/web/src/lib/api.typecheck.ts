/**
 * Compile-time checks of the typed client (never run): `npm run typecheck` fails if a call with a wrong
 * body, a missing id or a misread answer compiles. Each `@ts-expect-error` must meet an error.
 */
import { api } from './api';

export async function typedClientChecks(): Promise<void> {
  const programme = await api.call('createProgramme', { body: { name: 'GLO.ACT', countries: ['PK'] } });
  const name: string = programme.name;

  // @ts-expect-error a programme needs a name
  await api.call('createProgramme', { body: { donor: 'EU' } });
  // @ts-expect-error an event's type is one of the contract's event types
  await api.call('updateEvent', { params: { id: programme.id }, body: { type: 'party' } });
  // @ts-expect-error the route takes an id
  await api.call('getEvent', {});
  // @ts-expect-error GET /api/events/{id} answers an event, which has no `fullName`
  const wrong: string = (await api.call('getEvent', { params: { id: programme.id } })).fullName;
  // @ts-expect-error a list's cursor is the text the previous page gave
  await api.call('listPeople', { query: { cursor: 42 } });

  void name;
  void wrong;
}
