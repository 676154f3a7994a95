import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import idempotent from './no-retry-non-idempotent.js';

const ruleTester = new RuleTester();

/**
 * Retry findings a reviewer rejected on tune code bases: a request that moves something into a final state or only
 * reads, sent again, and a connection made anew because its address changed.
 */

const releaseLease = (path: string) => `
const LIMIT = 4;
async function releaseLease(base: string, ids: string[]) {
  const res = await fetch(\`\${base}${path}\`, { method: 'POST', body: JSON.stringify({ ids }), signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error('release answered ' + res.status);
}
export async function onShutdown(base: string, ids: string[]) {
  for (let attempt = 0; attempt < LIMIT; attempt++) {
    try {
      await releaseLease(base, ids);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}`;

const checkSession = (url: string) => `
import axios from 'axios';
const auth = axios.create({ timeout: 10_000 });
export async function checkSession(token: string, attempt = 0): Promise<number> {
  try {
    const res = await auth.request({ method: 'POST', url: ${url}, data: { token } });
    return res.status;
  } catch (error) {
    if (attempt >= 3) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    return checkSession(token, attempt + 1);
  }
}`;

ruleTester.run('no-retry-non-idempotent: the URL of a request config', idempotent, {
  valid: [
    // A session check sent as a POST reads; its URL is read from the config object the request is given.
    checkSession(`'http://auth:3000/sessions/validate'`),
  ],
  invalid: [
    { code: checkSession(`'http://auth:3000/sessions'`), errors: [{ messageId: 'retriedRequest', line: 6, suggestions: 1 }] },
  ],
});

ruleTester.run('no-retry-non-idempotent: actions that set a final state', idempotent, {
  valid: [
    // Disconnecting (or cancelling, revoking) twice leaves the same state: the second request changes nothing.
    releaseLease('/workers/leases/disconnect'),
    releaseLease('/jobs/cancel?reason=shutdown'),
    // A POST that only reads (a session check, a token introspection, a search with a body) answers again the same.
    releaseLease('/sessions/validate'),
    releaseLease('/oauth/introspect'),
  ],
  invalid: [
    // The action is not the last segment: `/cancel/notify` sends a notification each time.
    { code: releaseLease('/jobs/cancel/notify'), errors: [{ messageId: 'retriedRequest', line: 10, suggestions: 1 }] },
    // A resource whose name starts like the verb is not the verb.
    { code: releaseLease('/disconnected-devices'), errors: [{ messageId: 'retriedRequest', line: 10, suggestions: 1 }] },
    // Reading words inside the path do not make the last action a read.
    { code: releaseLease('/validate/accounts'), errors: [{ messageId: 'retriedRequest', line: 10, suggestions: 1 }] },
  ],
});

const relay = (test: string) => `
import WebSocket from 'ws';
declare function currentRelayUrl(): { url: string; relayChanged: boolean };
export class RelayLink {
  socket: WebSocket;
  constructor() {
    this.socket = this.open();
  }
  open(): WebSocket {
    const ws = new WebSocket(currentRelayUrl().url);
    ws.on('close', () => {
      const relay = currentRelayUrl();
      if (${test}) {
        this.socket = this.open();
      }
    });
    return ws;
  }
}`;

ruleTester.run('retry-requires-backoff: a new connection after the address changed', backoff, {
  valid: [
    // Reached only when the relay's address changed: it connects to the new one, it does not retry the old.
    relay('relay.relayChanged'),
  ],
  invalid: [
    // Reached when nothing changed: reconnecting at once to the relay that just closed.
    { code: relay('!relay.relayChanged'), errors: [{ messageId: 'noDelay', line: 14, suggestions: 1 }] },
  ],
});

const notifier = (defaultAttempts: string, extra = '') => `
import axios from 'axios';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export class HookNotifier {
  constructor(private options: { url: string; attempts?: number; pauseMs?: number }) {
    this.options.attempts ${defaultAttempts};
    this.options.pauseMs ??= 20_000;${extra}
  }
  async notify(payload: object) {
    for (let attempt = 0; attempt < this.options.attempts; attempt++) {
      try {
        await axios.put(this.options.url, payload, { timeout: 10_000 });
        return;
      } catch {
        await pause(this.options.pauseMs);
      }
    }
  }
}`;

