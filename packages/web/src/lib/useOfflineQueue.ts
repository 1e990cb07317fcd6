import { useEffect, useState } from 'react';
import { listChanges, subscribeQueue, type QueuedChange } from './offlineQueue';

/** The queued changes (of one event, or all of the user's), kept current as the queue changes, here or in another tab. */
export function useQueuedChanges(filter: { eventId?: string; userId?: string | null } = {}): QueuedChange[] {
  const [changes, setChanges] = useState<QueuedChange[]>([]);
  const { eventId, userId } = filter;
  useEffect(() => {
    let live = true;
    const load = () =>
      void listChanges()
        .then((all) => {
          if (live) setChanges(all.filter((c) => (eventId === undefined || c.eventId === eventId) && (userId == null || c.userId === userId)));
        })
        // No IndexedDB (a private window of some browsers): nothing is queued, changes go straight to the server.
        .catch(() => undefined);
    load();
    const unsubscribe = subscribeQueue(load);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [eventId, userId]);
  return changes;
}
