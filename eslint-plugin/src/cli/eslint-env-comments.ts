import { readFile } from 'node:fs/promises';
import type { ESLint } from 'eslint';
import { refusedForEslintEnv, withoutEslintEnvComments } from '../eslint-env-comments.js';

/**
 * Lints again, as if the comment were not there, each file that ESLint refused for an old `/* eslint-env *\/`
 * comment: it must neither hide the file's findings nor fail a Resilint run (the editor's server does the same).
 */
export async function lintPastEslintEnvComments(eslint: ESLint, results: ESLint.LintResult[]): Promise<ESLint.LintResult[]> {
  return Promise.all(results.map(async (result) => {
    if (!refusedForEslintEnv(result.messages)) return result;
    const text = result.source ?? (await readFile(result.filePath, 'utf8'));
    const [relinted] = await eslint.lintText(withoutEslintEnvComments(text), { filePath: result.filePath });
    if (relinted === undefined) return result;
    return relinted.source === undefined ? relinted : { ...relinted, source: text };
  }));
}
