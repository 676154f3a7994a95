// Overhead of @resilint/runtime against a bare await, cockatiel and opossum, in one process.
// Contenders alternate (in a rotating order) round after round; each figure is the median of the rounds.
// Time is this process's CPU time (user + system), not wall time, so other load on a shared machine
// does not count against whichever contender happened to be running.
// Run with: npm run bench -w @resilint/runtime   (builds first, then benchmarks dist/index.js)
import * as cockatiel from 'cockatiel';
import { pathToFileURL } from 'node:url';
import CircuitBreaker from 'opossum';
import * as runtime from '../dist/index.js';
import { handWrittenTimeout } from './floor.mjs';
import { bulkhead, circuitBreaker, exponentialBackoff, fallback, pipeline, retry, timeout } from '../dist/index.js';

// BENCH_BASELINE=<path to another build's index.js> adds that build's stack beside ours, in the same rounds.
const baseline = process.env.BENCH_BASELINE ? await import(pathToFileURL(process.env.BENCH_BASELINE).href) : undefined;
const BASELINE = 'baseline pipeline(timeout, retry, breaker)';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);

// One error object, reused, so the failure path measures the policies, not Error's stack capture.
const failure = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
const succeed = () => Promise.resolve(1);
const fail = () => Promise.reject(failure);
const swallow = () => {};
// Real work reads its signal (fetch(url, { signal })); reading it is what makes a policy create an AbortController.
const readsSignal = ({ signal }) => (signal.aborted ? Promise.reject(signal.reason) : Promise.resolve(1));
const IN_FLIGHT = 1_000;
// Calls per measurement for work that reads its signal, as a multiple of BENCH_CALLS (see scenario()).
const SIGNAL_SCALE = Number(process.env.BENCH_SIGNAL_SCALE ?? 3);
// Rounds of the two scenarios that hold the bar of at most 1.1x the hand-written floor: one round's ratio to the
// floor ranged over 0.7-1.4 at load 10-20, and a median of 15 such rounds moved by ±0.05 from run to run.
const SIGNAL_ROUNDS = Number(process.env.BENCH_SIGNAL_ROUNDS ?? 31);
// The floor measured a second time as a contender of its own: its ratio to the floor is this run's noise, so a
// reader can see whether a stack's distance from the floor is more than that.
const FLOOR_AGAIN = 'hand-written floor, measured again (noise)';


