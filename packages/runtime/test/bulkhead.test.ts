import { describe, expect, it } from 'vitest';
import { bulkhead, BulkheadRejectedError } from '../src/index.js';
import { flushPromises } from './helpers.js';

/** Work the test finishes by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, work: () => opened.then(() => 'done') };
}

describe('bulkhead', () => {
  it('runs at most maxConcurrent calls and rejects the rest when there is no queue', async () => {
    const policy = bulkhead({ maxConcurrent: 2 });
    const g = gate();
    const running = [policy.execute(g.work), policy.execute(g.work)];
    const rejected = await policy.execute(g.work).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(BulkheadRejectedError);
    expect(rejected).toMatchObject({ message: 'Bulkhead is full (2 running, 0 queued)' });
    expect(policy.active).toBe(2);
    g.open();
    await Promise.all(running);
    expect(policy.active).toBe(0);
    await expect(policy.execute(() => 'again')).resolves.toBe('again');
  });

  it('queues up to maxQueue calls and starts them in arrival order as slots free', async () => {
    const policy = bulkhead({ maxConcurrent: 1, maxQueue: 2 });
    const order: string[] = [];
    const first = gate();
    const a = policy.execute(() => first.work().then(() => order.push('a')));
    const b = policy.execute(() => order.push('b'));
    const c = policy.execute(() => order.push('c'));
    await expect(policy.execute(() => 'd')).rejects.toBeInstanceOf(BulkheadRejectedError);
    expect(policy.queued).toBe(2);
    first.open();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(policy.queued).toBe(0);
  });

  it('frees the slot when the work throws synchronously', async () => {
    const policy = bulkhead({ maxConcurrent: 1 });
    await expect(policy.execute(() => {
      throw new Error('bug');
    })).rejects.toThrow('bug');
    expect(policy.active).toBe(0);
  });

  it('removes a queued call whose caller aborts, without running it', async () => {
    const policy = bulkhead({ maxConcurrent: 1, maxQueue: 1 });
    const g = gate();
    const running = policy.execute(g.work);
    const controller = new AbortController();
    let ran = false;
    const queued = policy.execute(() => (ran = true), controller.signal);
    controller.abort(new Error('gave up waiting'));
    await expect(queued).rejects.toThrow('gave up waiting');
    expect(policy.queued).toBe(0);
    g.open();
    await running;
    await flushPromises();
    expect(ran).toBe(false);
  });

  it('emits a reject event', async () => {
    const policy = bulkhead({ maxConcurrent: 1 });
    const rejections: unknown[] = [];
    policy.onReject((error) => rejections.push(error));
    const g = gate();
    const running = policy.execute(g.work);
    await policy.execute(g.work).catch(() => {});
    expect(rejections).toHaveLength(1);
    g.open();
    await running;
  });

  it.each([
    [{ maxConcurrent: 0 }, RangeError, /maxConcurrent must be an integer at least 1/],
    [{ maxQueue: -1 }, RangeError, /maxQueue must be an integer at least 0/],
    [{ concurrency: 3 }, TypeError, /unknown option "concurrency"/],
  ])('rejects bad options %o at construction', (options, type, message) => {
    expect(() => bulkhead(options as never)).toThrow(type);
    expect(() => bulkhead(options as never)).toThrow(message);
  });
});
