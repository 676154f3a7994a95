#!/usr/bin/env node
/**
 * Where a cold CLI run's CPU goes, by what the plugin was doing: the project model's parses, its module resolution,
 * its importers index, the external-call index of the linted file, ... against ESLint's own work and the garbage
 * collector. Two builds' profiles of the same run, each scaled by its measured CPU time, say which part of the
 * difference is whose (docs/benchmarks.md, "speed19"): a function-by-function diff of two profiles does not, because
 * V8 inlines differently from one run to the next (`getLocFor` inside `convertToken` in one, apart in the other).
 *
 *   cd <code base> && node --cpu-prof --cpu-prof-interval 1000 --cpu-prof-dir /tmp/prof <build>/eslint-plugin/bin/resilint.js --format json . >/dev/null
 *   node bench/profile-account.mjs /tmp/prof/<file>.cpuprofile [--scale 127.8] [--self 20] [--callers openFileHandle]
 *
 * `--scale` prints each share also in units of that many for the whole profile (the build's CPU time against a
 * reference build's taken as 100: measured with farm-bench, since a profile's sample times are wall time and
 * stretch with the machine's load). Each sample goes to the first category below that its stack matches.
 * `--self N` adds the N functions with the most self time (any code: the GC, ESLint, file reads), and `--callers
 * <function>` the call chains (four frames) that lead to a function, so a share that differs between two builds can
 * be followed to whoever asks for it (speed20: main's extra `openFileHandle` time is ESLint's own reads of the files).
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const scaleAt = args.indexOf('--scale');
const scale = scaleAt >= 0 ? Number(args.splice(scaleAt, 2)[1]) : undefined;
const selfAt = args.indexOf('--self');
const selfCount = selfAt >= 0 ? Number(args.splice(selfAt, 2)[1]) : 0;
const callersAt = args.indexOf('--callers');
const callersOf = callersAt >= 0 ? args.splice(callersAt, 2)[1] : undefined;
if (args.length !== 1 || (scale !== undefined && !(scale > 0)) || !(selfCount >= 0) || callersOf === '') {
  console.error('usage: node bench/profile-account.mjs <file.cpuprofile> [--scale <units for the whole profile>] [--self <count>] [--callers <function>]');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(args[0], 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const name = (node) => node.callFrame.functionName;
/** The plugin's own code, not its CLI (which only starts ESLint and prints). */
const plugin = (node) => node.callFrame.url.includes('eslint-plugin/dist/') && !node.callFrame.url.includes('/dist/cli/');
const under = (...functions) => (stack) => stack.some((node) => plugin(node) && functions.includes(name(node)));

// Order matters: the project model's parts are asked from inside the external-call index, which is asked from rules.
const CATEGORIES = [
  ['project model: parses of other modules (parseModule)', under('parseModule')],
  ['project model: importers index (reads every source file)', under('indexFor')],
  ['project model: module resolution', under('resolveUncached')],
  ['project model: module text pre-check (moduleText)', under('moduleText')],
  ['project model: package-field index, outside its parses', under('packageFieldValue')],
  ['project model: summaries, outside their parses', under('exportValue', 'ask', 'detached')],
  ['external-call index of the linted file, outside the above', under('getExternalCalls')],
  ['file roles (isProductCode, usedOutsideProductOnly)', under('isProductCode', 'usedOutsideProductOnly')],
  ['rules, other plugin code', (stack) => stack.some(plugin)],
];

/** A frame as a reader can find it: function, then the last two parts of its file and its line. */
const frame = (node) => `${name(node) || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;

const totals = new Map();
const selfTimes = new Map();
const chains = new Map();
let total = 0;
for (let index = 0; index < profile.samples.length; index++) {
  const ms = (profile.timeDeltas[index] ?? 0) / 1000;
  total += ms;
  const leaf = nodes.get(profile.samples[index]);
  selfTimes.set(frame(leaf), (selfTimes.get(frame(leaf)) ?? 0) + ms);
  if (callersOf !== undefined) {
    const stack = [];
    for (let id = profile.samples[index]; id !== undefined; id = parentOf.get(id)) stack.push(nodes.get(id));
    const at = stack.findIndex((node) => name(node) === callersOf);
    if (at >= 0) {
      const chain = stack.slice(at, at + 4).map(frame).join(' < ');
      chains.set(chain, (chains.get(chain) ?? 0) + ms);
    }
  }
  let category;
  if (name(leaf) === '(garbage collector)') category = 'garbage collector';
  else if (name(leaf) === '(idle)' || name(leaf) === '(program)') category = 'idle, program';
  else {
    const stack = [];
    for (let id = profile.samples[index]; id !== undefined; id = parentOf.get(id)) stack.push(nodes.get(id));
    category = CATEGORIES.find(([, matches]) => matches(stack))?.[0] ?? 'ESLint, parsers, Node (no plugin frame)';
  }
  totals.set(category, (totals.get(category) ?? 0) + ms);
}

console.log(`${(total / 1000).toFixed(2)} s of samples in ${args[0]}`);
for (const [category, ms] of [...totals].sort((a, b) => b[1] - a[1])) {
  const share = ms / total;
  const units = scale === undefined ? '' : `${(scale * share).toFixed(1).padStart(7)} u`;
  console.log(`${(100 * share).toFixed(1).padStart(5)}%${units}  ${category}`);
}

const shareLine = (ms, label) => {
  const share = ms / total;
  const units = scale === undefined ? '' : `${(scale * share).toFixed(1).padStart(7)} u`;
  return `${(100 * share).toFixed(2).padStart(6)}%${units}  ${label}`;
};
if (selfCount > 0) {
  console.log(`\nself time, top ${selfCount}:`);
  for (const [label, ms] of [...selfTimes].sort((a, b) => b[1] - a[1]).slice(0, selfCount)) console.log(shareLine(ms, label));
}
if (callersOf !== undefined) {
  console.log(`\nchains into ${callersOf}:`);
  for (const [label, ms] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(shareLine(ms, label));
}
