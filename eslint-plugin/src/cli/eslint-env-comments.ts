import { readFile } from 'node:fs/promises';
import type { ESLint } from 'eslint';

/** What ESLint 10 says, as a fatal error that stops the file from being linted at all, for an `eslint-env` comment. */
const ESLINT_ENV_ERROR = '/* eslint-env */ comments are no longer supported.';
const ESLINT_ENV_COMMENT = /\/\*\s*eslint-env\b[\s\S]*?\*\//g;

/**
 * Lints again, as if the comment were not there, each file that ESLint refused for an old `/* eslint-env *\/`
 * comment: the comment configured another tool's globals, says nothing about resilience, and must neither hide the
 * file's findings nor fail a Resilint run. The comment is blanked out character for character (line breaks kept),
 * so every position, and every suggestion's range, is the file's own.
 */
export async function lintPastEslintEnvComments(eslint: ESLint, results: ESLint.LintResult[]): Promise<ESLint.LintResult[]> {
  return Promise.all(results.map(async (result) => {
    if (!result.messages.some((message) => message.fatal && message.message === ESLINT_ENV_ERROR)) return result;
    const text = result.source ?? (await readFile(result.filePath, 'utf8'));
    const blanked = text.replace(ESLINT_ENV_COMMENT, (comment) => comment.replace(/[^\r\n]/g, ' '));
    const [relinted] = await eslint.lintText(blanked, { filePath: result.filePath });
    if (relinted === undefined) return result;
    return relinted.source === undefined ? relinted : { ...relinted, source: text };
  }));
}
