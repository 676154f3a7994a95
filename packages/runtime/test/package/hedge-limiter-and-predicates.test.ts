// Black-box tests of the built package: the rest of what issue 15's users reach for — predicates everywhere (a
// fallback that does not hide bugs, an extensible classifier), hedging and a rate limiter — with real timers and a
// real fetch to a local server where cancellation matters.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  circuitBreaker,
  fallback,
  hedge,
  isProgrammingError,
  isTransientError,
  pipeline,
  rateLimiter,
  RateLimitedError,
  retry,
  type HedgeEvent,
} from '@resilint/runtime';
import { describe, expect, it, vi } from 'vitest';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A local server whose first request never gets an answer and whose later ones are answered at once. */
async function withServerSlowOnFirst(test: (url: string, firstClosed: Promise<void>) => Promise<void>): Promise<void> {
  let requests = 0;
  let firstClosed!: () => void;
  const closed = new Promise<void>((resolve) => (firstClosed = resolve));
  const server = createServer((request, response) => {
    if (request.url === '/warm-up') return void response.end('ok');
    if (++requests === 1) request.socket.on('close', firstClosed);
    else response.end(`answer ${requests}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await (await fetch(`${base}/warm-up`)).text();
    await test(`${base}/data`, closed);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('predicates everywhere (built package)', () => {
  it("fallback replaces a dependency's failure but, by default, not a programming error", async () => {
    const cached = fallback('cached');
    expect(await cached.execute(() => Promise.reject(new Error('down')))).toBe('cached');
    const bug = await cached.execute(() => (undefined as unknown as { x: () => string }).x()).catch((error: unknown) => error);
    expect(bug).toBeInstanceOf(TypeError);
    expect(isProgrammingError(bug)).toBe(true);
    // fetch's own network TypeError is the dependency's failure, not a bug.
    expect(await cached.execute(() => Promise.reject(new TypeError('fetch failed')))).toBe('cached');
  });

  it("fallback's `on` chooses what is replaced; one that throws replaces nothing", async () => {
    const onlyNotFound = fallback(null, { on: (error) => (error as { status?: number }).status === 404 });
    expect(await onlyNotFound.execute(() => Promise.reject(Object.assign(new Error('gone'), { status: 404 })))).toBeNull();
    await expect(onlyNotFound.execute(() => Promise.reject(Object.assign(new Error('down'), { status: 503 })))).rejects.toThrow('down');
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const broken = fallback('x', { on: (error) => (error as { response: { status: number } }).response.status >= 500 });
      await expect(broken.execute(() => Promise.reject(new Error('ECONNRESET, no response')))).rejects.toThrow('no response');
      expect(reported).toHaveBeenCalledTimes(1);
    } finally {
      reported.mockRestore();
    }
  });

  it('recognises AWS SDK, gRPC, Postgres, MySQL and Redis driver errors as transient, and learns more with .with()', () => {
    const aws503 = Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    const grpcUnavailable = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: 'No connection established', metadata: {} });
    const pgTerminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const mysqlLost = Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' });
    const redisGaveUp = Object.assign(new Error('Reached the max retries per request limit'), { name: 'MaxRetriesPerRequestError' });
    for (const error of [aws503, throttled, grpcUnavailable, pgTerminated, mysqlLost, redisGaveUp]) expect(isTransientError(error)).toBe(true);
    expect(isTransientError(Object.assign(new Error('Not Found'), { status: 404 }))).toBe(false);
    expect(isTransientError(new TypeError('x is not a function'))).toBe(false);

    const custom = Object.assign(new Error('queue busy'), { code: 'E_QUEUE_BUSY' });
    const extended = isTransientError.with({ codes: ['E_QUEUE_BUSY'] });
    expect(isTransientError(custom)).toBe(false);
    expect(extended(custom)).toBe(true);
    expect(extended(pgTerminated)).toBe(true);
  });

  it('a retry given the extended classifier retries the new error, and a breaker counts it with failureOn', async () => {
    const custom = () => Promise.reject(Object.assign(new Error('queue busy'), { code: 'E_QUEUE_BUSY' }));
    const classify = isTransientError.with({ codes: ['E_QUEUE_BUSY'] });
    const breaker = circuitBreaker({ failureThreshold: 2, failureOn: classify });
    let calls = 0;
    const stack = pipeline(retry({ maxAttempts: 2, retryOn: classify, backoff: { maxDelayMs: 0, delayMs: () => 0 } }), breaker);
    await stack.execute(() => (calls++, custom())).catch(() => {});
    expect(calls).toBe(2);
    expect(breaker.state).toBe('open');
  });
});

describe('hedge (built package, real timers)', () => {
  it('starts a second attempt when the first is slow, answers with the first success, and cancels the slow request', async () => {
    await withServerSlowOnFirst(async (url, firstClosed) => {
      const events: HedgeEvent[] = [];
      const policy = hedge({ delayMs: 20, onHedge: (event) => events.push(event) });
      const answer = await policy.execute(async ({ signal }) => (await fetch(url, { signal })).text());
      expect(answer).toBe('answer 2');
      expect(events).toEqual([{ attempt: 2, reason: 'delay' }]);
      await firstClosed;
    });
  });

  it('starts the next attempt at once when one fails transiently, and settles as the last one did when all fail', async () => {
    const started: number[] = [];
    const policy = hedge({ delayMs: 60_000, maxHedged: 2 });
    const error = await policy
      .execute(({ attempt }) => (started.push(attempt), Promise.reject(Object.assign(new Error(`attempt ${attempt}`), { code: 'ECONNRESET' }))))
      .catch((failure: unknown) => failure as Error);
    expect(started).toEqual([1, 2, 3]);
    expect(error!.message).toBe('attempt 3');
  });

  it("aborts every attempt when the caller aborts, and rejects with the caller's reason", async () => {
    const controller = new AbortController();
    const aborted: number[] = [];
    const policy = hedge({ delayMs: 5, maxHedged: 1 });
    const call = policy.execute(
      ({ signal, attempt }) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => (aborted.push(attempt), reject(signal.reason)), { once: true }),
        ),
      controller.signal,
    );
    await sleep(20);
    controller.abort(new Error('user left'));
    await expect(call).rejects.toThrow('user left');
    expect(aborted.sort()).toEqual([1, 2]);
  });
});

describe('rate limiter (built package, real timers)', () => {
  it('lets a burst of `permits` through, refuses the next with RateLimitedError and a retryAfterMs, then refills', async () => {
    const limiter = rateLimiter({ permits: 2, perMs: 40 });
    expect(await Promise.all([limiter.execute(() => 1), limiter.execute(() => 2)])).toEqual([1, 2]);
    const refusal = await limiter.execute(() => 3).then(
      () => expect.unreachable('the third call of a burst of two should be refused'),
      (error: unknown) => error as RateLimitedError,
    );
    expect(refusal).toBeInstanceOf(RateLimitedError);
    expect(refusal).toMatchObject({ name: 'RateLimitedError', permits: 2, perMs: 40 });
    expect(refusal!.retryAfterMs).toBeGreaterThan(0);
    expect(refusal!.retryAfterMs).toBeLessThanOrEqual(40);
    expect(isTransientError(refusal)).toBe(false);
    await sleep(refusal!.retryAfterMs + 10);
    expect(await limiter.execute(() => 4)).toBe(4);
    expect(limiter.stats()).toMatchObject({ calls: 4, successes: 3, rejections: 1 });
  });

  it('queues calls in arrival order up to maxQueue, and a queued call whose caller aborts leaves the queue at once', async () => {
    const limiter = rateLimiter({ permits: 1, perMs: 30, maxQueue: 2 });
    const order: string[] = [];
    await limiter.execute(() => order.push('first'));
    const controller = new AbortController();
    const leaving = limiter.execute(() => order.push('leaves'), controller.signal);
    const waiting = limiter.execute(() => order.push('waits'));
    expect(limiter.queued).toBe(2);
    controller.abort(new Error('gave up'));
    await expect(leaving).rejects.toThrow('gave up');
    expect(limiter.queued).toBe(1);
    await waiting;
    expect(order).toEqual(['first', 'waits']);
  });
});
