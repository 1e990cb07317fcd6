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
    const data: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const error = (data as ApiError | undefined)?.error;
      throw new ApiClientError(response.status, error?.code ?? 'internal_error', error?.message ?? response.statusText, error?.details ?? [], error?.current);
    }
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