/** Our stack, shaped as in the issue: pipeline(timeout, retry, circuitBreaker). */
function ours({ maxAttempts = 3, failureThreshold = 5 } = {}, lib = runtime) {
  return lib.pipeline(
    lib.timeout(1_000),
    lib.retry({ maxAttempts, backoff: lib.exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
    lib.circuitBreaker({ failureThreshold, resetTimeoutMs: 3_600_000 }),
  );
}

/** The baseline build's stack as one more contender (none without BENCH_BASELINE); `prepare` runs on it first. */
async function withBaseline(options, call, prepare = async () => {}) {
  if (baseline === undefined) return [];
  const stack = ours(options, baseline);
  await prepare(stack);
  return [[BASELINE, () => call(stack)]];
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

/**
 * Runs `calls` awaited calls; returns CPU nanoseconds per call. (A forced collection before each measurement
 * was tried, so no contender pays for another's garbage: it made every contender several times slower, so the
 * figures no longer meant anything.)
 */
async function measure(run, calls, perRun = 1) {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await run().catch(swallow);
  const { user, system } = process.cpuUsage(start);
  return ((user + system) * 1e3) / (calls * perRun);
}

/** `IN_FLIGHT` calls started together and awaited together, as under load; measured per call. */
function inFlight(call) {
  return () => Promise.all(Array.from({ length: IN_FLIGHT }, () => call().catch(swallow)));
}

// BENCH_ONLY=<regular expression> runs only the scenarios whose title matches (the others print nothing).
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;

/**
 * `scale` multiplies the calls per measurement: work that reads its signal makes an AbortController per call,
 * and Node's collections then cost ~15-30 ms each, so a measurement must span many of them to be steady.
 */
async function scenario(title, contenders, perRun = 1, scale = 1, rounds = ROUNDS) {
  if (only !== undefined && !only.test(title)) return new Map();
  const samples = new Map(contenders.map(([name]) => [name, []]));
  // Warm up; then give a contender that is very slow on this path (opossum's failure path: milliseconds a call)
  // fewer calls, so a run stays short. Every contender within 10x of the fastest makes the full count: contenders
  // compared round by round must span the same calls, and an estimate from 2,000 calls can be several times too
  // high when a young collection falls in it (a signal-reading stack once got 28,000 calls to the floor's 60,000).
  const estimates = new Map();
  for (const [name, run] of contenders) {
    const first = await measure(run, Math.ceil(2_000 / perRun), perRun);
    estimates.set(name, Math.min(first, await measure(run, Math.ceil(2_000 / perRun), perRun)));
  }
  const fastest = Math.min(...estimates.values());
  const maxCalls = Math.ceil((CALLS * scale) / perRun);
  const calls = new Map();
  for (const [name, estimate] of estimates) {
    const budgeted = Math.max(Math.ceil(500 / perRun), Math.min(maxCalls, Math.floor((400e6 * scale) / (estimate * perRun))));
    calls.set(name, estimate <= 10 * fastest ? maxCalls : budgeted);
  }
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const [name, run] = contenders[(round + i) % contenders.length];
      samples.get(name).push(await measure(run, calls.get(name), perRun));
    }
  }
  const medians = new Map([...samples].map(([name, values]) => [name, median(values)]));
  const bare = medians.get('bare await');
  const cockatielStack = medians.get('cockatiel wrap(timeout, retry, breaker)');
  const floor = samples.get(FLOOR);
  console.log(`\n${title}  (median of ${rounds} rounds x ${CALLS * scale} calls)`);
  for (const [name, ns] of medians) {
    const parts = [`${(ns / 1_000).toFixed(3).padStart(8)} µs CPU/call`];
    if (bare !== undefined && name !== 'bare await') parts.push(`+${((ns - bare) / 1_000).toFixed(3)} µs over bare`);
    if (cockatielStack !== undefined && name !== 'cockatiel wrap(timeout, retry, breaker)') {
      parts.push(`${(ns / cockatielStack).toFixed(3)}x cockatiel (1/${(cockatielStack / ns).toFixed(1)})`);
    }
    if (floor !== undefined && name !== FLOOR) parts.push(ratioToFloor(samples.get(name), floor));
    const base = medians.get(BASELINE);
    if (base !== undefined && name.endsWith('pipeline(timeout, retry, breaker)')) parts.push(`${(ns / base).toFixed(3)}x baseline`);
    if (calls.get(name) * perRun < CALLS * scale) parts.push(`(${calls.get(name) * perRun} calls per round)`);
    console.log(`  ${name.padEnd(48)} ${parts.join('   ')}`);
  }
  return medians;
}

const FLOOR = 'hand-written AbortController + timer';

function median(values) {
  return quantile(values, 0.5);
}

function quantile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * fraction + 0.5)];
}

/**
 * A contender against the floor: the median of the rounds' ratios, each round's contender over that round's floor,
 * with the middle half of those ratios. Once work reads its signal, young collections cost 2-100 ms each, as much
 * as thousands of calls, and how much depends on the heap's history, which the contenders of a round share: the
 * floor's own figure moved 2x between rounds of one run, the ratio of two contenders measured in one round less.
 */
function ratioToFloor(values, floor) {
  const ratios = values.map((ns, round) => ns / floor[round]);
  return `${median(ratios).toFixed(3)}x hand-written floor (middle half of rounds ${quantile(ratios, 0.25).toFixed(3)}-${quantile(ratios, 0.75).toFixed(3)})`;
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
    ...(await withBaseline({}, (base) => base.execute(succeed))),
    ['cockatiel wrap(timeout, retry, breaker)', () => cStack.execute(succeed)],
    ['opossum breaker (with timeout)', () => breaker.fire()],
  ]);
  breaker.shutdown();
}

// Success path, work that reads its signal (as fetch does): the policies' own floor is a cancelling timeout
// written by hand. Cockatiel creates its signal for every call either way.
{
  const stack = ours();
  const cStack = theirs();
  await scenario('success path, work reads ctx.signal', [
    [FLOOR, () => handWrittenTimeout(readsSignal)],
    [FLOOR_AGAIN, () => handWrittenTimeout(readsSignal)],
    ['resilint pipeline(timeout, retry, breaker)', () => stack.execute(readsSignal)],
    ...(await withBaseline({}, (base) => base.execute(readsSignal))),
    ['cockatiel wrap(timeout, retry, breaker)', () => cStack.execute(readsSignal)],
  ], 1, SIGNAL_SCALE, SIGNAL_ROUNDS);
}

