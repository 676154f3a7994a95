import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A generic retry helper that asks a function its caller hands in whether (and how long) to wait before going again
// (a CLI's `retry(work, delayFor)`, met in the twenty-ninth round): its bound is written by its callers, in other
// modules, and the work it runs again is theirs, so a POST handed to it is re-sent though nothing in the caller's file
// shows a retry.
const root = mkdtempSync(join(tmpdir(), 'resilint-decided-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HELPER = `const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// runs \`work\`; after a failure asks \`delayFor(attempt, error)\` how long to wait, and gives up when it answers undefined
export const withRetries = async <T>(work: () => Promise<T>, delayFor: (attempt: number, error: Error) => number | undefined): Promise<T> => {
  const go = async (attempt = 0): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const wait = delayFor(attempt, error as Error);
      if (wait) {
        await pause(wait);
        return go(attempt + 1);
      }
      throw error;
    }
  };
  return go();
};
`;

const write = (path: string, text: string): string => {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
};

write('package.json', '{ "name": "reports-cli", "private": true }');
// the helper's callers stop after three attempts, the second through a function of their module given the count
const bounded = write('bounded/retry.ts', HELPER);
write('bounded/reports.ts', `import { withRetries } from './retry';
const LIMIT = 3;
export const getReport = (id: string) => withRetries(async () => {
  const response = await fetch(\`https://api.example.com/reports/\${id}\`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(String(response.status));
  return response.json();
}, (attempt) => (attempt < LIMIT ? 500 * 2 ** attempt : undefined));
`);
write('bounded/jobs.ts', `import { withRetries } from './retry';
const MAX_RETRIES = 3;
const retryDelay = (retries: number, error: Error) => (retries < MAX_RETRIES && 'code' in error ? 1_000 * 2 ** retries : undefined);
export const getJob = (id: string) => withRetries(() => fetch(\`https://api.example.com/jobs/\${id}\`, { signal: AbortSignal.timeout(10_000) }), (retries, error) => retryDelay(retries, error));
`);
// a test spying on the helper's module hands it nothing the product runs
write('bounded/__tests__/retry.test.ts', `import * as retry from '../retry';
jest.spyOn(retry, 'withRetries');
`);
// one caller hands a decision that always says "again"
const unbounded = write('unbounded/retry.ts', HELPER);
write('unbounded/feed.ts', `import { withRetries } from './retry';
export const readFeed = () => withRetries(() => fetch('https://feeds.example.com/latest', { signal: AbortSignal.timeout(10_000) }), () => 1_000);
`);
// the helper's work is a POST that starts a run: re-sent after a timeout, it can start twice
write('trigger/retry.ts', HELPER);
const trigger = write('trigger/runs.ts', `import { withRetries } from './retry';
const delayFor = (attempt: number) => (attempt < 3 ? 1_000 : undefined);
const post = async (url: string, body: unknown) => {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(String(response.status));
  return response.json();
};
export const startRun = (tests: string[]) => withRetries(() => post('https://api.example.com/v1/runs', { tests }), delayFor);
export const getRun = (id: string) => withRetries(async () => (await fetch(\`https://api.example.com/v1/runs/\${id}\`, { signal: AbortSignal.timeout(30_000) })).json(), delayFor);
`);

function findings(file: string, rules: readonly string[]): string[] {
  const config = plugin.configs.all as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), config, { filename: file })
    .filter((message) => message.fatal || rules.includes(message.ruleId ?? ''))
    .map((message) => `${message.line}:${message.ruleId}`);
}

describe('a retry helper bounded by the decision its callers hand in', () => {
  it('leaves the helper alone when every product caller hands a decision that stops at a count', () => {
    expect(findings(bounded, ['resilint/no-unbounded-retry'])).toEqual([]);
  });

  it('reports it when a caller hands one that never stops', () => {
    expect(findings(unbounded, ['resilint/no-unbounded-retry'])).toEqual(['12:resilint/no-unbounded-retry']);
  });

  it("reports a POST handed to an imported helper as re-sent, and leaves the GET alone", () => {
    expect(findings(trigger, ['resilint/no-retry-non-idempotent'])).toEqual(['8:resilint/no-retry-non-idempotent']);
  });
});


