#!/usr/bin/env node
// Runs the built Resilint CLI over real code bases (checkouts kept outside this repository) and tallies
// the findings a reviewer then reads: per rule, per top-level folder, files linted, run time, findings
// that offer no fix; and a seeded random sample of findings per rule, each with its code line.
// The method and the figures it produced are in docs/real-code.md.
//
// Usage:
//   node bench/real-code.mjs [options] <checkout-dir>... | --manifest <file.json>
// A manifest is a JSON array of { "name", "dir", "set"? } (set is a free label, e.g. "tune" or "held-out").
// Options:
//   --preset <name>      preset passed to the CLI (default: all)
//   --cli <path>         the CLI to run (default: this repository's eslint-plugin/bin/resilint.js)
//   --save <dir>         keep each run's raw JSON as <dir>/<name>.json
//   --load <dir>         read those saved results instead of running the CLI again
//   --sample <n>         print up to n randomly chosen findings per rule (over all repos given)
//   --seed <n>           seed of that sample (default: 1); the same seed and results give the same sample
//   --rule <id>          sample only this rule (repeatable)
//   --context <n>        lines shown either side of a sampled finding (default: 0)
//   --json               print the tallies as JSON instead of tables
// The CLI runs with its working directory inside each checkout (it lints `.`), as a user would.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const options = { preset: 'all', cli: join(here, '../eslint-plugin/bin/resilint.js'), seed: 1, context: 0, rules: [] };
const dirs = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  const value = () => argv[++i];
  if (arg === '--manifest') options.manifest = value();
  else if (arg === '--preset') options.preset = value();
  else if (arg === '--cli') options.cli = resolve(value());
  else if (arg === '--save') options.save = resolve(value());
  else if (arg === '--load') options.load = resolve(value());
  else if (arg === '--sample') options.sample = Number(value());
  else if (arg === '--seed') options.seed = Number(value());
  else if (arg === '--rule') options.rules.push(value());
  else if (arg === '--context') options.context = Number(value());
  else if (arg === '--json') options.json = true;
  else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
  else dirs.push(arg);
}

const repos = options.manifest
  ? JSON.parse(readFileSync(options.manifest, 'utf8')).map((repo) => ({
      ...repo,
      dir: resolve(dirname(options.manifest), repo.dir),
    }))
  : dirs.map((dir) => ({ name: basename(resolve(dir)), dir: resolve(dir) }));
if (repos.length === 0) usage('no checkout given');

function usage(problem) {
  console.error(`${problem}\nusage: node bench/real-code.mjs [options] <checkout-dir>... | --manifest <file.json>`);
  process.exit(2);
}

const results = repos.map((repo) => ({ ...repo, ...lintRepo(repo) }));
const tallies = results.map(tally);
if (options.json) console.log(JSON.stringify(tallies, null, 2));
else printTables(tallies);
if (options.sample) printSample(results);

function lintRepo(repo) {
  const saved = options.load && join(options.load, `${repo.name}.json`);
  if (saved && existsSync(saved)) return JSON.parse(readFileSync(saved, 'utf8'));
  const started = performance.now();
  let output;
  try {
    output = execFileSync(process.execPath, [options.cli, '--preset', options.preset, '--format', 'json', '.'], {
      cwd: repo.dir,
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (error) {
    // Exit code 1 means "findings"; anything else is a failed run.
    if (error.status !== 1) throw error;
    output = error.stdout;
  }
  const seconds = (performance.now() - started) / 1000;
  const files = JSON.parse(output.toString());
  const run = { seconds, files };
  if (options.save) {
    mkdirSync(options.save, { recursive: true });
    writeFileSync(join(options.save, `${repo.name}.json`), JSON.stringify(run));
  }
  return run;
}

function findingsOf(result) {
  return result.files.flatMap((file) =>
    file.messages.map((message) => ({ ...message, repo: result.name, dir: result.dir, file: file.filePath })),
  );
}

function tally(result) {
  const byRule = {};
  const byFolder = {};
  let withoutFix = 0;
  let fatal = 0;
  for (const finding of findingsOf(result)) {
    if (finding.fatal) fatal++;
    const rule = finding.ruleId ?? '(parse error)';
    byRule[rule] = (byRule[rule] ?? 0) + 1;
    const parts = relative(result.dir, finding.file).split('/');
    // In a monorepo the package tells more than `packages/`.
    const folder = /^(?:packages|apps|libs|plugins)$/.test(parts[0]) && parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
    byFolder[folder] = (byFolder[folder] ?? 0) + 1;
    if (!finding.fix && !(finding.suggestions?.length > 0)) withoutFix++;
  }
  return {
    name: result.name,
    set: result.set,
    seconds: Number(result.seconds.toFixed(1)),
    filesLinted: result.files.length,
    findings: Object.values(byRule).reduce((sum, count) => sum + count, 0),
    withoutFix,
    parseErrors: fatal,
    byRule,
    byFolder,
  };
}

function printTables(tallies) {
  const rules = [...new Set(tallies.flatMap((t) => Object.keys(t.byRule)))].sort();
  const header = ['repo', 'set', 'files', 'seconds', 'findings', 'no fix', ...rules.map((r) => r.replace(/^resilint\//, ''))];
  const rows = tallies.map((t) => [
    t.name,
    t.set ?? '',
    t.filesLinted,
    t.seconds,
    t.findings,
    t.withoutFix,
    ...rules.map((rule) => t.byRule[rule] ?? 0),
  ]);
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  for (const t of tallies) {
    const folders = Object.entries(t.byFolder).sort((a, b) => b[1] - a[1]);
    if (folders.length) console.log(`\n${t.name} by top-level folder: ${folders.map(([f, n]) => `${f} ${n}`).join(', ')}`);
  }
}

// mulberry32: small, seedable, good enough to pick a sample.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function printSample(results) {
  const next = random(options.seed);
  const byRule = new Map();
  for (const finding of results.flatMap(findingsOf)) {
    const rule = finding.ruleId ?? '(parse error)';
    if (options.rules.length && !options.rules.some((wanted) => rule.endsWith(wanted))) continue;
    if (!byRule.has(rule)) byRule.set(rule, []);
    byRule.get(rule).push(finding);
  }
  for (const [rule, findings] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    // Partial Fisher–Yates: the first n of a seeded shuffle.
    const count = Math.min(options.sample, findings.length);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(next() * (findings.length - i));
      [findings[i], findings[j]] = [findings[j], findings[i]];
    }
    console.log(`\n## ${rule}: ${count} of ${findings.length}`);
    findings.slice(0, count).forEach((finding, index) => {
      const lines = readFileSync(finding.file, 'utf8').split('\n');
      const first = Math.max(1, finding.line - options.context);
      const last = Math.min(lines.length, finding.line + options.context);
      console.log(`\n${index + 1}. ${finding.repo} ${relative(finding.dir, finding.file)}:${finding.line}  ${finding.message}`);
      for (let line = first; line <= last; line++) {
        console.log(`   ${line === finding.line ? '>' : ' '} ${lines[line - 1].slice(0, 160)}`);
      }
    });
  }
}
