import type { FastifyInstance } from 'fastify';
import { hasLoneSurrogate, wellFormed } from '../shared/well-formed.js';
import { invalid } from './errors.js';

/**
 * The path of a string (or key) in a JSON body that is not valid Unicode, or null when all are.
 * Iterative: a body nested ten thousand deep must not overflow the stack.
 */
export function firstMalformedText(body: unknown): string | null {
  const pending: Array<{ value: unknown; path: string }> = [{ value: body, path: '' }];
  const at = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (hasLoneSurrogate(value)) return path || 'body';
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push({ value: item, path: at(path, i) }));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (hasLoneSurrogate(key)) return at(path, wellFormed(key));
        pending.push({ value: item, path: at(path, key) });
      }
    }
  }
  return null;
}

/**
 * Refuses a JSON body holding a lone surrogate (`"\ud800"`), which JSON allows and no text has.
 * Both databases would store it as U+FFFD, so what was checked (an audit entry's hash, a
 * uniqueness test) would no longer be what was kept: the audit chain would read as forged.
 */
export function registerWellFormedText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined || request.body === null) return;
    const path = firstMalformedText(request.body);
    if (path !== null) throw invalid('Text must be valid Unicode', [{ path, message: 'Holds half of a surrogate pair, which is not a character' }]);
  });
}