// A loop asking a function of the project, imported through a barrel (`export * from './backoff.ts'`), how long to wait
// after the attempt that failed; the function gives up (-1) once the count passes its limit (met on a chat SDK's
// request processor, the thirty-sixth round): bounded, however far the decision sits.
write('sdk/http/backoff.ts', `export function backoffFor(error: unknown, attempts: number): number {
  if (attempts > 4) return -1;
  return 1_000 * 2 ** attempts;
}
`);
write('sdk/http/index.ts', "export * from './backoff.ts';\n");
const decided = write('sdk/crypto/processor.ts', `import { backoffFor } from '../http/index.ts';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function send(url: string): Promise<unknown> {
  let attempts = 0;
  while (true) {
    try {
      return await (await fetch(url, { signal: AbortSignal.timeout(30_000) })).json();
    } catch (error) {
      attempts++;
      const wait = backoffFor(error, attempts);
      if (wait < 0) throw error;
      await pause(wait);
    }
  }
}
`);

describe('a retry loop bounded by a function of the project it hands the count', () => {
  it('leaves the loop alone when the imported function gives up past a count, through a barrel', () => {
    expect(findings(decided, ['resilint/no-unbounded-retry'])).toEqual([]);
  });
});

// The same policy reached through a class: a static method of an imported class handing the count on to the shared
// backoff function (`Scheduler.backoff(attempts, error)`), and a field a constructor parameter defaults to a static
// method of its own class (`constructor(public readonly retryPolicy = SendQueue.backoff)`), which users may replace
// with their own (met on the same chat SDK's event scheduler and message queue).
write('sdk/scheduler.ts', `import { backoffFor } from './http/index.ts';
export class Scheduler {
  public static backoff(attempts: number, error: unknown): number {
    return backoffFor(error, attempts);
  }
}
`);
const throughClass = write('sdk/outbox.ts', `import { Scheduler } from './scheduler.ts';
declare const store: { oldest(): Promise<{ id: number; body: string } | null>; remove(id: number): Promise<void> };
export class Outbox {
  private failures = 0;
  flush = async (): Promise<void> => {
    try {
      for (let batch = await store.oldest(); batch; batch = await store.oldest()) {
        await fetch('https://chat.example.com/send', { method: 'PUT', body: batch.body, signal: AbortSignal.timeout(10_000) });
        await store.remove(batch.id);
        this.failures = 0;
      }
    } catch (error) {
      ++this.failures;
      const wait = Scheduler.backoff(this.failures, error);
      if (wait === -1) return;
      setTimeout(this.flush, wait);
    }
  };
}
`);
const fieldPolicy = (backoff: string) => `export class SendQueue {
  public static backoff(attempts: number, error: Error): number {
    ${backoff}
  }
  private items: { body: string; attempts: number }[] = [];
  constructor(public readonly retryPolicy = SendQueue.backoff) {}

  public process = (): void => {
    const item = this.items[0];
    if (!item) return;
    fetch('https://chat.example.com/send', { method: 'PUT', body: item.body, signal: AbortSignal.timeout(10_000) }).then(
      () => {
        this.items.shift();
        this.process();
      },
      (error) => {
        item.attempts += 1;
        const wait = this.retryPolicy(item.attempts, error);
        if (wait === -1) {
          this.items.shift();
        } else {
          setTimeout(this.process, wait);
        }
      },
    );
  };
}
`;
const fieldBounded = write('sdk/send-queue.ts', fieldPolicy('if (attempts > 4) return -1;\n    return 1000 * 2 ** attempts;'));
const fieldEndless = write('sdk/endless-queue.ts', fieldPolicy("return error.name === 'AbortError' ? -1 : 1000;"));

describe('a retry bounded by a policy method of a class', () => {
  it('leaves a queue re-armed after a static method of an imported class gives up alone, and its drain too', () => {
    expect(findings(throughClass, ['resilint/no-unbounded-retry', 'resilint/no-try-outside-loop'])).toEqual([]);
  });

  it('leaves a queue alone when its policy field defaults to a static method that gives up past a count', () => {
    expect(findings(fieldBounded, ['resilint/no-unbounded-retry'])).toEqual([]);
  });

  it('reports it when the default policy never counts', () => {
    expect(findings(fieldEndless, ['resilint/no-unbounded-retry'])).toEqual(['22:resilint/no-unbounded-retry']);
  });
});
