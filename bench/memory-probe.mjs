// Loaded into the `resilint` process under test (NODE_OPTIONS=--import) by bench/scale.mjs: records the
// peak V8 heap of each thread (the main thread and every lint worker) and the process's peak RSS, and
// appends them as JSON lines to the file named by RESILINT_BENCH_PROBE_OUT.
import { appendFileSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';

const out = process.env.RESILINT_BENCH_PROBE_OUT;
if (out) {
  let peakHeapUsed = 0;
  const sample = () => {
    peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
  };
  setInterval(sample, 20).unref();
  process.on('exit', () => {
    sample();
    const record = { thread: isMainThread ? 'main' : `worker ${threadId}`, peakHeapUsed };
    // maxRSS is per process (workers are threads of it), so only the main thread reports it.
    if (isMainThread) record.maxRss = process.resourceUsage().maxRSS * 1024;
    appendFileSync(out, `${JSON.stringify(record)}\n`);
  });
}
