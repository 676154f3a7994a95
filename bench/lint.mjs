#!/usr/bin/env node
// Lint benchmark: what Resilint's `recommended` rules cost on top of parsing, measured in one process.
//
//   node bench/lint.mjs [dir] [--rounds N] [--sizes 1000,5000,20000,50000] [--max-files N] [--baseline <eslint-plugin dir>]
//                       [--plugin <eslint-plugin dir>]
//
// --baseline adds another build of the plugin (e.g. a worktree of main before a change, built) as a fifth config,
// timed in turn with the others, so before and after are measured side by side in one run. The baseline must load the same
// copies of its dependencies as the build under test (the parser, scope manager, ESLint): a copy with its own
// node_modules ran with a second, colder parser and read the same build 0.18x "cheaper" against itself. The bench
// checks this and stops; link the baseline's node_modules to this repository's (`ln -s <repo>/node_modules <dir>/..`).
// Even then, A/A runs (one build in two directories, outline's first 400 files, load 10-15) read the overhead ratio
// 0.85-1.10: a difference of 0.2-2.4% of the whole time, divided by an overhead of 15-20%. So read a ratio between
// two builds from two runs with the builds swapped (`--plugin B --baseline A`, then `--plugin A --baseline B`) as the
// square root of the first ratio over the second, which cancels whatever favours a slot or a load order, and set it
// against an A/A pair's spread. --plugin times another build in the tested slot (default: this repository's).
//
// For every JS/TS file under `dir` (default: this repository's tracked sources) it runs ESLint's `Linter` with
// three configs in turn — the parser alone, the parser plus `resilint` recommended, the parser plus
// `eslint-plugin-promise` recommended (a peer plugin of similar scope) — in an order shuffled per file
// and per round so drift, GC and JIT hit all three alike, and no config always runs right after the same other one
// (the garbage one config leaves is collected while the next runs). Ratios come from the same run, never from
// figures measured at another time. Times are CPU time of this process, best of the rounds. Then: time per rule (ESLint's `stats`), and time per 1,000 lines
// for generated files of growing size, which stays flat unless a rule is quadratic in file size.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import promisePlugin from 'eslint-plugin-promise';
import { realisticModule } from './realistic-code.mjs';
import { positiveInteger, printTable, usageError } from './command-line.mjs';

const fail = usageError('bench/lint');
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'coverage', '.git', '.cache', 'test-results']);
const TARGET_OVERHEAD = 0.05;
const GOAL_OVERHEAD = 0.02;

const options = parseArguments(process.argv.slice(2));
const resilint = await loadResilint();
const baseline = options.baseline === undefined ? undefined : await loadBaseline(options.baseline);

