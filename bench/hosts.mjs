#!/usr/bin/env node
// Hosts benchmark: the same files and the same rules linted by the `resilint` CLI (ESLint's engine, in one thread
// and in two worker threads) and by oxlint running the built plugin as a JS plugin, side by side in one run.
//
//   node bench/hosts.mjs <dir> [--runs N]
//
// The files are those `resilint --preset all` lints in <dir> (its file roles decide, as for a user); the CLI is run
// on `.` as a user would run it, oxlint on that file list with every Resilint rule and none of its own. Runs rotate
// the hosts' order so load from elsewhere falls on all of them. Reported per host: wall and CPU time (best and
// median, from /usr/bin/time), peak RSS, findings; and whether oxlint's findings are ESLint's (file, line, rule).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { positiveInteger, printTable, usageError } from './command-line.mjs';

const fail = usageError('bench/hosts');
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(REPO_ROOT, 'eslint-plugin/bin/resilint.js');
const PLUGIN = join(REPO_ROOT, 'eslint-plugin/dist/index.js');
const OXLINT = join(REPO_ROOT, 'node_modules/oxlint/bin/oxlint');
const { rules } = await import(PLUGIN).then((module) => module.default ?? module);

const options = parseArguments(process.argv.slice(2));
const scratch = mkdtempSync(join(tmpdir(), 'resilint-hosts-'));
const oxlintConfig = join(scratch, '.oxlintrc.json');
const everyRule = Object.fromEntries(Object.keys(rules).map((name) => [`resilint/${name}`, 'error']));
writeFileSync(oxlintConfig, JSON.stringify({ jsPlugins: [PLUGIN], categories: { correctness: 'off' }, plugins: [], rules: everyRule }));

// One untimed run of the CLI gives the file list and ESLint's findings, and warms the disk cache for every host.
const eslintResults = JSON.parse(runCli(['--preset', 'all', '--format', 'json', '.']).stdout);
const files = eslintResults.map((result) => relative(options.dir, result.filePath));
if (files.length === 0) fail(`resilint lints no file under ${options.dir}`);
const eslintFindings = new Set(
  eslintResults.flatMap((result) => result.messages.map((message) => `${relative(options.dir, result.filePath)}:${message.line} ${message.ruleId}`)),
);
const oxlintFindings = new Set(
  JSON.parse(runOxlint(['--format', 'json']).stdout).diagnostics.map(
    (diagnostic) => `${diagnostic.filename}:${diagnostic.labels[0]?.span.line} ${diagnostic.code.replace(/^resilint\((.*)\)$/, 'resilint/$1')}`,
  ),
);

const hosts = {
  'resilint (ESLint, 1 thread)': () => runCli(['--preset', 'all', '.'], true),
  'resilint --concurrency 2': () => runCli(['--preset', 'all', '--concurrency', '2', '.'], true),
  'oxlint JS plugin': () => runOxlint([], true),
};
const names = Object.keys(hosts);
console.log(`Hosts benchmark — ${files.length} files under ${options.dir}, every Resilint rule`);
console.log(`Node ${process.version}, oxlint ${execFileSync(OXLINT, ['--version']).toString().trim().replace(/^Version: /, '')}, ${options.runs} runs per host, rotated\n`);

const samples = Object.fromEntries(names.map((name) => [name, []]));
for (let run = 0; run < options.runs; run++) {
  for (let step = 0; step < names.length; step++) {
    const name = names[(run + step) % names.length];
    samples[name].push(hosts[name]().measured);
  }
}
rmSync(scratch, { recursive: true, force: true });

const sorted = (values) => [...values].sort((a, b) => a - b);
const median = (values) => sorted(values)[Math.floor(values.length / 2)];
const best = (name, key) => Math.min(...samples[name].map((sample) => sample[key]));
const reference = names[0];
printTable(
  ['host', 'wall best s', 'wall median s', 'CPU best s', 'peak RSS MiB', 'wall / ESLint 1 thread'],
  names.map((name) => [
    name,
    best(name, 'wall').toFixed(2),
    median(samples[name].map((sample) => sample.wall)).toFixed(2),
    best(name, 'cpu').toFixed(2),
    (Math.max(...samples[name].map((sample) => sample.rssKiB)) / 1024).toFixed(0),
    (best(name, 'wall') / best(reference, 'wall')).toFixed(2),
  ]),
);
const onlyEslint = [...eslintFindings].filter((finding) => !oxlintFindings.has(finding));
const onlyOxlint = [...oxlintFindings].filter((finding) => !eslintFindings.has(finding));
console.log(`\nFindings: ESLint ${eslintFindings.size}, oxlint ${oxlintFindings.size}; only ESLint ${onlyEslint.length}, only oxlint ${onlyOxlint.length}`);
for (const finding of [...onlyEslint.map((f) => `only ESLint: ${f}`), ...onlyOxlint.map((f) => `only oxlint: ${f}`)].slice(0, 20)) {
  console.log(`  ${finding}`);
}

function runCli(args, timed = false) {
  return run(process.execPath, [CLI, ...args], timed);
}

function runOxlint(args, timed = false) {
  return run(OXLINT, ['-c', oxlintConfig, ...args, ...files], timed);
}

/** Runs a command in the directory under test; when timed, under /usr/bin/time for its wall, CPU and peak RSS. */
function run(command, args, timed) {
  const timing = join(scratch, 'time.txt');
  const [file, argv] = timed ? ['/usr/bin/time', ['-o', timing, '-f', '%e %U %S %M', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { cwd: options.dir, maxBuffer: 1 << 28, encoding: 'utf8' });
  // Both hosts exit 1 when they find something; anything else is a failed run, not a figure.
  if (result.status !== 0 && result.status !== 1) fail(`${command} ${args.slice(0, 4).join(' ')} … exited ${result.status}: ${result.stderr.slice(0, 800)}`);
  if (!timed) return result;
  const [wall, user, system, rssKiB] = readFileSync(timing, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { ...result, measured: { wall, cpu: user + system, rssKiB } };
}

function parseArguments(argv) {
  const parsed = { runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') parsed.runs = positiveInteger('--runs', argv[++i], fail);
    else if (argv[i].startsWith('--')) fail(`unknown option ${argv[i]}`);
    else if (parsed.dir === undefined) parsed.dir = resolve(argv[i]);
    else fail(`one directory only, got ${argv[i]} too`);
  }
  if (parsed.dir === undefined) fail('usage: node bench/hosts.mjs <dir> [--runs N]');
  return parsed;
}
