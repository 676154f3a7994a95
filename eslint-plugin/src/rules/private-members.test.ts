import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noUnboundedRetry from './no-unbounded-retry.js';
import noUnprotectedCall from './no-unprotected-call.js';
import requireTimeout from './require-timeout.js';
import retryRequiresBackoff from './retry-requires-backoff.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// ECMAScript private members (`#client`, `#send()`) are followed exactly as TypeScript `private` ones: a client kept
// in one, a field declared empty and made once the account is known, a wrapper method whose callers pass no signal,
// a method retrying itself. `#x` and `x` are different members of a class that has both, and `this['#x']` is
// neither. Each case below was missed while only identifiers named members (a finance app's bank and mail providers).
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

/** A bank provider whose client lives in a private field made in the constructor. */
const ledger = (options: string) => `import axios from 'axios';
export class Ledger {
  #client;
  constructor(token: string) {
    this.#client = axios.create({ baseURL: 'https://bank.example/v1', headers: { authorization: token }${options} });
  }
  async balances(account: string) {
    const reply = await this.#client.get(\`/accounts/\${account}/balances\`);
    return reply.data;
  }
}`;

/** A mail provider whose API client is declared empty and made once the user's token is known. */
const mailbox = (listOptions: string) => `import { google, type gmail_v1 } from 'googleapis';
export class Mailbox {
  #auth = new google.auth.OAuth2('id', 'secret', 'https://app.example/callback');
  #gmail: gmail_v1.Gmail | null = null;
  connect(refreshToken: string) {
    this.#auth.setCredentials({ refresh_token: refreshToken });
    this.#gmail = google.gmail({ version: 'v1', auth: this.#auth });
  }
  async latest() {
    const page = await this.#gmail!.users.messages.list({ userId: 'me' }${listOptions});
    return page.data.messages ?? [];
  }
}`;

/** A card API reached through a private method that adds the client certificate to the caller's options. */
const cardBank = (init: string) => `export class CardBank {
  #base = 'https://cards.example';
  async #send(path: string, init?: RequestInit): Promise<Response> {
    return fetch(this.#base + path, { ...init, headers: { ...init?.headers, 'x-client-cert': 'pem' } });
  }
  async cards(token: string) {
    const reply = await this.#send('/cards', ${init});
    return reply.json();
  }
}`;

ruleTester.run('require-timeout (clients and wrappers in ECMAScript private members)', requireTimeout, {
  valid: [
    ledger(', timeout: 10_000'),
    mailbox(', { timeout: 10_000 }'),
    cardBank("{ headers: { authorization: token }, signal: AbortSignal.timeout(8_000) }"),
    // `#client` has a timeout and `client` does not: only `this.client` would be unbounded, and it is not called
    `import axios from 'axios';
export class TwoClients {
  #client = axios.create({ baseURL: 'https://a.example', timeout: 5_000 });
  client = axios.create({ baseURL: 'https://b.example' });
  read() { return this.#client.get('/items'); }
}`,
    // `this['#client']` is a public property named with a `#`, not the private field
    `import axios from 'axios';
export class Spelled {
  #client = axios.create({ baseURL: 'https://a.example' });
  constructor() { (this as Record<string, unknown>)['#client'] = { get: async () => [] }; }
  read() { return (this as any)['#client'].get('/items'); }
}`,
  ],
  invalid: [
    { code: ledger(''), errors: [{ ...missing, line: 8, suggestions: 5 }] },
    { code: mailbox(''), errors: [{ ...missing, line: 10, suggestions: 3 }] },
    {
      // its only caller gives no bound: only this class can call `#send`, so the bound belongs in it (closed-layers.test.ts)
      code: cardBank("{ headers: { authorization: token } }"),
      errors: [{ ...missing, line: 4, suggestions: 4 }],
    },
    {
      // the same class with both: `this.client` is the unbounded one, `this.#client` is not
      code: `import axios from 'axios';
export class TwoClients {
  #client = axios.create({ baseURL: 'https://a.example', timeout: 5_000 });
  client = axios.create({ baseURL: 'https://b.example' });
  read() { return Promise.all([this.#client.get('/items'), this.client.get('/items')]); }
}`,
      errors: [{ ...missing, line: 5, column: 60, suggestions: 5 }],
    },
    {
      // and the other way round
      code: `import axios from 'axios';
export class TwoClients {
  #client = axios.create({ baseURL: 'https://a.example' });
  client = axios.create({ baseURL: 'https://b.example', timeout: 5_000 });
  read() { return Promise.all([this.#client.get('/items'), this.client.get('/items')]); }
}`,
      errors: [{ ...missing, line: 5, column: 32, suggestions: 5 }],
    },
  ],
});

const notifier = (ping: string) => `import axios from 'axios';
export class Notifier {
  #hooks = axios.create({ baseURL: 'https://hooks.example', timeout: 5_000 });
  ping() {
    ${ping}
  }
}`;

ruleTester.run('no-unprotected-call (a client in a private field)', noUnprotectedCall, {
  valid: [notifier("this.#hooks.post('/ping', {}).catch((error) => console.warn('ping failed', error));")],
  invalid: [{ code: notifier("this.#hooks.post('/ping', {});"), errors: [{ messageId: 'floating', line: 5, suggestions: 4 }] }],
});

