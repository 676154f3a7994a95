// Overhead of @resilint/runtime against a bare await, cockatiel and opossum, in one process.
// Contenders alternate (in a rotating order) round after round; each figure is the median of the rounds.
// Time is this process's CPU time (user + system), not wall time, so other load on a shared machine
// does not count against whichever contender happened to be running.
// Run with: npm run bench -w @resilint/runtime   (builds first, then benchmarks dist/index.js)
import * as cockatiel from 'cockatiel';
import CircuitBreaker from 'opossum';
import { bulkhead, circuitBreaker, exponentialBackoff, fallback, pipeline, retry, timeout } from '../dist/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);

// One error object, reused, so the failure path measures the policies, not Error's stack capture.
const failure = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
const succeed = () => Promise.resolve(1);
const fail = () => Promise.reject(failure);
const swallow = () => {};

/** Our stack, shaped as in the issue: pipeline(timeout, retry, circuitBreaker). */
function ours({ maxAttempts = 3, failureThreshold = 5 } = {}) {
  return pipeline(
    timeout(1_000),
    retry({ maxAttempts, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
    circuitBreaker({ failureThreshold, resetTimeoutMs: 3_600_000 }),
  );
}

/** The same stack in cockatiel. Its maxAttempts counts retries only; it does not retry an open circuit. */
function theirs({ retries = 2, failureThreshold = 5 } = {}) {
  const { wrap, timeout: cTimeout, TimeoutStrategy, retry: cRetry, circuitBreaker: cBreaker, handleAll, handleWhen } = cockatiel;
  const notBroken = handleWhen((error) => !(error instanceof cockatiel.BrokenCircuitError));
  return wrap(
    cTimeout(1_000, TimeoutStrategy.Cooperative),
    cRetry(notBroken, { maxAttempts: retries, backoff: new cockatiel.ExponentialBackoff() }),
    cBreaker(handleAll, { halfOpenAfter: 3_600_000, breaker: new cockatiel.ConsecutiveBreaker(failureThreshold) }),
  );
}

/** Opossum: a breaker with a built-in timeout (it has no retry). */
function opossum(action, { failureThreshold = 50 } = {}) {
  return new CircuitBreaker(action, {
    timeout: 1_000,
    resetTimeout: 3_600_000,
    errorThresholdPercentage: failureThreshold,
    volumeThreshold: failureThreshold === 100 ? Number.MAX_SAFE_INTEGER : 1,
  });
}

async function tripOpen(run) {
  for (let i = 0; i < 20; i++) await run().catch(swallow);
}

/** Runs `calls` awaited calls; returns CPU nanoseconds per call. */
async function measure(run, calls) {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await run().catch(swallow);
  const { user, system } = process.cpuUsage(start);
  return ((user + system) * 1e3) / calls;
}

async function scenario(title, contenders) {
  const samples = new Map(contenders.map(([name]) => [name, []]));
  // Warm up; then give a contender that is very slow on this path fewer calls, so a run stays short.
  const calls = new Map();
  for (const [name, run] of contenders) {
    await measure(run, 2_000);
    const estimate = await measure(run, 2_000);
    calls.set(name, Math.max(500, Math.min(CALLS, Math.floor(200e6 / estimate))));
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const [name, run] = contenders[(round + i) % contenders.length];
      samples.get(name).push(await measure(run, calls.get(name)));
    }
  }
  const medians = new Map([...samples].map(([name, values]) => [name, median(values)]));
  const bare = medians.get('bare await');
  const cockatielStack = medians.get('cockatiel wrap(timeout, retry, breaker)');
  console.log(`\n${title}  (median of ${ROUNDS} rounds x ${CALLS} calls)`);
  for (const [name, ns] of medians) {
    const parts = [`${(ns / 1_000).toFixed(3).padStart(8)} µs CPU/call`];
    if (bare !== undefined && name !== 'bare await') parts.push(`+${((ns - bare) / 1_000).toFixed(3)} µs over bare`);
    if (cockatielStack !== undefined && name !== 'cockatiel wrap(timeout, retry, breaker)') {
      parts.push(`${(ns / cockatielStack).toFixed(3)}x cockatiel (1/${(cockatielStack / ns).toFixed(1)})`);
    }
    if (calls.get(name) < CALLS) parts.push(`(${calls.get(name)} calls per round)`);
    console.log(`  ${name.padEnd(48)} ${parts.join('   ')}`);
  }
  return medians;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

console.log(`node ${process.version}, ${ROUNDS} rounds, ${CALLS} calls per measurement, CPU time`);

// Success path.
{
  const stack = ours();
  const cStack = theirs();
  const breaker = opossum(succeed);
  await scenario('success path', [
    ['bare await', succeed],
    ['resilint pipeline(timeout, retry, breaker)', () => stack.execute(succeed)],
    ['cockatiel wrap(timeout, retry, breaker)', () => cStack.execute(succeed)],
    ['opossum breaker (with timeout)', () => breaker.fire()],
  ]);
  breaker.shutdown();
}

// Failure path: the work fails once, nothing is retried and the breaker stays closed.
{
  const stack = ours({ maxAttempts: 1, failureThreshold: 1e9 });
  const cStack = theirs({ retries: 0, failureThreshold: 1e9 });
  const breaker = opossum(fail, { failureThreshold: 100 });
  await scenario('failure path (no retry, breaker stays closed)', [
    ['bare await', fail],
    ['resilint pipeline(timeout, retry, breaker)', () => stack.execute(fail)],
    ['cockatiel wrap(timeout, retry, breaker)', () => cStack.execute(fail)],
    ['opossum breaker (with timeout)', () => breaker.fire()],
  ]);
  breaker.shutdown();
}

// Open circuit: calls are refused without running the work.
{
  const stack = ours({ failureThreshold: 1 });
  const cStack = theirs({ failureThreshold: 1 });
  const breaker = opossum(fail, { failureThreshold: 1 });
  await tripOpen(() => stack.execute(fail));
  await tripOpen(() => cStack.execute(fail));
  await tripOpen(() => breaker.fire());
  if (!breaker.opened) throw new Error('bench: opossum breaker did not open');
  await scenario('open circuit (fail fast)', [
    ['bare await', fail],
    ['resilint pipeline(timeout, retry, breaker)', () => stack.execute(succeed)],
    ['cockatiel wrap(timeout, retry, breaker)', () => cStack.execute(succeed)],
    ['opossum breaker (with timeout)', () => breaker.fire()],
  ]);
  breaker.shutdown();
}

// Each policy alone, success path.
{
  const policies = {
    timeout: timeout(1_000),
    retry: retry(),
    circuitBreaker: circuitBreaker(),
    fallback: fallback(0),
    bulkhead: bulkhead({ maxConcurrent: 10 }),
    'pipeline()': pipeline(),
  };
  await scenario('single policies, success path', [
    ['bare await', succeed],
    ...Object.entries(policies).map(([name, policy]) => [`resilint ${name}`, () => policy.execute(succeed)]),
    ['resilint timeout, work reads ctx.signal', () => policies.timeout.execute(({ signal }) => (signal, succeed()))],
  ]);
}