ruleTester.run('retry-requires-backoff: an attempt count with a default in its class', backoff, {
  valid: [
    // Three attempts unless the user sets more: a fixed pause over a few attempts is left alone, as for `attempt < 3`.
    notifier('??= 3'),
  ],
  invalid: [
    // Ten by default is not a few.
    { code: notifier('??= 10'), errors: [{ messageId: 'constantDelay', line: 10, suggestions: 1 }] },
    // Written again elsewhere in the class: the default is not the count it runs with.
    { code: notifier('??= 3', '\n  }\n  raise() {\n    this.options.attempts = 50;'), errors: [{ messageId: 'constantDelay', line: 13, suggestions: 1 }] },
  ],
});

/** A bank API answering 409 while the account's data is being prepared, asked again every second for a while. */
const bankSync = (counter: string, limit: string) => `
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function fetchBookings(client: { get(path: string): Promise<unknown> }, limit: number) {
  let ${counter} = 0;
  let bookings: unknown;
  while (!bookings && ${counter} < ${limit}) {
    try {
      bookings = await client.get('/accounts/main/bookings');
    } catch (error: any) {
      if (error.response?.status !== 409) throw error;
      await sleep(1000);
      ${counter} += 1000;
    }
  }
  return bookings;
}`;

ruleTester.run('retry-requires-backoff: waiting a while for data to be ready', backoff, {
  valid: [
    // The time waited so far, compared with a limit: a deadline, and a fixed pause until it passes is polling.
    bankSync('timeSpent', 'limit'),
    bankSync('waitedMs', '30_000'),
  ],
  invalid: [
    // The same loop counting tries towards a number nobody can see: a retry with a fixed pause.
    { code: bankSync('tries', 'limit'), errors: [{ messageId: 'constantDelay', line: 6, suggestions: 1 }] },
  ],
});

const waitForDatabase = (attempt: string) => `
import { Pool } from 'pg';
const pool = new Pool({ connectionString: process.env.DATABASE_URL, statement_timeout: 5_000 });
export async function connect() {
  const attempts = 15;
  for (let i = 0; i < attempts; i++) {
    try {
      ${attempt}
      break;
    } catch (error) {
      console.error(error);
      if (i < attempts - 1) {
        await new Promise((resolve) => setTimeout(resolve, 3_000));
      } else {
        process.exit(1);
      }
    }
  }
}`;

ruleTester.run('retry-requires-backoff: a start-up wait for a dependency to answer', backoff, {
  valid: [
    // Asking only whether the database answers, every 3 s until it is up: polling, for which a fixed interval is right.
    waitForDatabase(`await pool.query('SELECT 1');`),
  ],
  invalid: [
    // Re-running real work at a fixed interval is a retry in lock-step, whatever the loop is called.
    { code: waitForDatabase(`await pool.query('UPDATE jobs SET state = $1', ['ready']);`), errors: [{ messageId: 'constantDelay', line: 6, suggestions: 1 }] },
  ],
});

ruleTester.run('retry-requires-backoff: a function that takes the next item of a queue each time', backoff, {
  valid: [
    // A stream that plays its parts one after another: on a part's 'end' it reads again, which takes the next part.
    `import { Readable } from 'node:stream';
export class Playlist extends Readable {
  private playing?: Readable;
  constructor(private readonly tracks: Readable[]) { super(); }
  _read(size: number) {
    if (this.playing) return;
    this.playing = this.tracks.shift();
    if (!this.playing) { this.push(null); return; }
    this.playing.on('data', (chunk) => this.push(chunk));
    this.playing.on('end', () => { this.playing = undefined; this._read(size); });
    this.playing.on('error', (error) => this.destroy(error));
  }
}`,
  ],
  invalid: [
    // Putting the failed job back at the head of the queue and going again at once retries that same job.
    {
      code: `export class Outbox {
  constructor(private readonly jobs: string[]) {}
  async drain(): Promise<void> {
    const job = this.jobs.shift();
    if (!job) return;
    try {
      await fetch('https://hooks.example.com/deliver', { method: 'PUT', body: job, signal: AbortSignal.timeout(5_000) });
    } catch {
      this.jobs.unshift(job);
      return this.drain();
    }
    return this.drain();
  }
}`,
      errors: [{ messageId: 'noDelay', suggestions: 1 }],
    },
  ],
});
