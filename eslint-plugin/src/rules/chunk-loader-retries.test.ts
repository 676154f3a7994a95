import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import unbounded from './no-unbounded-retry.js';

// retry-requires-backoff and no-unbounded-retry: a helper retrying a chunk of the program's own code. The loader is
// handed in (an option of a lazy-loader factory that its modules call through a barrel, or a function a lazy
// component's factory passes), and what fails is a chunk gone after a deploy, not an overloaded dependency. A helper
// that some caller hands a request stays reported. The helpers try four more times: a page that tries a request only
// once or twice more is left alone (see retry-requires-backoff's docs).
const ruleTester = new RuleTester();

const project = mkdtempSync(join(tmpdir(), 'resilint-chunk-loaders-'));
const write = (path: string, code: string): string => {
  const file = join(project, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, code);
  return file;
};
write('package.json', JSON.stringify({ name: 'studio', private: true, dependencies: { react: '^19', 'react-dom': '^19' } }));

/** A factory of cached lazy modules: it retries `load()` then `prepare(module)` a fixed time apart. */
const factoryCode = (name: string) => `
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
export interface ChunkOptions<M, R> { load: () => Promise<M>; prepare?: (module: M) => R | Promise<R>; attempts?: number; gapMs?: number }
export function ${name}<M, R = M>(settings: ChunkOptions<M, R>) {
  const { load, prepare, attempts = 4, gapMs = 800 } = settings;
  async function once(): Promise<R> {
    const module = await load();
    return prepare ? await prepare(module) : (module as unknown as R);
  }
  async function tryLoad(round = 0): Promise<R> {
    try {
      return await once();
    } catch (problem) {
      if (round < attempts) {
        await pause(gapMs);
        return tryLoad(round + 1);
      }
      throw problem;
    }
  }
  return { get: () => tryLoad() };
}`;

// Its modules call it directly or through the folder's barrel, each with a dynamic import and set-up of what loaded.
const chunks = write('src/chunks/factory.ts', factoryCode('defineChunk'));
write('src/chunks/index.ts', `export { defineChunk } from './factory';\nexport type { ChunkOptions } from './factory';\n`);
write('src/chunks/diagrams.ts', `
import { defineChunk } from './factory';
export const diagrams = defineChunk({ load: () => import('./vendor/diagram-kit'), prepare: (kit: any) => { kit.configure({ theme: 'dark' }); return kit; } });`);
write('src/chunks/highlight.ts', `
import { defineChunk } from './factory';
export const highlighter = defineChunk({ load: () => import('./vendor/highlight').then((m) => m.create), prepare: (create: any) => create({ langs: ['ts'] }) });`);
write('src/editor/preview.ts', `
import { defineChunk } from '../chunks';
export const preview = defineChunk({ load: () => import('./preview-pane') });`);

// The same factory elsewhere, where one caller hands it a request to a service.
const remote = write('src/remote/factory.ts', factoryCode('defineRemote'));
write('src/remote/prices.ts', `
import { defineRemote } from './factory';
export const prices = defineRemote({ load: () => fetch('https://prices.example.test/today', { signal: AbortSignal.timeout(3_000) }).then((r) => r.json()) });
export const charts = defineRemote({ load: () => import('./charts') });`);

/** A lazy component retried a fixed second apart, counting down the tries it has left. */
const lazyComponent = (factory: string) => `
import React from 'react';
function again<T>(make: () => Promise<T>, left = 5, gap = 1000): Promise<T> {
  return new Promise((resolve, reject) => {
    make().then(resolve).catch((problem) => {
      setTimeout(() => {
        if (left === 1) return reject(problem);
        again(make, left - 1, gap).then(resolve, reject);
      }, gap);
    });
  });
}
export default function lazyAgain<C extends React.ComponentType<any>>(load: () => Promise<{ default: C }>) {
  return ${factory};
}`;

ruleTester.run('retry-requires-backoff: retrying a chunk of the program', backoff, {
  valid: [
    { code: factoryCode('defineChunk'), filename: chunks },
    { code: lazyComponent('React.lazy(() => again(load))'), filename: join(project, 'src/lazy-again.ts') },
  ],
  invalid: [
    // some caller hands it a request: a retry of a service, a fixed 800 ms apart
    {
      code: factoryCode('defineRemote'),
      filename: remote,
      options: [{ allowFixedDelayUpTo: 0, checkPages: true }],
      errors: [{ messageId: 'constantDelay', suggestions: 1 }],
    },
    // the same helper's result handed to something other than a lazy component: what it retries is not known
    {
      code: lazyComponent('{ load: () => again(load) }'),
      filename: join(project, 'src/lazy-again-plain.ts'),
      options: [{ allowFixedDelayUpTo: 0, checkPages: true }],
      errors: [{ messageId: 'constantDelay', suggestions: 1 }],
    },
  ],
});

ruleTester.run('no-unbounded-retry: retrying a lazy component', unbounded, {
  valid: [{ code: lazyComponent('React.lazy(() => again(load))'), filename: join(project, 'src/lazy-again.ts') }],
  invalid: [],
});
