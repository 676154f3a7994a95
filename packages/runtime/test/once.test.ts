import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { exponentialBackoff, once, retry } from '../src/index.js';

/** A server that counts the POSTs it receives and drops the connection of each, as a proxy timing out would. */
async function withDroppingServer(test: (url: string, received: () => number) => Promise<void>): Promise<void> {
  let count = 0;
  const server = createServer((request) => {
    count += 1;
    request.socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await test(`http://127.0.0.1:${(server.address() as AddressInfo).port}/comments`, () => count);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('once', () => {
  it('keeps a retry from sending a POST again: the server receives it once, the caller gets the first failure', async () => {
    await withDroppingServer(async (url, received) => {
      const policy = retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 1, maxDelayMs: 2 }), retryOn: () => true });
      const send = () => fetch(url, { method: 'POST', body: 'looks good to me', signal: AbortSignal.timeout(5_000) });
      // control: without it, every attempt reaches the server
      await expect(policy.execute(send)).rejects.toThrow('fetch failed');
      expect(received()).toBe(3);
      const sentOnce = once(send);
      const failure = await policy.execute(sentOnce).catch((error: unknown) => error);
      expect(received()).toBe(4);
      await expect(sentOnce()).rejects.toBe(failure);
    });
  });

  it('hands every call the first result', async () => {
    let calls = 0;
    const next = once(async () => ++calls);
    await expect(next()).resolves.toBe(1);
    await expect(next()).resolves.toBe(1);
    expect(calls).toBe(1);
  });

  it('turns a synchronous throw into the same rejection for every call', async () => {
    let calls = 0;
    const broken = once((): number => {
      calls += 1;
      throw new Error('no token');
    });
    await expect(broken()).rejects.toThrow('no token');
    await expect(broken()).rejects.toThrow('no token');
    expect(calls).toBe(1);
  });
});
