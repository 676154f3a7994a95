import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import rule from '../rules/require-timeout.js';

// An SDK's upload makes its own AbortController, so that one failed part cancels the others, and aborts it when the
// caller's signal aborts, if the caller gave one. Its requests carry the controller's signal, which no timer aborts:
// with no caller signal, a request that stops answering is never ended. A controller a timer aborts, or one whose
// aborts this file cannot see, is a bound.
const ruleTester = new RuleTester();
const untimed = { messageId: 'untimedSignal' as const };

const batchUpload = `export async function sendBatch(parts: string[], options: { endpoint: string; signal?: AbortSignal }) {
  const controller = new AbortController();
  const shared = controller.signal;
  options.signal?.addEventListener('abort', () => controller.abort());
  try {
    await Promise.all(parts.map((part) => fetch(options.endpoint, { method: 'PUT', body: part, signal: shared })));
  } catch (failure) {
    controller.abort();
    throw failure;
  }
}`;

ruleTester.run('require-timeout: the signal of a controller nothing aborts on time', rule, {
  valid: [
    // a timer aborts it
    `export async function poll(url: string) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      try { return await fetch(url, { signal: controller.signal }); } finally { clearTimeout(timer); }
    }`,
    // the caller's signal is required: the caller owns the bound
    `export async function relay(url: string, signal: AbortSignal) {
      const controller = new AbortController();
      signal.addEventListener('abort', () => controller.abort());
      return fetch(url, { signal: controller.signal });
    }`,
    // handed down two functions and an options object from a controller a timer aborts
    `async function download(url: string, signal: AbortSignal) {
      return fetch(url, { signal });
    }
    async function downloadEach({ urls, cancel }: { urls: string[]; cancel: AbortSignal }) {
      for (const url of urls) await download(url, cancel);
    }
    export async function downloadAll(urls: string[]) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 60_000);
      await downloadEach({ urls, cancel: controller.signal });
    }`,
    // handed to another function, which may abort it on a timer
    `import { track } from './deadlines';
    export async function load(url: string) {
      const controller = new AbortController();
      track(controller);
      return fetch(url, { signal: controller.signal });
    }`,
    // aborted in the function's own flow: a deadline of its own
    `export async function drain(urls: string[], deadline: number) {
      const controller = new AbortController();
      for (const url of urls) {
        if (Date.now() > deadline) controller.abort();
        await fetch(url, { signal: controller.signal });
      }
    }`,
    // its signal combined with a timeout before it reaches the call
    `export async function fetchWithCancel(url: string, outer?: AbortSignal) {
      const controller = new AbortController();
      outer?.addEventListener('abort', () => controller.abort());
      return fetch(url, { signal: AbortSignal.any([controller.signal, AbortSignal.timeout(8_000)]) });
    }`,
    // a handler that aborts it is also called on a schedule: it may be a deadline
    `export async function drain(urls: string[]) {
      const controller = new AbortController();
      function stop() { controller.abort(); }
      setTimeout(stop, 30_000);
      for (const url of urls) await fetch(url, { signal: controller.signal }).catch(stop);
    }`,
    // a component's effect hands the abort to React as its cleanup
    `export function subscribe(url: string) {
      const controller = new AbortController();
      void fetch(url, { signal: controller.signal });
      return () => controller.abort();
    }`,
  ],
  invalid: [
    { code: batchUpload, errors: [{ ...untimed, line: 6, suggestions: 4 }] },
    {
      // the caller's signal checked first, its options typed by an alias that joins two object types
      code: `type UploadParams = { url: string; abortSignal?: AbortSignal } & Partial<{ token: string }>;
export async function upload(params: UploadParams, body: string) {
  const controller = new AbortController();
  if (params.abortSignal) {
    params.abortSignal.addEventListener('abort', () => controller.abort());
  }
  return fetch(params.url, { method: 'POST', body, signal: controller.signal }).catch((failure) => {
    controller.abort();
    throw failure;
  });
}`,
      errors: [{ ...untimed, line: 7, suggestions: 3 }],
    },
    {
      // a CLI's build-status poll whose controller only Ctrl+C aborts (met in the thirty-first round): in CI nobody
      // presses it, and a silent server holds the job
      code: `export async function waitForBuild(host: string, job: string) {
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  for (let attempt = 0; attempt < 120; attempt++) {
    const response = await fetch(\`\${host}/builds/\${job}\`, { signal: stop.signal });
    if ((await response.json()).status === 'done') return true;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
  return false;
}`,
      errors: [{ ...untimed, line: 5, suggestions: 4 }],
    },
    {
      // the poll takes its signal from its caller, whose controller only a named Ctrl+C handler aborts (met in the
      // thirty-first round): no caller gives a signal that ends a silent server's wait
      code: `async function pollStatus(host: string, job: string, signal?: AbortSignal) {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (signal?.aborted) return 'cancelled';
    const response = await fetch(\`\${host}/builds/\${job}\`, { signal });
    if ((await response.json()).status === 'done') return 'done';
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
  return 'timed out';
}
export async function build(host: string, job: string) {
  const controller = new AbortController();
  const onSigint = () => {
    console.warn('cancelling the build');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await pollStatus(host, job, controller.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}`,
      errors: [{ ...untimed, line: 4, suggestions: 4 }],
    },
    {
      // a CLI's result downloads (the forty-third held-out round's transloadit, in our own words): the controller is
      // aborted only by the handler the job's emitter calls on an error, so a result server that stops sending holds
      // the CLI; the same with the handler handed to a rejection
      code: `import { EventEmitter } from 'node:events';
export async function downloadAll(urls: string[], job: EventEmitter) {
  const controller = new AbortController();
  function onJobError(error: Error) {
    controller.abort();
    console.error(error);
  }
  job.on('error', onJobError);
  const onDownloadError = (error: unknown) => {
    controller.abort();
    throw error;
  };
  for (const url of urls) await fetch(url, { signal: controller.signal }).catch(onDownloadError);
}`,
      errors: [{ ...untimed, line: 13, suggestions: 4 }],
    },
    {
      // the same downloads with the signal handed down two functions, the second time inside an options object the
      // callee destructures: the request is still bounded only by a controller aborted on an error
      code: `import { EventEmitter } from 'node:events';
async function download(url: string, signal: AbortSignal) {
  return fetch(url, { signal });
}
async function downloadEach({ urls, cancel }: { urls: string[]; cancel: AbortSignal }) {
  for (const url of urls) await download(url, cancel);
}
export async function downloadAll(urls: string[], job: EventEmitter) {
  const controller = new AbortController();
  job.on('error', () => controller.abort());
  await downloadEach({ urls, cancel: controller.signal });
}`,
      errors: [{ ...untimed, line: 3, suggestions: 4 }],
    },
    {
      // a controller nobody aborts
      code: `export async function ping(url: string) {
  const controller = new AbortController();
  return fetch(url, { signal: controller.signal });
}`,
      errors: [{ ...untimed, line: 3, suggestions: 4 }],
    },
  ],
});