/** A poller whose private method calls itself again, after a fixed second, when the request fails. */
const poller = (again: string) => `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export class Poller {
  async #load(url: string): Promise<unknown> {
    try {
      const reply = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return await reply.json();
    } catch {
      await sleep(1_000);
      return ${again};
    }
  }
  async load(url: string): Promise<unknown> {
    const reply = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return reply.json();
  }
  run(url: string) { return this.#load(url); }
}`;

/** A stream whose private read loop reconnects through two other private methods after the same pause. */
const stream = (catchBody: string, fields = '') => `const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export class Stream {${fields}
  constructor(private readonly url: string) {}
  start() { this.#connect(); }
  #connect() { void this.#readLoop(); }
  async #reconnect() {
    await pause(3_000);
    this.#connect();
  }
  async #readLoop() {
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(30_000) });
      for await (const chunk of response.body!) console.log(String(chunk));
    } catch ${catchBody}
  }
}`;
const cycle = '`#readLoop` (running itself again through `#reconnect` and `#connect`)';
/** The failures are counted in a plain field: a name for the count, not a second private member to declare. */
const counted = (code: string) => code.replace('export class Stream {', 'export class Stream {\n  readLoopFailures = 0;');

/** A relay link that opens a new socket from its close listener, kept in private members. */
const relay = (test: string) => `import WebSocket from 'ws';
declare function relayUrl(): string;
export class RelayLink {
  #socket: WebSocket;
  #relayChanged = false;
  constructor() {
    this.#socket = this.#open();
  }
  moved() { this.#relayChanged = true; }
  #open(): WebSocket {
    const ws = new WebSocket(relayUrl());
    ws.on('close', () => {
      if (${test}) this.#socket = this.#open();
    });
    return ws;
  }
}`;

ruleTester.run('retry-requires-backoff (private methods retrying themselves)', retryRequiresBackoff, {
  valid: [
    // `this.load` is another method than `#load`: no recursion
    poller('this.load(url)'),
    // reached only when the relay moved: it connects to the new address, it does not retry the old
    relay('this.#relayChanged'),
  ],
  invalid: [
    { code: relay('!this.#relayChanged'), errors: [{ messageId: 'noDelay', line: 13, suggestions: 1 }] },
    { code: poller('this.#load(url)'), errors: [{ messageId: 'constantDelay', data: { retry: '`#load` (retrying by calling itself)' }, line: 9, suggestions: 1 }] },
    {
      code: stream('{\n      void this.#reconnect();\n    }'),
      errors: [{
        messageId: 'constantDelay', data: { retry: cycle }, line: 15,
        suggestions: [{ messageId: 'fixAddBackoff', output: counted(stream('{\n      void this.#reconnect();\n    }')).replace('await pause(3_000);', 'await pause(Math.random() * Math.min(30_000, 100 * 2 ** this.readLoopFailures++));') }],
      }],
    },
  ],
});

ruleTester.run('no-unbounded-retry (private methods retrying themselves)', noUnboundedRetry, {
  valid: [
    poller('this.load(url)'),
    stream('{\n      if (++this.#attempts > 5) throw new Error("stream down");\n      void this.#reconnect();\n    }', '\n  #attempts = 0;'),
  ],
  invalid: [
    { code: poller('this.#load(url)'), errors: [{ messageId: 'unbounded', data: { retry: '`#load` (retrying by calling itself)' }, line: 9, suggestions: 1 }] },
    {
      code: stream('{\n      void this.#reconnect();\n    }'),
      errors: [{
        messageId: 'unbounded', data: { retry: cycle }, line: 15,
        suggestions: [{ messageId: 'fixAddBound', output: counted(stream('(error) {\n      if (this.readLoopFailures++ >= 2) throw error;\n      void this.#reconnect();\n    }')) }],
      }],
    },
  ],
});

// A class in another module of the package keeps its wrapper private and forwards the caller's options through a
// public method: a caller that passes no signal is reported where it calls, as with a TypeScript `private` wrapper.
const bankPackage = mkdtempSync(join(tmpdir(), 'resilint-private-members-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(bankPackage, path)), { recursive: true });
  writeFileSync(join(bankPackage, path), text);
};
write('package.json', JSON.stringify({ name: 'bank-sync', private: true }));
write('src/bank.ts', `export class BankApi {
  #base = 'https://bank.example';
  async #send(path: string, init?: RequestInit): Promise<Response> {
    return fetch(this.#base + path, { ...init, headers: { ...init?.headers, 'x-cert': 'pem' } });
  }
  async request(path: string, init?: RequestInit) {
    const reply = await this.#send(path, init);
    return reply.json();
  }
}
`);
const caller = (init: string) => `import { BankApi } from './bank';
const bank = new BankApi();
export async function balances() {
  return bank.request('/balances'${init});
}
`;
const filename = join(bankPackage, 'src/balances.ts');

ruleTester.run('require-timeout (a private wrapper of a class in another module)', requireTimeout, {
  valid: [{ code: caller(', { signal: AbortSignal.timeout(2_000) }'), filename }],
  invalid: [{ code: caller(''), filename, errors: [{ ...missing, line: 4, suggestions: 4 }] }],
});
