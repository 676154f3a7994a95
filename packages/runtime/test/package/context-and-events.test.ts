// Black-box tests of the built package: what the work is handed, and listeners that fail (issue 15, 4 and 6).
import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { pipeline, retry, timeout, TimeoutError } from '@resilint/runtime';
import { describe, expect, it } from 'vitest';

describe('the context handed to the work (built package)', () => {
  it('keeps signal and attempt when spread: fetch(url, { ...ctx }) is cancelled by a timeout', async () => {
    let request: IncomingMessage | undefined;
    const closed = new Promise<void>((resolve) => {
      // A server that never answers.
      const server = createServer((incoming) => {
        request = incoming;
        incoming.on('close', () => {
          server.close();
          resolve();
        });
      });
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        url = `http://127.0.0.1:${port}/slow`;
        ready();
      });
    });
    let url = '';
    let ready!: () => void;
    await new Promise<void>((resolve) => (ready = resolve));

    const seen: unknown[] = [];
    const result = pipeline(timeout(100), retry({ maxAttempts: 1 })).execute((ctx) => {
      const init = { ...ctx };
      seen.push(Object.keys(init).sort(), init.signal instanceof AbortSignal, init.attempt);
      return fetch(url, init);
    });
    await expect(result).rejects.toBeInstanceOf(TimeoutError);
    await closed;
    expect(request).toBeDefined();
    expect(seen).toEqual([['attempt', 'signal'], true, 1]);
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
    expect(run.stderr.match(/listener rejected/g)).toHaveLength(4);
  });
});
