import type { Linter } from 'eslint';

/**
 * A bare `// eslint-disable-line` / `// eslint-disable-next-line` (naming no rule) was written for the project's own
 * linters before Resilint ran on the file: it silences what that linter said about the line (an unused variable,
 * say) and does not say the call on it may hang. So does a bare `/* eslint-disable *\/` among the comments that open
 * a file (an old module the project's lint rules were switched off for, wholesale). Where the project's config does
 * not run Resilint (the zero-config CLI, the editor's bundled defaults), such comments do not hide Resilint's
 * findings. A comment naming a `resilint/...` rule still does, and so does a bare `/* eslint-disable *\/` below the
 * first line of code (a region left alone on purpose); generated and minified code is skipped by its role anyway.
 * Shared by the CLI and the editor's server (the package's `eslint-plugin-resilint/blanket-line-disables` export),
 * so the two show the same findings.
 */

// `// eslint-disable-line` or `/* eslint-disable-next-line */`, and what follows it up to the comment's end
const LINE_DIRECTIVE = /(?:\/\/|\/\*)\s*eslint-disable-(line|next-line)(?![\w-])(.*?)(?:\*\/|$)/g;

/** The suppressed Resilint findings that only bare line directives or a bare file-level disable hid, as ordinary messages. */
export function hiddenByBlanketLineDisables(suppressed: readonly Linter.SuppressedLintMessage[], text: string): Linter.LintMessage[] {
  const hidden = suppressed.filter((message) => message.ruleId?.startsWith('resilint/'));
  if (hidden.length === 0) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const fileDisableLine = bareFileDisableLine(text);
  return hidden.filter((message) => onlyBlanketDirectives(message, lines, fileDisableLine)).map(withoutSuppressions);
}

/**
 * Whether the comments that hid the message are all bare: line directives on its line, a next-line one just above,
 * the file's opening disable (see `bareFileDisableLine`). ESLint records one suppression
 * per directive that applied, so a count above the bare ones found means a region or a named directive hides it too.
 */
function onlyBlanketDirectives(message: Linter.SuppressedLintMessage, lines: readonly string[], fileDisableLine: number | undefined): boolean {
  if (!message.suppressions.every((suppression) => suppression.kind === 'directive')) return false;
  const ruleLists = [...lineDirectives(lines[message.line - 1], 'line'), ...lineDirectives(lines[message.line - 2], 'next-line')];
  const bareLine = ruleLists.filter((rules) => rules === '').length;
  const bare = bareLine + (fileDisableLine !== undefined && message.line > fileDisableLine ? 1 : 0);
  return bare > 0 && message.suppressions.length <= bare;
}

/** The comments (and blank space) that open a file, after a shebang. */
const OPENING_COMMENTS = /^(?:#![^\n]*)?(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/;
// `/* eslint-disable */` naming no rule (a `-- reason` may follow); ESLint reads this directive in block comments only
const BARE_BLOCK_DISABLE = /\/\*\s*eslint-disable(?:\s+--[\s\S]*?)?\s*\*\//;
const ENABLE_DIRECTIVE = /\/\*\s*eslint-enable(?![\w-])/;

/**
 * The line of a bare `/* eslint-disable *\/` among the file's opening comments that no `eslint-enable` closes (one
 * that is closed is a region left alone on purpose), or undefined.
 */
function bareFileDisableLine(text: string): number | undefined {
  const opening = OPENING_COMMENTS.exec(text)?.[0] ?? '';
  const directive = BARE_BLOCK_DISABLE.exec(opening);
  if (!directive || ENABLE_DIRECTIVE.test(text.slice(directive.index))) return undefined;
  return opening.slice(0, directive.index).split(/\r\n|\r|\n/).length;
}

/** The rule lists (justification dropped) of the line directives of one kind on a line. */
function lineDirectives(line: string | undefined, kind: 'line' | 'next-line'): string[] {
  if (line === undefined) return [];
  return [...line.matchAll(LINE_DIRECTIVE)].filter((match) => match[1] === kind).map((match) => (match[2] ?? '').split(/\s--(?:\s|$)/)[0]!.trim());
}

function withoutSuppressions({ suppressions: _suppressions, ...message }: Linter.SuppressedLintMessage): Linter.LintMessage {
  return message;
}
