/** Signs that an answer leaks internals: stack frames, source positions, driver and SQL messages. */
const LEAKS: ReadonlyArray<[string, RegExp]> = [
  ['stack frame', /\n\s+at \S/],
  ['stack frame', /\bat (?:async )?[\w$.<>]+ \((?:file:|node:|\/)[^)]*:\d+:\d+\)/],
  ['source position', /\.(?:ts|js|mjs|cjs):\d+(?::\d+)?\b/],
  ['source path', /node_modules\/|\/packages\/server\/src\//],
  ['SQLite message', /SQLITE_[A-Z_]+|sqlite3?_|no such (?:table|column)/i],
  [
    'PostgreSQL message',
    /syntax error at|violates (?:unique|foreign key|not-null|check) constraint|relation "[^"]+" does not exist|invalid input syntax for type|duplicate key value/i,
  ],
  ['SQL text', /\b(?:select|insert into|update|delete from)\b[^"]{0,80}\b(?:from|values|set|where)\b[^"]{0,80}(?:\$\d|\?)/i],
  ['error class', /\b(?:TypeError|ReferenceError|RangeError|SyntaxError): /],
];

/** The leak an answer body shows, if any. */
export function leakIn(body: string): string | undefined {
  for (const [what, pattern] of LEAKS) if (pattern.test(body)) return what;
  return undefined;
}

/** Whether a 4xx answer from /api has the contract's error shape, { error: { code, message } }. */
export function isApiError(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } } | null;
    return typeof parsed?.error?.code === 'string' && typeof parsed.error.message === 'string';
  } catch {
    return false;
  }
}

export type Example = { method: string; url: string; status: number; body: string; note: string };

/** A failure worth showing: where, what came back, and what the request was. */
export function example(method: string, url: string, status: number, body: string, note: string): Example {
  return { method, url: url.length > 200 ? `${url.slice(0, 200)}…` : url, status, body: body.slice(0, 200), note };
}

export const describeExample = (e: Example) => `${e.method} ${e.url} → ${e.status} ${JSON.stringify(e.body)} [${e.note}]`;