const languageOptions = {
  parser: tsParser,
  ecmaVersion: 'latest',
  sourceType: 'module',
  parserOptions: { ecmaFeatures: { jsx: true } },
};
const base = [
  { files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'], languageOptions },
  { files: ['**/*.{cjs,cts}'], languageOptions: { sourceType: 'commonjs' } },
];
const configs = normalizedOnce({
  parse: base,
  // The parse-only config again under another name: its distance from `parse` is this run's noise floor.
  control: base,
  resilint: [...base, ...[resilint.configs.recommended].flat()],
  promise: [...base, promisePlugin.configs['flat/recommended']],
  ...(baseline ? { baseline: [...base, ...[baseline.configs.recommended].flat()] } : {}),
});
const CONFIG_NAMES = Object.keys(configs);
// Files outside the linter's cwd would be ignored, so the cwd is the directory under test.
const linter = new Linter({ configType: 'flat', cwd: options.dir });

const files = (options.dir === REPO_ROOT ? trackedFiles() : collectFiles(options.dir)).slice(0, options.maxFiles);
if (files.length === 0) fail(`no JavaScript or TypeScript files under ${options.dir}`);
const totalLines = files.reduce((sum, file) => sum + file.lines, 0);
console.log(`Lint benchmark — ${files.length} files, ${totalLines.toLocaleString('en')} lines under ${options.dir}`);
console.log(`Node ${process.version}, ${options.rounds} rounds, configs alternated per file: ${CONFIG_NAMES.join(', ')}\n`);

// Warm-up pass: JIT the parser and the rules, and set aside files that crash a rule (reported, not timed).
const crashes = [];
const fatalParseErrors = [];
const timedFiles = files.filter((file) => {
  for (const name of CONFIG_NAMES) {
    try {
      const messages = linter.verify(file.text, configs[name], { filename: file.path });
      if (name === 'parse' && messages.some((message) => message.fatal)) fatalParseErrors.push(file.relativePath);
    } catch (error) {
      crashes.push({ file: file.relativePath, config: name, error: String(error?.stack ?? error).split('\n').slice(0, 3).join(' | ') });
      return false;
    }
  }
  return true;
});

// Each file's time per config is the best of its rounds: other processes and GC only ever add time,
// so the minimum is the steadiest estimate of the work itself.
const best = timedFiles.map(() => Object.fromEntries(CONFIG_NAMES.map((name) => [name, Infinity])));
for (let round = 0; round < options.rounds; round++) {
  timedFiles.forEach((file, index) => {
    for (const name of shuffled(CONFIG_NAMES, index * 7919 + round)) {
      best[index][name] = Math.min(best[index][name], timeVerify(file.text, configs[name], file.path));
    }
  });
}
const totals = Object.fromEntries(CONFIG_NAMES.map((name) => [name, best.reduce((sum, file) => sum + file[name], 0)]));
const overhead = (name) => totals[name] / totals.parse - 1;
console.log(`Whole directory (sum over files of each file's best of ${options.rounds} rounds)`);
printTable(
  ['config', 'ms', 'over parse-only'],
  CONFIG_NAMES.map((name) => [
    name === 'parse' ? 'parse only' : name === 'control' ? 'parse only again (noise floor)' : name === 'baseline' ? `resilint recommended, baseline build (${options.baseline})` : name === 'resilint' && options.plugin ? `resilint recommended (${options.plugin})` : `${name} recommended`,
    totals[name].toFixed(1),
    name === 'parse' ? '—' : percent(overhead(name)),
  ]),
);
const resilintOverhead = overhead('resilint');
const promiseOverhead = overhead('promise');
console.log(
  `\nresilint / parse-only = ${(1 + resilintOverhead).toFixed(4)} (target ≤ ${1 + TARGET_OVERHEAD}, goal ≤ ${1 + GOAL_OVERHEAD}): ` +
    `${resilintOverhead <= GOAL_OVERHEAD ? 'meets the goal' : resilintOverhead <= TARGET_OVERHEAD ? 'meets the target' : 'MISSES the target'}`,
);
console.log(
  `resilint overhead / promise overhead = ${(resilintOverhead / promiseOverhead).toFixed(2)} ` +
    `(${resilintOverhead < promiseOverhead ? 'cheaper than' : 'NOT cheaper than'} eslint-plugin-promise)`,
);
if (baseline) {
  console.log(`baseline / parse-only = ${(1 + overhead('baseline')).toFixed(4)}; resilint overhead / baseline overhead = ${(resilintOverhead / overhead('baseline')).toFixed(3)}`);
}

const costliest = timedFiles
  .map((file, index) => ({ file, parseMs: best[index].parse, extraMs: best[index].resilint - best[index].parse }))
  .sort((a, b) => b.extraMs - a.extraMs)
  .slice(0, 8);
console.log('\nPer file: where the rules cost most (best of rounds, ms)');
printTable(
  ['file', 'lines', 'parse-only', 'resilint extra'],
  costliest.map(({ file, parseMs, extraMs }) => [file.relativePath, file.lines, parseMs.toFixed(2), extraMs.toFixed(2)]),
);

// Per rule: ESLint's own per-rule timer (the `stats` option), in separate passes so its
// instrumentation does not distort the ratios above. Best of rounds per file and rule, as above.
const statsRounds = Math.max(1, Math.ceil(options.rounds / 2));
const ruleMs = new Map();
for (const file of timedFiles) {
  const fileBest = new Map();
  for (let round = 0; round < statsRounds; round++) {
    for (const name of ['resilint', 'promise']) {
      for (const [ruleId, ms] of ruleTimes(file.text, configs[name], file.path)) {
        fileBest.set(ruleId, Math.min(fileBest.get(ruleId) ?? Infinity, ms));
      }
    }
  }
  for (const [ruleId, ms] of fileBest) ruleMs.set(ruleId, (ruleMs.get(ruleId) ?? 0) + ms);
}
console.log('\nPer rule (ESLint stats, ms over the directory; % of parse-only time)');
printTable(
  ['rule', 'ms', '% of parse'],
  [...ruleMs].sort((a, b) => b[1] - a[1]).map(([ruleId, ms]) => [ruleId, ms.toFixed(2), percent(ms / totals.parse)]),
);
const sumOf = (prefix) => [...ruleMs].filter(([id]) => id.startsWith(prefix)).reduce((sum, [, ms]) => sum + ms, 0);
console.log(`all resilint rules: ${sumOf('resilint/').toFixed(2)} ms; all promise rules: ${sumOf('promise/').toFixed(2)} ms`);

// Growth with file size: the same realistic code, repeated. Each rule's own time (stats, so no
// subtraction noise) per 1,000 lines stays flat when the rule is linear in the size of the file.
console.log('\nTime per 1,000 lines for generated files of growing size (ESLint stats, best of rounds)');
const growthRows = new Map([['parse + verify (parse-only config)', []]]);
const sizeLines = [];
for (const lines of options.sizes) {
  const text = realisticModule(lines);
  const actualLines = text.split('\n').length;
  sizeLines.push(actualLines);
  const filename = join(options.dir, `generated-${lines}.ts`);
  const sizeRounds = Math.max(3, Math.round((options.rounds * 5_000) / actualLines));
  let parseBest = Infinity;
  const sizeBest = new Map();
  for (let round = 0; round < sizeRounds; round++) {
    parseBest = Math.min(parseBest, timeVerify(text, configs.parse, filename));
    for (const [ruleId, ms] of ruleTimes(text, configs.resilint, filename)) {
      sizeBest.set(ruleId, Math.min(sizeBest.get(ruleId) ?? Infinity, ms));
    }
  }
  growthRows.get('parse + verify (parse-only config)').push((parseBest * 1000) / actualLines);
  for (const [ruleId, ms] of sizeBest) {
    if (!growthRows.has(ruleId)) growthRows.set(ruleId, []);
    growthRows.get(ruleId).push((ms * 1000) / actualLines);
  }
}
// The rules share per-file analyses, charged to whichever rule asks first, so the verdict reads their sum.
const ruleRows = [...growthRows].filter(([name]) => name.startsWith('resilint/'));
growthRows.set(
  'all resilint rules',
  sizeLines.map((_, column) => ruleRows.reduce((sum, [, perKloc]) => sum + (perKloc[column] ?? 0), 0)),
);
const growthOf = (perKloc) => perKloc.at(-1) / perKloc[0];
printTable(
  ['ms per 1,000 lines', ...sizeLines.map((lines) => `${lines} lines`), 'largest/smallest'],
  [...growthRows].map(([name, perKloc]) => [name, ...perKloc.map((ms) => ms.toFixed(3)), growthOf(perKloc).toFixed(2)]),
);
// A quadratic rule grows with the size ratio (50x from 1,000 to 50,000 lines); 2x leaves room for noise.
const totalGrowth = growthOf(growthRows.get('all resilint rules'));
console.log(
  totalGrowth <= 2
    ? `the rules together stay flat (x${totalGrowth.toFixed(2)}): linear in file size`
    : `the rules together GROW x${totalGrowth.toFixed(2)} per line from the smallest to the largest file: something is worse than linear`,
);

console.log(`\nFatal parse errors (parser alone): ${fatalParseErrors.length}; rule crashes: ${crashes.length}`);
for (const file of fatalParseErrors) console.log(`  parse error: ${file}`);
for (const crash of crashes) console.log(`  CRASH ${crash.config} on ${crash.file}: ${crash.error}`);
if (crashes.length > 0) process.exitCode = 1;

/**
 * CPU milliseconds (user + system) for one `verify`. CPU time, not wall time: on a shared machine the
 * wall clock also counts the time other processes hold the cores, which is noise here.
 */
function timeVerify(text, config, filename) {
  const start = process.cpuUsage();
  linter.verify(text, config, { filename });
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/** Each rule's milliseconds in one lint of `text`, from ESLint's `stats`. */
function ruleTimes(text, config, filename) {
  // ESLint collects `stats` only through verifyAndFix; `fix: false` keeps it to one pass.
  linter.verifyAndFix(text, config, { filename, stats: true, fix: false });
  const pass = linter.getTimes().passes[0] ?? {};
  return Object.entries(pass.rules ?? {}).map(([ruleId, { total }]) => [ruleId, total]);
}

/** Another build of the plugin: its directory (with `dist/` built), loaded beside this one's (or instead of it: --plugin). */
async function loadBaseline(dir) {
  const differing = dependenciesNotShared(dir);
  if (differing.length > 0) {
    fail(
      `the build at ${dir} loads its own copy of ${differing.join(', ')}: it would be timed with code the build under ` +
        `test does not run (an A/A run of one build read 0.18x). Give it this repository's: ln -s ${join(REPO_ROOT, 'node_modules')} ${join(dir, '..', 'node_modules')}`,
    );
  }
  try {
    const module = await import(pathToFileURL(join(dir, 'dist/index.js')).href);
    return module.default ?? module;
  } catch (error) {
    fail(`cannot load the baseline plugin from ${dir} (${error.message}); build it there first`);
  }
}

/** The plugin's runtime dependencies (and ESLint, TypeScript) that the baseline at `dir` resolves to other files than this build. */
function dependenciesNotShared(dir) {
  const pluginDir = join(REPO_ROOT, 'eslint-plugin');
  const manifest = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8'));
  const names = [...Object.keys(manifest.dependencies ?? {}), 'eslint', 'typescript'];
  return names.filter((name) => packageDirectory(name, dir) !== packageDirectory(name, pluginDir));
}

/** Where `name` resolves from `dir` as Node finds packages (the nearest node_modules up the tree), its real path. */
function packageDirectory(name, dir) {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const candidate = join(current, 'node_modules', name);
    if (statSync(join(candidate, 'package.json'), { throwIfNoEntry: false })) return realpathSync(candidate);
    if (dirname(current) === current) return undefined;
  }
}

async function loadResilint() {
  if (options.plugin !== undefined) return loadBaseline(options.plugin);
  try {
    const module = await import('eslint-plugin-resilint');
    return module.default ?? module;
  } catch (error) {
    fail(`cannot load eslint-plugin-resilint (${error.message}); build it first: npm run build -w eslint-plugin-resilint`);
  }
}

/** This repository's own sources: tracked files only, not build output or someone's scratch file. */
function trackedFiles() {
  return execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((path) => EXTENSIONS.has(extname(path)) && !/\.d\.[cm]?ts$|\.min\.js$/.test(path))
    .map((path) => readSource(join(REPO_ROOT, path), REPO_ROOT))
    .sort((a, b) => a.path.localeCompare(b.path));
}

function readSource(path, dir) {
  const text = readFileSync(path, 'utf8');
  return { path, relativePath: relative(dir, path), text, lines: text.split('\n').length };
}

function collectFiles(dir) {
  const found = [];
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile() && EXTENSIONS.has(extname(entry.name)) && !/\.d\.[cm]?ts$|\.min\.js$/.test(entry.name)) {
        found.push(readSource(path, dir));
      }
    }
  };
  walk(dir);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

