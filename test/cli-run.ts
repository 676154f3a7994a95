import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

// The real, built `resilint` bin over the fixtures: build first (`npm run build`).
export const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(REPOSITORY, 'eslint-plugin/bin/resilint.js');
export const BUILT = join(REPOSITORY, 'eslint-plugin/dist/cli/resilint.js');
export const FIXTURES = join(REPOSITORY, 'fixtures');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function resilint(args: string[], cwd = REPOSITORY): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

export interface JsonResult {
  filePath: string;
  errorCount: number;
  messages: { ruleId: string | null; fatal?: boolean; severity: number; message: string; line: number }[];
}

export async function lintJson(args: string[], cwd = REPOSITORY): Promise<{ run: Run; results: JsonResult[] }> {
  const run = await resilint(['--format', 'json', ...args], cwd);
  return { run, results: JSON.parse(run.stdout) as JsonResult[] };
}

/** Writes a project of `files` (path → text) under `root`. */
export function writeProject(root: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A scratch folder made before the file's tests and removed after them; fails at once when the CLI is not built. */
export function scratchFolder(prefix: string): () => string {
  let folder: string | undefined;
  beforeAll(() => {
    if (!existsSync(BUILT)) throw new Error('The CLI is not built: run `npm run build` before these tests.');
    folder = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });
  return () => folder!;
}
