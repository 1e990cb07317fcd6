import type { InjectOptions } from 'fastify';
import type { TestContext } from '../../packages/server/src/testing.js';
import { changedTables, fingerprint, type Fingerprint } from './fingerprint.js';
import { describeExample, example, isApiError, leakIn, type Example } from './invariants.js';

export type Sent = { status: number; body: string; rawPayload: Buffer; contentType: string; setCookie: string | undefined };
export type Request = InjectOptions & { method: string; url: string };
export type Sender = (request: Request, note: string) => Promise<Sent>;

const KEEP = 6;

/** Bad things seen, with an example of each different kind (status and the start of the answer). */
class Tally {
  count = 0;
  readonly examples: Example[] = [];
  private readonly kinds = new Set<string>();
  add(e: Example): void {
    this.count += 1;
    const kind = `${e.status} ${e.body.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID').slice(0, 50)}`;
    if (this.kinds.has(kind) || this.examples.length >= KEEP) return;
    this.kinds.add(kind);
    this.examples.push(e);
  }
}

/**
 * Sends requests in-process and checks every answer: no 5xx, no leak of internals, the API's
 * error shape on 4xx, and no change to data from a refused request (a fingerprint of every table
 * before and after each write; reads are checked in batches, since they should change nothing).
 */
export class Checker {
  requests = 0;
  accepted = 0;
  rejected = 0;
  readonly byRoute = new Map<string, number>();
  readonly serverErrors = new Tally();
  readonly leaks = new Tally();
  readonly badShapes = new Tally();
  readonly rejectedChanges = new Tally();
  readonly readChanges = new Tally();
  readonly crashes = new Tally();
  fingerprints = 0;
  private last: Fingerprint | undefined;
  private readsSince: Example[] = [];

  constructor(
    private readonly ctx: TestContext,
    private readonly onAcceptedWrite: () => Promise<void>,
  ) {}

  /** The data as it is now is the new baseline (after set-up writes made by the harness itself). */
  async resync(): Promise<void> {
    this.last = await this.fingerprint();
    this.readsSince = [];
  }

  private async fingerprint(): Promise<Fingerprint> {
    this.fingerprints += 1;
    return fingerprint(this.ctx.db);
  }

  /** Checks that the reads since the last fingerprint changed nothing. */
  async settle(): Promise<Fingerprint> {
    if (!this.last) {
      this.last = await this.fingerprint();
      this.readsSince = [];
      return this.last;
    }
    if (this.readsSince.length === 0) return this.last;
    const now = await this.fingerprint();
    if (now.whole !== this.last.whole) {
      const first = this.readsSince[0] as Example;
      this.readChanges.add({ ...first, note: `${first.note}; one of ${this.readsSince.length} reads changed ${changedTables(this.last, now).join(', ')}` });
    }
    this.last = now;
    this.readsSince = [];
    return now;
  }

  sender(routeKey: string): Sender {
    return (request, note) => this.send(routeKey, request, note);
  }

  async send(routeKey: string, request: Request, note: string): Promise<Sent> {
    const write = request.method !== 'GET' && request.method !== 'HEAD';
    const before = write ? await this.settle() : undefined;
    this.requests += 1;
    this.byRoute.set(routeKey, (this.byRoute.get(routeKey) ?? 0) + 1);
    let sent: Sent;
    try {
      const response = await this.ctx.app.inject(request);
      const cookie = response.headers['set-cookie'];
      sent = {
        status: response.statusCode,
        body: response.body,
        rawPayload: response.rawPayload,
        contentType: String(response.headers['content-type'] ?? ''),
        setCookie: Array.isArray(cookie) ? cookie.join('; ') : cookie,
      };
    } catch (error) {
      // The in-process request itself blew up: as bad as a 500.
      this.crashes.add(example(request.method, request.url, 0, error instanceof Error ? `${error.name}: ${error.message}` : String(error), note));
      sent = { status: 0, body: '', rawPayload: Buffer.alloc(0), contentType: '', setCookie: undefined };
      if (write) await this.resync();
      return sent;
    }
    const seen = example(request.method, request.url, sent.status, sent.body, note);
    if (sent.status >= 500) this.serverErrors.add(seen);
    // Spreadsheets are zip or CSV bytes, not text a trace could hide in; the CSV is still checked.
    const text = sent.contentType.includes('spreadsheetml') ? '' : sent.body;
    const leak = leakIn(text);
    if (leak) this.leaks.add({ ...seen, note: `${note}; ${leak}` });
    // A HEAD answer has no body to be in any shape.
    if (sent.status >= 400 && sent.status < 500 && request.url.startsWith('/api') && request.method !== 'HEAD' && !isApiError(sent.body))
      this.badShapes.add(seen);
    if (sent.status >= 400) this.rejected += 1;
    else this.accepted += 1;
    if (write && before) {
      const after = await this.fingerprint();
      if (sent.status >= 400 && after.whole !== before.whole)
        this.rejectedChanges.add({ ...seen, note: `${note}; changed ${changedTables(before, after).join(', ')}` });
      this.last = after;
      if (sent.status < 400) await this.onAcceptedWrite();
    } else {
      this.readsSince.push(seen);
    }
    return sent;
  }

  /** The examples of every kind of failure, for a CheckResult's detail. */
  report(): string[] {
    const lines: string[] = [];
    const section = (title: string, tally: Tally) => {
      if (tally.count === 0) return;
      lines.push(`${title} (${tally.count}):`);
      for (const e of tally.examples) lines.push(`  ${describeExample(e)}`);
    };
    section('5xx answers', this.serverErrors);
    section('requests that threw', this.crashes);
    section('answers leaking internals', this.leaks);
    section('4xx answers not in the API error shape', this.badShapes);
    section('refused requests that changed data', this.rejectedChanges);
    section('reads that changed data', this.readChanges);
    return lines;
  }
}
