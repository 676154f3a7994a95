import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noUnboundedRetry from './no-unbounded-retry.js';
import retryRequiresBackoff from './retry-requires-backoff.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A durable stream whose read loop, on failure, calls `this.reconnect()`: that waits and calls `this.connect()`, which
// starts the read loop again. The read loop retries itself through two other methods, as surely as by calling itself.
const ruleTester = new RuleTester();

const feed = ({ reconnect, catchBody = 'this.reconnect();', fields = '' }: { reconnect: string; catchBody?: string; fields?: string }) => `const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export class PriceFeed {
  private running = true;${fields}
  constructor(private readonly url: string, private readonly onPrice: (line: string) => void) {}
  start() {
    this.connect();
  }
  private connect() {
    void this.readLoop();
  }
  private async reconnect() {
${reconnect}
  }
  private async readLoop() {
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(30_000) });
      for await (const chunk of response.body!) this.onPrice(String(chunk));
    } catch {
      if (this.running) ${catchBody}
    }
  }
}`;

/** The feed as a fix leaves it: the failures counted in a field of the class (no argument reaches the read loop again). */
const counted = (code: string) => code.replace('export class PriceFeed {\n', 'export class PriceFeed {\n  readLoopFailures = 0;\n');
/** A listener whose loop reconnects after the stream ends and, after a fixed pause, when it fails. */
const listener = (catchWait: string) => `const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export class JobListener {
  private running = true;
  constructor(private readonly url: string) {}
  async start() {
    await this.connect();
  }
  private async connect() {
    void this.loop();
  }
  private async loop() {
    try {
      const response = await fetch(this.url);
      for await (const chunk of response.body!) console.log(String(chunk));
      if (this.running) await this.connect();
    } catch {
      if (this.running) {
        ${catchWait}
        await this.connect();
      }
    }
  }
}`;
const fixedPause = '    await pause(3_000);\n    this.connect();';
const name = '`readLoop` (running itself again through `reconnect` and `connect`)';

ruleTester.run('retry-requires-backoff (a method running itself again through others)', retryRequiresBackoff, {
  valid: [
    // the wait grows with each failure
    feed({ fields: '\n  private failures = 0;', reconnect: '    this.failures++;\n    await pause(Math.min(1_000 * 2 ** this.failures, 60_000) * Math.random());\n    this.connect();' }),
    // no cycle: the catch only reports
    feed({ reconnect: fixedPause, catchBody: 'console.error("feed stopped");' }),
  ],
  invalid: [
    {
      code: feed({ reconnect: fixedPause }),
      errors: [{
        messageId: 'constantDelay', data: { retry: name }, line: 20,
        suggestions: [{ messageId: 'fixAddBackoff', output: counted(feed({ reconnect: '    await pause(Math.random() * Math.min(30_000, 100 * 2 ** this.readLoopFailures++));\n    this.connect();' })) }],
      }],
    },
  ],
});

ruleTester.run('retry-requires-backoff (a listener reconnecting through another method)', retryRequiresBackoff, {
  valid: [],
  invalid: [
    {
      code: listener('await pause(3_000);'),
      errors: [{ messageId: 'constantDelay', data: { retry: '`loop` (running itself again through `connect`)' }, line: 19, suggestions: 1 }],
    },
  ],
});

ruleTester.run('no-unbounded-retry (a method running itself again through others)', noUnboundedRetry, {
  valid: [
    // a bounded number of attempts
    feed({ fields: '\n  private attempts = 0;', reconnect: '    if (++this.attempts > 5) throw new Error("feed down");\n    await pause(1_000 * 2 ** this.attempts);\n    this.connect();' }),
  ],
  invalid: [
    {
      code: feed({ reconnect: fixedPause }),
      errors: [{
        messageId: 'unbounded', data: { retry: name }, line: 20,
        suggestions: [{
          messageId: 'fixAddBound',
          output: counted(feed({ reconnect: fixedPause, catchBody: '{ if (this.readLoopFailures++ >= 2) throw error; this.reconnect(); }' })).replace('} catch {', '} catch (error) {'),
        }],
      }],
    },
  ],
});

