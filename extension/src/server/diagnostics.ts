import type { Linter } from 'eslint/universal';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import { shortRuleName } from './linting.js';

export const DIAGNOSTIC_SOURCE = 'resilint';

/** What a diagnostic carries so that its code actions find the finding again. */
export interface DiagnosticData {
  messageIndex: number;
}

/** `resilint.problems.severity`: the severity the lint config gives (`default`), or every finding shown as this one. */
export type ProblemSeverity = 'default' | 'warn' | 'info';

export function toDiagnostic(message: Linter.LintMessage, messageIndex: number, documentationUrl: string | undefined, shownAs: ProblemSeverity = 'default'): Diagnostic {
  const diagnostic: Diagnostic = {
    range: messageRange(message),
    severity: diagnosticSeverity(message.severity, shownAs),
    source: DIAGNOSTIC_SOURCE,
    message: message.message,
    code: shortRuleName(message.ruleId ?? ''),
    data: { messageIndex } satisfies DiagnosticData,
  };
  if (documentationUrl) diagnostic.codeDescription = { href: documentationUrl };
  return diagnostic;
}

function diagnosticSeverity(severity: Linter.Severity, shownAs: ProblemSeverity): DiagnosticSeverity {
  if (shownAs === 'warn') return DiagnosticSeverity.Warning;
  if (shownAs === 'info') return DiagnosticSeverity.Information;
  return severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
}

/** ESLint counts lines and columns from 1 (end column exclusive); LSP counts both from 0. */
export function messageRange(message: Linter.LintMessage): Range {
  const start = { line: Math.max(message.line - 1, 0), character: Math.max(message.column - 1, 0) };
  const end =
    message.endLine === undefined
      ? start
      : { line: Math.max(message.endLine - 1, 0), character: Math.max((message.endColumn ?? message.column) - 1, 0) };
  return { start, end };
}
