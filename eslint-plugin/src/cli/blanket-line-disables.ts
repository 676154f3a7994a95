import { readFile } from 'node:fs/promises';
import type { ESLint, Linter } from 'eslint';
import { resultCounts } from './result-counts.js';

// `// eslint-disable-line` or `/* eslint-disable-next-line */`, what follows it up to the comment's end
const LINE_DIRECTIVE = /(?:\/\/|\/\*)\s*eslint-disable-(line|next-line)(?![\w-])(.*?)(?:\*\/|$)/g;

/**
 * Gives back the findings that a bare `eslint-disable-line` / `eslint-disable-next-line` (one naming no rule) hid.
 * Such a comment was written for the project's own linters before Resilint ran on the file (a zero-config run does
 * not use the project's config): it silences whatever that linter said about the line (an unused variable, say), and
 * it does not say the call on it may hang. A comment naming `resilint/...` rules, and a file or region disabled with
 * `/* eslint-disable *\/` (vendored or generated code, left alone on purpose), still hide findings.
 */
export async function liftBlanketLineDisables(results: ESLint.LintResult[]): Promise<ESLint.LintResult[]> {
  return Promise.all(results.map(async (result) => {
    const hidden = result.suppressedMessages.filter((message) => message.ruleId?.startsWith('resilint/'));
    if (hidden.length === 0) return result;
    const lines = (result.source ?? (await readFile(result.filePath, 'utf8'))).split(/\r\n|\r|\n/);
    const lifted = hidden.filter((message) => onlyBlanketLineDirectives(message, lines));
    if (lifted.length === 0) return result;
    const messages = [...result.messages, ...lifted.map(withoutSuppressions)].sort((a, b) => a.line - b.line || a.column - b.column);
    return { ...result, messages, suppressedMessages: result.suppressedMessages.filter((message) => !lifted.includes(message)), ...resultCounts(messages) };
  }));
}

/**
 * Whether the comments that hid the message are all bare line directives: on its line, or a next-line one just
 * above. ESLint records one suppression per directive that applied, so a count above the bare ones found means a
 * range or a named directive hides it too.
 */
function onlyBlanketLineDirectives(message: Linter.SuppressedLintMessage, lines: readonly string[]): boolean {
  if (!message.suppressions.every((suppression) => suppression.kind === 'directive')) return false;
  const ruleLists = [...lineDirectives(lines[message.line - 1], 'line'), ...lineDirectives(lines[message.line - 2], 'next-line')];
  const bare = ruleLists.filter((rules) => rules === '').length;
  return bare > 0 && message.suppressions.length <= bare;
}

/** The rule lists (justification dropped) of the line directives of one kind on a line. */
function lineDirectives(line: string | undefined, kind: 'line' | 'next-line'): string[] {
  if (line === undefined) return [];
  return [...line.matchAll(LINE_DIRECTIVE)].filter((match) => match[1] === kind).map((match) => (match[2] ?? '').split(/\s--(?:\s|$)/)[0]!.trim());
}

function withoutSuppressions({ suppressions: _suppressions, ...message }: Linter.SuppressedLintMessage): Linter.LintMessage {
  return message;
}
