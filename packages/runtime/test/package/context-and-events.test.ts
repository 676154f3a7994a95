// Black-box tests of the built package: what the work is handed, and listeners that fail (issue 15, 4 and 6).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pipeline, retry, timeout, TimeoutError } from '@resilint/runtime';
import { describe, expect, it } from 'vitest';
import { withSilentServer } from '../helpers.js';

describe('the context handed to the work (built package)', () => {
  it('keeps signal and attempt when spread: fetch(url, { ...ctx }) is cancelled by a timeout', async () => {
    await withSilentServer(async (base, requestClosed) => {
      const seen: unknown[] = [];
      const result = pipeline(timeout(200), retry({ maxAttempts: 1 })).execute((ctx) => {
        const init = { ...ctx };
        seen.push(Object.keys(init).sort(), init.signal instanceof AbortSignal, init.attempt);
        return fetch(`${base}/slow`, init);
      });
      await expect(result).rejects.toBeInstanceOf(TimeoutError);
      await requestClosed;
      expect(seen).toEqual([['attempt', 'signal'], true, 1]);
    });
  });
});

describe('listeners (built package)', () => {
  it('reports an async listener that rejects, instead of crashing the process', () => {
    const packageUrl = new URL('../../dist/index.js', import.meta.url).href;
    const script = `
      import { circuitBreaker, retry, timeout } from ${JSON.stringify(packageUrl)};
      const breaker = circuitBreaker({ failureThreshold: 1, onStateChange: async () => { throw new Error('listener rejected'); } });
      breaker.onBreak(async () => { throw new Error('listener rejected'); });
      await breaker.execute(() => Promise.reject(Object.assign(new Error('down'), { code: 'ECONNREFUSED' }))).catch(() => {});
      const policy = retry({ maxAttempts: 2, onRetry: () => Promise.reject(new Error('listener rejected')) });
      await policy.execute(() => Promise.reject(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).catch(() => {});
      const limited = timeout(1);
      limited.onTimeout(async () => { throw new Error('listener rejected'); });
      await limited.execute(() => new Promise((resolve) => setTimeout(resolve, 20))).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 20));
      console.log('survived', breaker.state);
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      encoding: 'utf8',
    });
    expect(run.stdout.trim()).toBe('survived open');
    expect(run.status).toBe(0);
    expect(run.stderr.match(/an async event listener rejected; the call continued unaffected/g)).toHaveLength(4);
  });
});
