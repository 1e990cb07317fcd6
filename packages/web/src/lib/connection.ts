import { useSyncExternalStore } from 'react';

/**
 * Whether the server can be reached: the browser says it is offline, or the last request to the
 * server failed without an answer (or a proxy answered that the server is down). A request that is
 * answered at all says the server is back.
 */
let unreachable = false;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

export function isOnline(): boolean {
  return (typeof navigator === 'undefined' || navigator.onLine) && !unreachable;
}

export function reportReachable(reachable: boolean): void {
  if (unreachable === !reachable) return;
  unreachable = !reachable;
  notify();
}

export function subscribeConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    // The link is back; whether the server answers, the next request will tell.
    unreachable = false;
    notify();
  });
  window.addEventListener('offline', notify);
}

/** Statuses a proxy in front of a stopped server answers with. */
const GATEWAY_DOWN = new Set([502, 503, 504]);

/** fetch, reporting to the connection state whether the server answered. */
export const trackedFetch: typeof fetch = async (input, init) => {
  try {
    const response = await fetch(input, init);
    reportReachable(!GATEWAY_DOWN.has(response.status) || response.headers.get('content-type')?.includes('application/json') === true);
    return response;
  } catch (error) {
    // An aborted request says nothing about the network.
    if (!(error instanceof DOMException && error.name === 'AbortError')) reportReachable(false);
    throw error;
  }
};

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeConnection, isOnline, () => true);
}
