import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';
import timeoutRequiresCancellation from '../rules/timeout-requires-cancellation.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = (name: string, test: () => void) => it(name, test, 60_000);

// A CLI's tasks reach its clients through a context typed by an interface of the project (`ctx: Context`, imported
// from the package's index, which re-exports it from `./types`): `ctx.http.fetch(url)` is the project's HTTP layer,
// as the interface declares the member (met on a CLI in the twenty-fourth round, whose every request went that way).
const root = mkdtempSync(join(tmpdir(), 'resilint-context-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'io'));
mkdirSync(join(root, 'tasks'));
writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'deploy-cli', bin: { deploy: 'dist/bin.js' }, dependencies: { 'node-fetch': '^3' } }));
writeFileSync(join(root, 'io/http.ts'), `import fetch, { type RequestInit } from 'node-fetch';
export default class HttpClient {
  constructor(private readonly headers: Record<string, string> = {}) {}
  async fetch(url: string, init: RequestInit = {}) {
    return fetch(url, { ...init, headers: { ...this.headers } });
  }
}
`);
writeFileSync(join(root, 'types.ts'), `import HttpClient from './io/http';
export interface Logger { info(message: string): void }
export interface Context {
  log: Logger;
  http: HttpClient;
}
`);
writeFileSync(join(root, 'index.ts'), `export type { Context } from './types';
export const version = '1.0.0';
`);

const ruleTester = new RuleTester();

ruleTester.run('require-timeout: a client reached through a context typed by a project interface', requireTimeout, {
  valid: [
    {
      filename: join(root, 'tasks/bounded.ts'),
      code: `import type { Context } from '..';
export const status = (ctx: Context) => ctx.http.fetch('https://api.example.com/status', { signal: AbortSignal.timeout(5_000) });`,
    },
    // a member the interface does not declare as a class says nothing
    {
      filename: join(root, 'tasks/log.ts'),
      code: `import type { Context } from '../types';
export const note = (ctx: Context) => ctx.log.info('done');`,
    },
  ],
  invalid: [
    {
      filename: join(root, 'tasks/status.ts'),
      code: `import type { Context } from '..';
export const status = (ctx: Context) => ctx.http.fetch('https://api.example.com/status');`,
      errors: [{ messageId: 'missingTimeout', suggestions: 4 }],
    },
    {
      // the interface's own module, imported directly
      filename: join(root, 'tasks/publish.ts'),
      code: `import { Context } from '../types';
export async function publish(ctx: Context, body: string) {
  return ctx.http.fetch('https://api.example.com/builds', { method: 'PUT', body });
}`,
      errors: [{ messageId: 'missingTimeout', suggestions: 4 }],
    },
  ],
});

ruleTester.run('timeout-requires-cancellation: a race around a request through such a context', timeoutRequiresCancellation, {
  valid: [],
  invalid: [
    {
      filename: join(root, 'tasks/updates.ts'),
      code: `import type { Context } from '..';
const rejectIn = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('slow')), ms));
export async function latest(ctx: Context) {
  try {
    return await Promise.race([ctx.http.fetch('https://registry.example.com/tool'), rejectIn(5_000)]);
  } catch {
    return undefined;
  }
}`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', suggestions: 1 }],
    },
  ],
});
