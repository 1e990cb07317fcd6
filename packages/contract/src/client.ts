import type { ApiError, ErrorCode, ErrorDetail } from './common.js';
import { routeAddresses, routePath } from './route-addresses.js';
import type { RouteInput, RouteName, RouteOutput, Routes } from './routes.js';

/** An error answer from the API, with its stable code and details. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network_error',
    message: string,
    readonly details: ErrorDetail[] = [],
    /** With `edit_conflict`: the records as they are now on the server. */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function isErrorBody(data: unknown): data is ApiError {
  if (typeof data !== 'object' || data === null || !('error' in data)) return false;
  const { error } = data;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

export type QueryValue = string | number | boolean | undefined | null;

export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The keys of T that a caller must give. */
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
/** A route's input may be left out when nothing in it is required (a list without filters). */
type CallArgs<I> = [RequiredKeys<I>] extends [never] ? [input?: I] : [input: I];

export type ApiClientOptions = {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Extra headers on every request (a cookie, for scripts); a function is asked on each request. */
  headers?: Record<string, string> | (() => Record<string, string>);
};

/** A small typed client over fetch: the web app, the end-to-end tests and the benchmarks use it. */
export function createApiClient(options: ApiClientOptions = {}) {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? fetch;

  async function request<T>(method: string, path: string, body?: unknown, query?: Record<string, QueryValue>): Promise<T> {
    const headers: Record<string, string> = { ...(typeof options.headers === 'function' ? options.headers() : options.headers) };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await doFetch(`${base}${path}${queryString(query)}`, {
        method,
        headers,
        body: payload,
        credentials: 'same-origin',
      });
    } catch (cause) {
      throw new ApiClientError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const data = parseJson(text);
    if (!response.ok) {
      // Not every answer comes from the API: a proxy in front of a stopped server answers 502 with a
      // page of its own. Its words are the proxy's (English), so none are passed on as the message.
      const error = isErrorBody(data) ? data.error : undefined;
      throw new ApiClientError(response.status, error?.code ?? 'internal_error', error?.message ?? '', error?.details ?? [], error?.current);
    }
    // A success that is not JSON never came from the API (a hotel's or office's sign-in page in
    // between): the server was not reached, and the request may be sent again.
    if (text && data === NOT_JSON) throw new ApiClientError(0, 'network_error', 'The answer did not come from the server');
    return data as T;
  }

  /**
   * Calls the route `name` of the route map: the params, query and body are checked against the
   * contract's types at compile time, and the answer comes back typed by the route's response.
   */
  function call<N extends RouteName>(name: N, ...args: CallArgs<RouteInput<Routes[N]>>): Promise<RouteOutput<Routes[N]>> {
    const [method, path] = routeAddresses[name];
    const input = (args[0] ?? {}) as { params?: Record<string, unknown>; query?: Record<string, QueryValue>; body?: unknown };
    return request<RouteOutput<Routes[N]>>(method, routePath(path, input.params), input.body, input.query);
  }

  /** The address of a route (for a link or a download), with its params filled in and its query. */
  function href<N extends RouteName>(name: N, input: Pick<RouteInput<Routes[N]>, 'params' | 'query'>): string {
    const [, path] = routeAddresses[name];
    const given = input as { params?: Record<string, unknown>; query?: Record<string, QueryValue> };
    return `${base}${routePath(path, given.params)}${queryString(given.query)}`;
  }

  return {
    call,
    href,
    request,
    get: <T>(path: string, query?: Record<string, QueryValue>) => request<T>('GET', path, undefined, query),
    post: <T>(path: string, body?: unknown, query?: Record<string, QueryValue>) => request<T>('POST', path, body, query),
    put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
    patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
    delete: <T>(path: string) => request<T>('DELETE', path),
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;
