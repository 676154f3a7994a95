import type { ESLint, Linter } from 'eslint';

/** A result's counts for the messages it keeps, after the CLI has taken some out. */
export function resultCounts(
  messages: readonly Linter.LintMessage[],
): Pick<ESLint.LintResult, 'errorCount' | 'warningCount' | 'fatalErrorCount' | 'fixableErrorCount' | 'fixableWarningCount'> {
  const count = (severity: number, fixable = false) => messages.filter((message) => message.severity === severity && (!fixable || message.fix !== undefined)).length;
  return {
    errorCount: count(2),
    warningCount: count(1),
    fatalErrorCount: messages.filter((message) => message.fatal).length,
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
  };
}
