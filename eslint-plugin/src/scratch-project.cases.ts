import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { afterAll } from 'vitest';
import plugin from './index.js';

/**
 * A project written to a temporary folder for one test file, removed after its tests: rules that read other modules,
 * package.json files and npm scripts see it as they see a user's. (A `.cases.ts` file: shared by tests, never built.)
 */
export function scratchProject(prefix: string): { write(path: string, text: string): string } {
  const root = mkdtempSync(join(tmpdir(), `resilint-${prefix}-`));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return {
    write(path, text) {
      const file = join(root, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
  };
}

/** What a preset reports on a file of such a project, as the CLI would lint it. */
export function lintWithPreset(file: string, preset: 'all' | 'strict' = 'all', code = readFileSync(file, 'utf8')): Linter.LintMessage[] {
  const config = plugin.configs[preset] as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename: file });
}