// Twenty-eighth round, M4: a session opens its connection and hands the connection's updates to a method of its
// class, which opens a new connection at once whenever an update says the connection closed. The close branch is a
// reconnect going round on the connection's events, with no wait (a refused connection loops as fast as it fails).
const session = (closeBranch: string, state = "'close'") => `import { EventEmitter } from 'node:events';
declare function openLink(url: string): EventEmitter;
export class ChatSession {
  private link?: EventEmitter;
  constructor(private readonly url: string) {}
  async start() {
    this.link = openLink(this.url);
    this.link.on('update', (update: { state: string; reason?: string }) => this.onUpdate(update));
  }
  private async onUpdate(update: { state: string; reason?: string }) {
    if (update.state === ${state} && update.reason !== 'logged-out') {
      ${closeBranch}
    }
  }
}`;

ruleTester.run('retry-requires-backoff (a reconnect from the connection\'s close update)', retryRequiresBackoff, {
  valid: [
    // an update that is no failure: opening again when asked to switch accounts is no retry
    session('await this.start();', "'switch-account'"),
    // waiting longer each time
    session('await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** this.closes++)));\n      await this.start();')
      .replace('  private link?: EventEmitter;', '  private link?: EventEmitter;\n  private closes = 0;'),
  ],
  invalid: [
    {
      code: session('await this.start();'),
      errors: [{ messageId: 'noDelay', line: 12, suggestions: 1 }],
    },
    {
      // a fixed pause through a timer is no backoff either
      code: session('setTimeout(() => this.start(), 2_000);'),
      errors: [{ messageId: 'constantDelay', line: 12, suggestions: 1 }],
    },
  ],
});

// The same reconnect written as one function: it opens the connection, listens to its updates, and calls itself when
// an update says the connection closed (the shape of a chat library's own getting-started example).
const connector = (branch: string, state = "'close'") => `import { EventEmitter } from 'node:events';
declare function openLink(): { events: EventEmitter };
export function connect() {
  const link = openLink();
  link.events.on('update', (update: { state: string; code?: number }) => {
    if (update.state === ${state} && update.code !== 401) {
      ${branch}
    }
  });
  return link;
}`;

ruleTester.run('retry-requires-backoff (a function reconnecting from its connection\'s listener)', retryRequiresBackoff, {
  valid: [
    // an update that is no failure
    connector('connect();', "'open'"),
    // a growing wait before reconnecting
    connector('setTimeout(() => connect(), Math.min(60_000, 1_000 * 2 ** ++closes));').replace('export function connect() {', 'let closes = 0;\nexport function connect() {'),
  ],
  invalid: [
    { code: connector('connect();'), errors: [{ messageId: 'noDelay', line: 7, suggestions: 1 }] },
  ],
});

// The twenty-eighth round's M4 as evolution-api has it: the socket's events arrive in batches through Baileys' event
// buffer (`sock.ev.process(handler)`), registered by a method two calls away from the one that reconnects.
const bufferedSession = (branch: string) => `import { EventEmitter } from 'node:events';
declare function openSocket(): { ev: { process(handler: (events: Record<string, any>) => Promise<void>): void } };
export class WhatsAppSession {
  private socket?: ReturnType<typeof openSocket>;
  async connect() {
    return this.createClient();
  }
  private async createClient() {
    this.socket = openSocket();
    this.listen();
    return this.socket;
  }
  private listen() {
    this.socket!.ev.process(async (events) => {
      if (events['connection.update']) await this.onConnectionUpdate(events['connection.update']);
    });
  }
  private async onConnectionUpdate({ connection }: { connection?: string }) {
    if (connection === 'close') {
      ${branch}
    }
  }
}`;

ruleTester.run('retry-requires-backoff (a reconnect through an event buffer, three methods away)', retryRequiresBackoff, {
  valid: [bufferedSession("this.socket = undefined;")],
  invalid: [
    {
      code: bufferedSession('await this.connect();'),
      errors: [{ messageId: 'noDelay', data: { retry: '`onConnectionUpdate` (running itself again through `connect` and `createClient` and `listen`)' }, line: 20, suggestions: 1 }],
    },
  ],
});
