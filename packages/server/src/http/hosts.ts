import type { FastifyInstance } from 'fastify';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The port the server listens on, or undefined when it does not listen (in-process test requests). */
export function listeningPort(app: FastifyInstance): number | undefined {
  const address = app.server.address();
  return address !== null && typeof address === 'object' ? address.port : undefined;
}

/**
 * Whether a Host header names this server: one of `allowed` (PUBLIC_URL's host and ALLOWED_HOSTS),
 * or localhost / 127.0.0.1 / [::1] on the port it listens on.
 */
export function isAllowedHost(host: string | undefined, allowed: readonly string[], port: number | undefined): boolean {
  if (typeof host !== 'string' || host === '') return false;
  const value = host.trim().toLowerCase().replace(/\.$/, '');
  if (allowed.includes(value)) return true;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match?.[1]) return false;
  const name = match[1].replace(/\.$/, '');
  if (!LOOPBACK_NAMES.has(name)) return allowed.includes(name);
  const givenPort = match[2] === undefined ? 80 : Number(match[2]);
  return port === undefined || givenPort === port;
}
