import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../eslint-plugin/src/rules/index.js';
import { BUILT, FIXTURES, REPOSITORY, lintJson, type JsonResult } from './cli-run.js';

// The plugin as an oxlint JS plugin: the same findings as ESLint on every fixture, multi-file workspaces included
// (oxlint gives rules no parser services, so the project model must stand without them).

const OXLINT = join(REPOSITORY, 'node_modules/oxlint/bin/oxlint');
const PLUGIN = join(REPOSITORY, 'eslint-plugin/dist/index.js');

interface OxlintOutput {
  diagnostics: { code: string; filename: string; labels: { span: { line: number; column: number } }[] }[];
}

let scratch: string;
let config: string;

beforeAll(() => {
  if (!existsSync(BUILT)) throw new Error('The plugin is not built: run `npm run build` before these tests.');
  scratch = mkdtempSync(join(tmpdir(), 'resilint-oxlint-'));
  config = join(scratch, '.oxlintrc.json');
  // Every Resilint rule and nothing of oxlint's own, as `resilint --preset all` runs them.
  const everyRule = Object.fromEntries(Object.keys(rules).map((name) => [`resilint/${name}`, 'error']));
  writeFileSync(config, JSON.stringify({ jsPlugins: [PLUGIN], categories: { correctness: 'off' }, plugins: [], rules: everyRule }, null, 2));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function oxlint(dir: string): Promise<OxlintOutput> {
  return new Promise((resolve, reject) => {
    execFile(OXLINT, ['-c', config, '--format', 'json', '.'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout) as OxlintOutput);
      } catch {
        reject(new Error(`oxlint gave no JSON (${error?.message ?? ''}): ${stderr || stdout}`));
      }
    });
  });
}

const place = (file: string, line: number, column: number, ruleId: string) => `${file}:${line}:${column} ${ruleId}`;

function eslintFindings(dir: string, results: readonly JsonResult[]): string[] {
  return results.flatMap((result) =>
    result.messages.map((message) => place(relative(dir, result.filePath), message.line, (message as { column?: number }).column ?? 0, message.ruleId ?? 'parse error')),
  );
}

const folders = [
  ...readdirSync(FIXTURES)
    .filter((name) => existsSync(join(FIXTURES, name, 'bad')))
    .flatMap((name) => [join(name, 'bad'), join(name, 'good')]),
  'sample-project',
  ...workspaceProjects(),
];

/** Each project under fixtures/workspaces with source files (some hold only a package.json, for rule tests' file names). */
function workspaceProjects(): string[] {
  const projects = readdirSync(join(FIXTURES, 'workspaces')).flatMap((name) => {
    const dir = join('workspaces', name);
    if (existsSync(join(FIXTURES, dir, 'package.json'))) return [dir];
    return readdirSync(join(FIXTURES, dir)).map((inner) => join(dir, inner));
  });
  return projects.filter((dir) => hasSource(join(FIXTURES, dir)));
}

function hasSource(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? entry.name !== 'node_modules' && hasSource(join(dir, entry.name)) : /\.(?:[cm]?[jt]sx?|vue|svelte)$/.test(entry.name),
  );
}

describe('oxlint runs the plugin', () => {
  it.each(folders)('%s: the same findings, at the same places, as ESLint', async (folder) => {
    const dir = join(FIXTURES, folder);
    const { results } = await lintJson(['--preset', 'all', '.'], dir);
    const linted = new Set(results.map((result) => relative(dir, result.filePath)));
    const expected = eslintFindings(dir, results).sort();
    const output = await oxlint(dir);
    const actual = output.diagnostics
      .map((diagnostic) => {
        const { line, column } = diagnostic.labels[0]!.span;
        return place(diagnostic.filename, line, column, diagnostic.code.replace(/^resilint\((.*)\)$/, 'resilint/$1'));
      })
      // the files the CLI skips by their role (tests beside a workspace's sources) are not the comparison's business
      .filter((finding) => linted.has(finding.slice(0, finding.indexOf(':'))))
      .sort();
    expect(actual).toEqual(expected);
    if (folder.endsWith('bad')) expect(expected.length).toBeGreaterThan(0);
  });
});
