#!/usr/bin/env node
// Plugin-cost benchmark: what Resilint's `recommended` rules add to one lint of a finding-dense file, measured
// against ESLint's `Linter` with no rules in the same process, and optionally against the plugin as it was at
// another commit, loaded side by side so before/after are ratios from one run.
//
//   node bench/plugin-cost.mjs [--lines 1000] [--rounds 30] [--baseline <git-ref>] [--profile [--top N]] [--check-dir <dir>]
//
// The plugin is bundled from its TypeScript sources with esbuild (as the extension's server bundles it), so the
// working tree is measured without a build step. The file is the editor benchmark's service module
// (extension/bench/service-module.mjs): every third function makes an unprotected, untimed fetch.
//   --baseline <ref>  also bundle eslint-plugin/src from that commit; alternate the two per round, report both,
//                     and fail if any message or suggestion differs between them.
// Each plugin is also timed with its suggestions dropped by the caller (each rule's reports passed on without
// them), as an editor may lint while the user types: what is left is the analysis and the reports.
//   --profile         sample each config with the V8 profiler and split its time into the plugin's analysis, its
//                     suggestion building (the *Suggestions builders and the suggestions' fix functions), ESLint's
//                     report handling, the rest of ESLint's rule run, parsing and garbage collection.
//   --check-dir <dir> with --baseline: lint every JS/TS file under dir with both plugins and compare all messages
//                     and suggestion edits (equivalence on real code), instead of timing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { serviceModule } from '../extension/bench/service-module.mjs';
import { positiveInteger, printTable, usageError } from './command-line.mjs';

const fail = usageError('bench/plugin-cost');
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK_DIR = join(REPO_ROOT, '.cache', 'plugin-cost');
const EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'coverage', '.git', '.cache']);
const SIDES = [
  'plugin: suggestion building',
  'plugin: analysis',
  'eslint: reports and suggestion fixes',
  'eslint: traversal and rest of runRules',
  'parse and setup',
  'garbage collection',
];

const options = parseArguments(process.argv.slice(2));
const plugins = { current: await bundlePlugin('current', join(REPO_ROOT, 'eslint-plugin')) };
if (options.baseline) plugins.baseline = await bundlePlugin('baseline', extractPlugin(options.baseline));

