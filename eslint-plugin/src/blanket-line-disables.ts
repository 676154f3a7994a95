import type { Linter } from 'eslint';

/**
 * A bare `// eslint-disable-line` / `// eslint-disable-next-line` (naming no rule) was written for the project's own
 * linters before Resilint ran on the file: it silences what that linter said about the line (an unused variable,
 * say) and does not say the call on it may hang. Where the project's config does not run Resilint (the zero-config
 * CLI, the editor's bundled defaults), such comments do not hide Resilint's findings. A comment naming a
 * `resilint/...` rule, and `/* eslint-disable *\/` over a file or a region (vendored or generated code, left alone on
 * purpose), still do. Shared by the CLI and the editor's server (the package's `eslint-plugin-resilint/blanket-line-disables`
 * export), so the two show the same findings.
 */

// `// eslint-disable-line` or `/* eslint-disable-next-line */`, and what follows it up to the comment's end
const LINE_DIRECTIVE = /(?:\/\/|\/\*)\s*eslint-disable-(line|next-line)(?![\w-])(.*?)(?:\*\/|$)/g;

/** The suppressed Resilint findings that only bare line directives hid, as ordinary messages. */
export function hiddenByBlanketLineDisables(suppressed: readonly Linter.SuppressedLintMessage[], text: string): Linter.LintMessage[] {
  const hidden = suppressed.filter((message) => message.ruleId?.startsWith('resilint/'));
  if (hidden.length === 0) return [];
  const lines = text.split(/\r\n|\r|\n/);
  return hidden.filter((message) => onlyBlanketLineDirectives(message, lines)).map(withoutSuppressions);
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
