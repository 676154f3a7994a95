// Bytes allocated per call, from V8's own GC trace: a figure the machine's load does not move, unlike CPU time.
// Each contender runs in a child process under --trace-gc-nvp, twice (100,000 and 300,000 measured calls); the
// difference of the bytes the collector saw allocated, divided by 200,000, is the cost of one call.
// Run with: node bench/allocations.mjs   (after a build; BENCH_BASELINE=<another build's index.js> adds its stack)
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { handWrittenTimeout } from './floor.mjs';

const here = fileURLToPath(import.meta.url);
const ours = new URL('../dist/index.js', import.meta.url).href;

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], Number(process.argv[5]));
} else {
  const builds = [['resilint', ours]];
  if (process.env.BENCH_BASELINE) builds.push(['baseline', pathToFileURL(process.env.BENCH_BASELINE).href]);
  console.log(`node ${process.version}, bytes allocated per call (V8 GC trace, 300k - 100k calls)`);
  console.log(`  ${'hand-written AbortController + timer'.padEnd(48)} ${bytesPerCall(ours, 'floor')} B`);
  for (const contender of ['reads', 'ignores', 'fails']) {
    for (const [name, build] of builds) {
      console.log(`  ${`${name} pipeline(timeout, retry, breaker) ${contender}`.padEnd(48)} ${bytesPerCall(build, contender)} B`);
    }
  }
}

function bytesPerCall(build, contender) {
  const allocated = (calls) => {
    const trace = execFileSync(process.execPath, ['--trace-gc-nvp', here, '--child', build, contender, String(calls)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const measured = trace.slice(trace.indexOf('MEASURE-START'), trace.indexOf('MEASURE-END'));
    return [...measured.matchAll(/allocated=(\d+)/g)].reduce((sum, [, bytes]) => sum + Number(bytes), 0);
  };
  return Math.round((allocated(300_000) - allocated(100_000)) / 200_000);
}

async function child(build, contender, calls) {
  const { pipeline, timeout, retry, circuitBreaker } = await import(build);
  const failure = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  const works = {
    reads: ({ signal }) => (signal.aborted ? Promise.reject(signal.reason) : Promise.resolve(1)),
    ignores: () => Promise.resolve(1),
    fails: () => Promise.reject(failure),
  };
  const stack = pipeline(
    timeout(1_000),
    retry({ maxAttempts: contender === 'fails' ? 1 : 3 }),
    circuitBreaker({ failureThreshold: 1e9, resetTimeoutMs: 3_600_000 }),
  );
  const run = contender === 'floor' ? () => handWrittenTimeout(works.reads) : () => stack.execute(works[contender]);
  const swallow = () => {};
  for (let i = 0; i < 20_000; i++) await run().catch(swallow);
  console.log('MEASURE-START');
  for (let i = 0; i < calls; i++) await run().catch(swallow);
  console.log('MEASURE-END');
}