const languageOptions = { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } };
const base = [{ files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'], languageOptions }];
const configs = { 'no rules': base };
for (const [name, plugin] of Object.entries(plugins)) configs[name] = [...base, ...[plugin.configs.recommended].flat()];
// What the rules cost when the caller drops their suggestions (as an editor may while the user types): the
// analysis and the reports alone, plus whatever suggestion building the plugin does before reporting.
for (const [name, plugin] of Object.entries(plugins)) {
  const dropping = withoutSuggestions(plugin);
  configs[`${name}, suggestions dropped`] = [
    ...base,
    ...[plugin.configs.recommended].flat().map((config) => (config.plugins ? { ...config, plugins: { resilint: dropping } } : config)),
  ];
}
const linter = new Linter({ configType: 'flat', cwd: '/' });

if (options.checkDir) {
  if (!plugins.baseline) fail('--check-dir needs --baseline');
  process.exit(checkDirectory(options.checkDir) ? 0 : 1);
}

const text = serviceModule(options.lines);
const filename = '/bench/service.ts';
const findings = lint('current').length;
console.log(`Plugin cost — service module of ${options.lines} lines, ${findings} findings; Node ${process.version}`);
if (plugins.baseline) {
  const same = JSON.stringify(lint('baseline')) === JSON.stringify(lint('current'));
  console.log(`baseline ${options.baseline}: messages and suggestions ${same ? 'identical' : 'DIFFER'}`);
  if (!same) process.exitCode = 1;
}

// Warm-up, then rounds with the configs rotated so GC and JIT drift hit each alike. CPU time, not wall time:
// on a shared machine the wall clock also counts other processes.
const names = Object.keys(configs);
for (let round = 0; round < 5; round++) for (const name of names) lint(name);
const times = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < options.rounds; round++) {
  for (let step = 0; step < names.length; step++) {
    const name = names[(round + step) % names.length];
    const start = process.cpuUsage();
    lint(name);
    const { user, system } = process.cpuUsage(start);
    times[name].push((user + system) / 1000);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const noRules = median(times['no rules']);
console.log(`\n${options.rounds} rounds, CPU ms per lint`);
printTable(
  ['config', 'median', 'best', 'worst', '/ no rules', 'rules cost (median - no rules)'],
  names.map((name) => [
    name,
    median(times[name]).toFixed(1),
    Math.min(...times[name]).toFixed(1),
    Math.max(...times[name]).toFixed(1),
    (median(times[name]) / noRules).toFixed(2),
    name === 'no rules' ? '—' : (median(times[name]) - noRules).toFixed(1),
  ]),
);
if (plugins.baseline) {
  const cost = (name) => median(times[name]) - noRules;
  console.log(`current / baseline: whole lint ${(median(times.current) / median(times.baseline)).toFixed(2)}, rules' cost ${(cost('current') / cost('baseline')).toFixed(2)}`);
  const dropped = (name) => cost(`${name}, suggestions dropped`);
  console.log(`with suggestions dropped, current / baseline: rules' cost ${(dropped('current') / dropped('baseline')).toFixed(2)}`);
  // Paired within each round (the two lints ran moments apart), so slow drifts in machine load cancel out.
  const paired = (after, before) => median(times[after].map((ms, round) => ms - times[before][round]));
  console.log(
    `paired per round, median of (current - baseline): ${paired('current', 'baseline').toFixed(1)} ms; ` +
      `with suggestions dropped: ${paired('current, suggestions dropped', 'baseline, suggestions dropped').toFixed(1)} ms`,
  );
}

if (options.profile) {
  for (const name of names) await profileConfig(name);
}

function lint(name) {
  return linter.verify(text, configs[name], { filename });
}

/**
 * Samples `rounds` lints of a config and charges each sample to one side: suggestion building when a plugin
 * *Suggestions builder or a suggestion's fix function is on the stack, the rest of ESLint's report handling,
 * other plugin code, the rest of ESLint's rule run, parsing, and garbage collection.
 */
async function profileConfig(name) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  for (let round = 0; round < options.rounds; round++) lint(name);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();

  const plugin = plugins[name.split(',')[0]];
  const pluginUrl = plugin && pathToFileURL(plugin.file).href;
  const inPlugin = (frame) => pluginUrl !== undefined && frame.callFrame.url.startsWith(pluginUrl);
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const classify = (leaf) => {
    if (leaf.callFrame.functionName === '(garbage collector)') return 'garbage collection';
    const stack = [];
    for (let frame = leaf; frame; frame = parentOf.get(frame.id)) stack.push(frame);
    // A suggestion's edits are built by the *Suggestions builders or, when ESLint asks, in its `fix` function.
    if (stack.some((frame) => inPlugin(frame) && /Suggestions$|^fix$/.test(frame.callFrame.functionName))) return SIDES[0];
    if (stack.some((frame) => frame.callFrame.url.endsWith('/eslint/lib/linter/file-report.js'))) return SIDES[2];
    if (stack.some(inPlugin)) return SIDES[1];
    if (stack.some((frame) => frame.callFrame.functionName === 'runRules')) return SIDES[3];
    return SIDES[4];
  };
  const sideOf = new Map();
  const microseconds = Object.fromEntries(SIDES.map((side) => [side, 0]));
  profile.samples.forEach((id, index) => {
    if (!sideOf.has(id)) sideOf.set(id, classify(byId.get(id)));
    microseconds[sideOf.get(id)] += profile.timeDeltas[index] ?? 0;
  });
  const perLint = (us) => us / 1000 / options.rounds;
  console.log(`\nProfile of ${name}, ms per lint (sampled, ${options.rounds} lints)`);
  printTable(
    ['side', 'ms per lint'],
    [
      ...Object.entries(microseconds).map(([side, us]) => [side, perLint(us).toFixed(1)]),
      ['total', perLint(Object.values(microseconds).reduce((sum, us) => sum + us, 0)).toFixed(1)],
    ],
  );
  if (!pluginUrl) return;
  // Where the plugin's time goes: each function's inclusive time, counted once per sample however deep it recurses.
  const inclusive = new Map();
  profile.samples.forEach((id, index) => {
    const seen = new Set();
    for (let frame = byId.get(id); frame; frame = parentOf.get(frame.id)) {
      if (!inPlugin(frame)) continue;
      const { functionName, lineNumber } = frame.callFrame;
      const key = `${functionName || '(anonymous)'}:${lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
    }
  });
  console.log(`Plugin functions by inclusive time (line in ${relative(REPO_ROOT, plugin.file)})`);
  printTable(
    ['function', 'ms per lint'],
    [...inclusive]
      .sort((a, b) => b[1] - a[1])
      .slice(0, options.top)
      .map(([key, us]) => [key, perLint(us).toFixed(2)]),
  );
}

/** The plugin with each rule reporting through a context that leaves out the report's suggestions. */
function withoutSuggestions(plugin) {
  const rules = Object.fromEntries(
    Object.entries(plugin.rules).map(([name, rule]) => [
      name,
      {
        ...rule,
        create(context) {
          const report = (descriptor) => context.report({ ...descriptor, suggest: undefined });
          return rule.create(Object.create(context, { report: { value: report } }));
        },
      },
    ]),
  );
  return { ...plugin, rules };
}

/** Lints every file under dir with both plugins; true when every message and suggestion is the same. */
function checkDirectory(dir) {
  let files = 0;
  let messages = 0;
  let differences = 0;
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile() && EXTENSIONS.has(extname(entry.name)) && !/\.d\.[cm]?ts$|\.min\.js$/.test(entry.name)) {
        const source = readFileSync(path, 'utf8');
        const outcome = (name) => {
          try {
            return JSON.stringify(linter.verify(source, configs[name], { filename: path }));
          } catch (error) {
            return `crash: ${String(error?.message ?? error)}`;
          }
        };
        const before = outcome('baseline');
        const after = outcome('current');
        files += 1;
        messages += before.startsWith('[') ? JSON.parse(before).length : 0;
        if (before !== after) {
          differences += 1;
          console.log(`DIFFERS: ${relative(dir, path)}`);
        }
      }
    }
  };
  walk(dir);
  console.log(`${files} files, ${messages} messages from ${options.baseline}: ${differences} files differ`);
  return differences === 0;
}

/** Bundles `<pluginRoot>/src/index.ts` into one ES module under .cache, resolving packages from this repository. */
async function bundlePlugin(name, pluginRoot) {
  const file = join(WORK_DIR, `${name}.mjs`);
  await build({
    entryPoints: [join(pluginRoot, 'src', 'index.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    // The plugin reads its package.json relative to its own source.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(pluginRoot, 'src', 'index.ts')).href) },
  });
  const module = await import(pathToFileURL(file).href);
  return { file, ...(module.default ?? module) };
}

/** The plugin's sources and package.json at a commit, extracted under .cache (inside the repository, so packages resolve). */
function extractPlugin(ref) {
  const root = join(WORK_DIR, 'baseline');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', ref, 'eslint-plugin/src', 'eslint-plugin/package.json'], {
    cwd: REPO_ROOT,
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  return join(root, 'eslint-plugin');
}

function parseArguments(args) {
  const parsed = { lines: 1000, rounds: 30, baseline: undefined, profile: false, top: 25, checkDir: undefined };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const value = () => {
      const next = args[++index];
      if (next === undefined) fail(`${arg} needs a value`);
      return next;
    };
    if (arg === '--lines') parsed.lines = positiveInteger(arg, value(), fail);
    else if (arg === '--rounds') parsed.rounds = positiveInteger(arg, value(), fail);
    else if (arg === '--baseline') parsed.baseline = value();
    else if (arg === '--profile') parsed.profile = true;
    else if (arg === '--top') parsed.top = positiveInteger(arg, value(), fail);
    else if (arg === '--check-dir') parsed.checkDir = resolve(value());
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/plugin-cost.mjs [--lines 1000] [--rounds 30] [--baseline <git-ref>] [--profile [--top N]] [--check-dir <dir>]');
      process.exit(0);
    } else fail(`unknown argument ${arg}; see --help`);
  }
  return parsed;
}