describe('the fix of a call bounded only by an untimed controller', () => {
  it('keeps an optional parameter\'s signal when given, so the code still type-checks', () => {
    const linter = new Linter({ configType: 'flat', cwd: '/' });
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { resilint: { rules: { 'require-timeout': rule } } }, rules: { 'resilint/require-timeout': 'error' } }] as Linter.Config[];
    const code = `async function pollStatus(url: string, signal?: AbortSignal) {
  return fetch(url, { signal });
}
export async function build(url: string) {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  try {
    return await pollStatus(url, controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}`;
    const [finding] = linter.verify(code, config, { filename: '/project/src/build.ts' });
    expect(finding?.messageId).toBe('untimedSignal');
    const native = finding?.suggestions?.find((suggestion) => suggestion.fix.text.includes('AbortSignal.timeout('));
    expect(native?.fix.text).toMatch(/signal: signal \? AbortSignal\.any\(\[signal, AbortSignal\.timeout\(\d[\d_]*\)\]\) : AbortSignal\.timeout\(\d[\d_]*\)/);
  });

  it('keeps the controller\'s signal, so a failed sibling still cancels the call, and adds a timeout to it', () => {
    const linter = new Linter({ configType: 'flat', cwd: '/' });
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { resilint: { rules: { 'require-timeout': rule } } }, rules: { 'resilint/require-timeout': 'error' } }] as Linter.Config[];
    const [finding] = linter.verify(batchUpload, config, { filename: '/project/src/upload.ts' });
    const native = finding?.suggestions?.find((suggestion) => suggestion.fix.text.includes('AbortSignal.timeout('));
    expect(native?.fix.text).toMatch(/signal: AbortSignal\.any\(\[shared, AbortSignal\.timeout\(\d[\d_]*\)\]\)/);
  });
});

describe('a wrapper in another module whose call carries an untimed controller\'s signal', () => {
  // the wrapper's module is read for its summary (parsed apart from ESLint), where its call is judged too
  const project = mkdtempSync(join(tmpdir(), 'resilint-controller-wrapper-'));
  mkdirSync(join(project, 'src'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'parts-client', private: true }));
  writeFileSync(join(project, 'src/parts.ts'), batchUpload);
  const caller = `import { sendBatch } from './parts';
export const sendAll = (parts: string[]) => sendBatch(parts, { endpoint: 'https://store.example/parts' });
`;

  it('is reported once, at the wrapper\'s own call, not at its callers', () => {
    const linter = new Linter({ configType: 'flat', cwd: '/' });
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { resilint: { rules: { 'require-timeout': rule } } }, rules: { 'resilint/require-timeout': 'error' } }] as Linter.Config[];
    expect(linter.verify(caller, config, { filename: join(project, 'src/caller.ts') }).map(({ line, message }) => `${line}: ${message.slice(0, 40)}`)).toEqual([]);
    expect(linter.verify(batchUpload, config, { filename: join(project, 'src/parts.ts') }).map(({ line, messageId }) => `${line}: ${messageId}`)).toEqual(['6: untimedSignal']);
  });
});