// The signal-reading success path built up one policy at a time, so what each adds beside the AbortController
// shows apart from the rest.
{
  const backoff = () => exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' });
  const breaker = () => circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 3_600_000 });
  const stacks = {
    'timeout': timeout(1_000),
    'pipeline(timeout)': pipeline(timeout(1_000)),
    'pipeline(timeout, retry)': pipeline(timeout(1_000), retry({ maxAttempts: 3, backoff: backoff() })),
    'pipeline(timeout, breaker)': pipeline(timeout(1_000), breaker()),
    'pipeline(timeout, retry, breaker)': ours(),
  };
  await scenario('success path, work reads ctx.signal, policy by policy', [
    [FLOOR, () => handWrittenTimeout(readsSignal)],
    ...Object.entries(stacks).map(([name, policy]) => [`resilint ${name}`, () => policy.execute(readsSignal)]),
    ...(await withBaseline({}, (base) => base.execute(readsSignal))),
  ], 1, SIGNAL_SCALE);
}

// The failure path one policy at a time: what retry and the breaker each add to a failed call.
{
  const stacks = {
    'timeout': timeout(1_000),
    'retry (maxAttempts 1)': retry({ maxAttempts: 1 }),
    'breaker (stays closed)': circuitBreaker({ failureThreshold: 1e9 }),
    'pipeline(timeout, retry, breaker)': ours({ maxAttempts: 1, failureThreshold: 1e9 }),
  };
  const cStack = theirs({ retries: 0, failureThreshold: 1e9 });
  await scenario('failure path, policy by policy', [
    ['bare await', fail],
    ...Object.entries(stacks).map(([name, policy]) => [`resilint ${name}`, () => policy.execute(fail)]),
    ...(await withBaseline({ maxAttempts: 1, failureThreshold: 1e9 }, (base) => base.execute(fail))),
    ['cockatiel wrap(timeout, retry, breaker)', () => cStack.execute(fail)],
  ]);
}

// What observability costs: nobody asking, stats asked for (latencies measured), listeners on every policy.
{
  const observed = (observe) => {
    const policies = [
      timeout(1_000),
      retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
      circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 3_600_000 }),
    ];
    const stack = pipeline(...policies);
    for (const policy of [stack, ...policies]) observe(policy);
    return stack;
  };
  const quiet = observed(() => {});
  const counted = observed((policy) => policy.stats());
  const listened = observed((policy) => {
    policy.onSuccess(swallow);
    policy.onFailure(swallow);
  });
  await scenario('observability, work ignores the signal', [
    ['bare await', succeed],
    ['resilint pipeline(timeout, retry, breaker)', () => quiet.execute(succeed)],
    ...(await withBaseline({}, (base) => base.execute(succeed))),
    ['  ... stats() asked of every policy', () => counted.execute(succeed)],
    ['  ... success/failure listeners on every policy', () => listened.execute(succeed)],
  ]);
}

// Failure path: the work fails once, nothing is retried and the breaker stays closed.
{
  const stack = ours({ maxAttempts: 1, failureThreshold: 1e9 });
  const cStack = theirs({ retries: 0, failureThreshold: 1e9 });
  const breaker = opossum(fail, { failureThreshold: 100 });
  await scenario('failure path (no retry, breaker stays closed)', [
    ['bare await', fail],
    ['resilint pipeline(timeout, retry, breaker)', () => stack.execute(fail)],
    ...(await withBaseline({ maxAttempts: 1, failureThreshold: 1e9 }, (base) => base.execute(fail))),
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
    ...(await withBaseline({ failureThreshold: 1 }, (base) => base.execute(succeed), (base) => tripOpen(() => base.execute(fail)))),
    ['cockatiel wrap(timeout, retry, breaker)', () => cStack.execute(succeed)],
    ['opossum breaker (with timeout)', () => breaker.fire()],
  ]);
  breaker.shutdown();
}

// 1,000 calls in flight through one policy: started together, awaited together; CPU time per call.
{
  const stack = ours();
  const cStack = theirs();
  await scenario(
    `${IN_FLIGHT} calls in flight, work reads ctx.signal`,
    [
      [FLOOR, inFlight(() => handWrittenTimeout(readsSignal))],
      [FLOOR_AGAIN, inFlight(() => handWrittenTimeout(readsSignal))],
      ['resilint pipeline(timeout, retry, breaker)', inFlight(() => stack.execute(readsSignal))],
      ...(await withBaseline({}, (base) => inFlight(() => base.execute(readsSignal))())),
      ['cockatiel wrap(timeout, retry, breaker)', inFlight(() => cStack.execute(readsSignal))],
    ],
    IN_FLIGHT,
    SIGNAL_SCALE,
    SIGNAL_ROUNDS,
  );
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
