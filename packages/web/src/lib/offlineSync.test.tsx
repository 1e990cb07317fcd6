import 'fake-indexeddb/auto';
import type { Participant } from '@hifazat/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerApi, json } from '../test/setup';
import { clearQueue, listChanges } from './offlineQueue';
import { startSync, submit, type NewChange } from './offlineSync';

const EVENT = '01a2305d-0000-7000-8000-000000000001';
const AMINA = '01a2305d-0000-7000-8000-0000000000a1';

const amina = (role: Participant['role']): Participant => ({
  personId: AMINA,
  fullName: 'Amina',
  hidden: false,
  sex: 'female',
  designation: null,
  province: null,
  organization: null,
  role,
  attendedDirect: false,
  presentDates: [],
  absentDates: [],
  attended: false,
});

const roleChange = (clientId: string): NewChange => ({
  kind: 'updateParticipant',
  eventId: EVENT,
  personId: AMINA,
  body: { role: 'observer', base: { role: 'participant' }, clientId },
});

let stop: (() => void) | undefined;
function sync() {
  const hooks = { userId: 'u1', onSaved: vi.fn(), onRefused: vi.fn(), onConflict: vi.fn() };
  stop = startSync(hooks);
  return hooks;
}

afterEach(async () => {
  stop?.();
  await clearQueue();
});

describe('sending the queued changes', () => {
  it('keeps a change refused as changed meanwhile, and hands the server’s value to the page', async () => {
    answerApi(() =>
      json(
        {
          error: {
            code: 'edit_conflict',
            message: 'Someone else changed this participant meanwhile',
            details: [],
            current: { participants: [amina('trainer')] },
          },
        },
        409,
      ),
    );
    const hooks = sync();
    await expect(submit(roleChange('c-1'))).resolves.toBe('conflict');
    expect(hooks.onConflict).toHaveBeenCalledWith(expect.objectContaining({ kind: 'updateParticipant' }), [amina('trainer')]);
    expect((await listChanges()).map((c) => c.state)).toEqual(['conflict']);
    expect(hooks.onRefused).not.toHaveBeenCalled();
  });

  it('keeps a change for later when a proxy answers for a server that is down, or a sign-in page answers instead of the server', async () => {
    const answers = [
      () => new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html' } }),
      () => new Response('<html><body>Sign in to the hotel network</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    ];
    for (const [i, answer] of answers.entries()) {
      answerApi(answer);
      const hooks = sync();
      await expect(submit(roleChange(`c-${i}`))).resolves.toBe('queued');
      expect(hooks.onRefused).not.toHaveBeenCalled();
      stop?.();
    }
    // Both are still on the device, to be sent when the server answers.
    expect((await listChanges()).map((c) => c.state)).toEqual(['pending', 'pending']);
  });
});