function parseArguments(args) {
  const parsed = { dir: REPO_ROOT, rounds: 10, sizes: [1_000, 5_000, 20_000, 50_000], maxFiles: Infinity };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const value = () => {
      const next = args[++index];
      if (next === undefined) fail(`${arg} needs a value`);
      return next;
    };
    if (arg === '--rounds') parsed.rounds = positiveInteger(arg, value(), fail);
    else if (arg === '--max-files') parsed.maxFiles = positiveInteger(arg, value(), fail);
    else if (arg === '--sizes') parsed.sizes = value().split(',').map((size) => positiveInteger(arg, size, fail));
    else if (arg === '--baseline') parsed.baseline = resolve(value());
    else if (arg === '--plugin') parsed.plugin = resolve(value());
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/lint.mjs [dir] [--rounds N] [--sizes 1000,5000,20000,50000] [--max-files N] [--baseline <eslint-plugin dir>] [--plugin <eslint-plugin dir>]');
      process.exit(0);
    } else if (arg.startsWith('-')) fail(`unknown option ${arg}; see --help`);
    else {
      parsed.dir = resolve(arg);
      if (!statSync(parsed.dir, { throwIfNoEntry: false })?.isDirectory()) fail(`${arg} is not a directory`);
    }
  }
  return parsed;
}

/** `names` in an order drawn from `seed` (the same seed, the same order: a run can be repeated). */
function shuffled(names, seed) {
  let state = seed >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = [...names];
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other], order[index]];
  }
  return order;
}

function percent(ratio) {
  return `${(ratio * 100).toFixed(2)}%`;
}

/**
 * Each config as the config array ESLint's CLI builds once per run. Given a plain array, `Linter.verify` builds and
 * validates the whole config again for every file, which would charge each rule's option validation to every file.
 * The class is not among ESLint's exports, so it is loaded from ESLint's own files.
 */
function normalizedOnce(plainConfigs) {
  const require = createRequire(import.meta.url);
  const { FlatConfigArray } = require(join(dirname(require.resolve('eslint/package.json')), 'lib/config/flat-config-array.js'));
  return Object.fromEntries(
    Object.entries(plainConfigs).map(([name, config]) => {
      const configArray = new FlatConfigArray(config, { basePath: options.dir });
      configArray.normalizeSync();
      return [name, configArray];
    }),
  );
}
