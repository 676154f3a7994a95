#!/usr/bin/env node
// Scale benchmark: the `resilint` CLI over a large corpus with 1 and with 2 lint workers.
//
//   node bench/scale.mjs [dir] [--runs N] [--preset recommended|strict|all]
//
// Runs alternate (1, 2, 2, 1, ...) so that load from elsewhere on the machine falls on both settings.
// Reported: wall time (best and median of the runs), the process's peak RSS, and the peak V8 heap of
// each thread, which for `--concurrency 2` is the memory each worker holds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(REPO_ROOT, 'eslint-plugin', 'bin', 'resilint.js');
const PROBE = pathToFileURL(fileURLToPath(new URL('memory-probe.mjs', import.meta.url))).href;
const SETTINGS = [1, 2];

const options = parseArguments(process.argv.slice(2));
const scratch = mkdtempSync(join(tmpdir(), 'resilint-scale-'));
console.log(`Scale benchmark — resilint --preset ${options.preset} over ${options.dir}`);
console.log(`Node ${process.version}, ${options.runs} runs per setting, alternating\n`);

const runs = Object.fromEntries(SETTINGS.map((workers) => [workers, []]));
for (let run = 0; run < options.runs; run++) {
  for (const workers of run % 2 ? [...SETTINGS].reverse() : SETTINGS) {
    runs[workers].push(lint(workers, `${run}-${workers}`));
  }
}
rmSync(scratch, { recursive: true, force: true });

const mib = (bytes) => (bytes / 2 ** 20).toFixed(0);
const rows = SETTINGS.map((workers) => {
  const samples = runs[workers];
  const seconds = samples.map((sample) => sample.seconds).sort((a, b) => a - b);
  const threads = samples.at(-1).threads;
  const lintThreads = threads.filter((thread) => thread.thread !== 'main' || workers === 1);
  return {
    workers,
    best: seconds[0],
    median: seconds[seconds.length >> 1],
    maxRss: Math.max(...samples.map((sample) => sample.maxRss)),
    perWorker: lintThreads.map((thread) => mib(thread.peakHeapUsed)).join(' + '),
    main: threads.find((thread) => thread.thread === 'main'),
  };
});
console.log('--concurrency  best s  median s  peak RSS MiB  peak heap per lint thread MiB  main-thread heap MiB');
for (const row of rows) {
  console.log(
    `${String(row.workers).padEnd(13)}  ${row.best.toFixed(1).padStart(6)}  ${row.median.toFixed(1).padStart(8)}  ` +
      `${mib(row.maxRss).padStart(12)}  ${row.perWorker.padStart(29)}  ${mib(row.main.peakHeapUsed).padStart(20)}`,
  );
}
console.log(`\nspeed-up with 2 workers: ${(rows[0].best / rows[1].best).toFixed(2)}x (best run against best run)`);
console.log(`files: ${runs[1][0].files}; findings: ${runs[1][0].findings} (same with 2 workers: ${runs[2][0].findings === runs[1][0].findings})`);

function lint(workers, label) {
  const probeOut = join(scratch, `${label}.jsonl`);
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [CLI, '--preset', options.preset, '--concurrency', String(workers), '--format', 'json', options.dir],
    {
      cwd: options.dir,
      env: { ...process.env, NODE_OPTIONS: `--import=${PROBE}`, RESILINT_BENCH_PROBE_OUT: probeOut },
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // Exit code 1 only means findings; 2 is bad usage, a signal is a crash.
  if (result.status !== 0 && result.status !== 1) {
    fail(`resilint --concurrency ${workers} failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
  }
  const report = JSON.parse(result.stdout);
  const threads = readFileSync(probeOut, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  return {
    seconds,
    files: report.length,
    findings: report.reduce((sum, file) => sum + file.messages.length, 0),
    threads,
    maxRss: threads.find((thread) => thread.thread === 'main').maxRss,
  };
}

function parseArguments(args) {
  const parsed = { dir: REPO_ROOT, runs: 2, preset: 'recommended' };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const next = args[index + 1];
    if (arg === '--runs') {
      parsed.runs = Number(next);
      if (!Number.isInteger(parsed.runs) || parsed.runs < 1) fail(`--runs must be a positive integer, got "${next}"`);
      index++;
    } else if (arg === '--preset') {
      if (!['recommended', 'strict', 'all'].includes(next)) fail(`--preset must be recommended, strict or all, got "${next}"`);
      parsed.preset = next;
      index++;
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/scale.mjs [dir] [--runs N] [--preset recommended|strict|all]');
      process.exit(0);
    } else if (arg.startsWith('-')) {
      fail(`unknown option ${arg}; see --help`);
    } else {
      parsed.dir = resolve(arg);
      if (!statSync(parsed.dir, { throwIfNoEntry: false })?.isDirectory()) fail(`${arg} is not a directory`);
    }
  }
  return parsed;
}

function fail(message) {
  console.error(`bench/scale: ${message}`);
  process.exit(2);
}
