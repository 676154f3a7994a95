import { readFile } from 'node:fs/promises';
import type { ESLint } from 'eslint';
import { hiddenByBlanketLineDisables } from '../blanket-line-disables.js';
import { resultCounts } from './result-counts.js';

/** Gives back, in each result, the findings that only a bare line-level disable comment hid (see the shared module). */
export async function liftBlanketLineDisables(results: ESLint.LintResult[]): Promise<ESLint.LintResult[]> {
  return Promise.all(results.map(async (result) => {
    if (!result.suppressedMessages.some((message) => message.ruleId?.startsWith('resilint/'))) return result;
    const lifted = hiddenByBlanketLineDisables(result.suppressedMessages, result.source ?? (await readFile(result.filePath, 'utf8')));
    if (lifted.length === 0) return result;
    const liftedAt = new Set(lifted.map(({ ruleId, line, column }) => `${ruleId}:${line}:${column}`));
    const messages = [...result.messages, ...lifted].sort((a, b) => a.line - b.line || a.column - b.column);
    const suppressedMessages = result.suppressedMessages.filter(({ ruleId, line, column }) => !liftedAt.has(`${ruleId}:${line}:${column}`));
    return { ...result, messages, suppressedMessages, ...resultCounts(messages) };
  }));
}
