/**
 * ESLint 10 refuses a file with an old `/* eslint-env *\/` comment: a fatal error, and none of the file's findings.
 * The comment configured another tool's globals and says nothing about resilience, so the CLI and the editor's
 * server both lint such a file again with the comment blanked out. Shared by both (the package's
 * `eslint-plugin-resilint/eslint-env-comments` export), so the two read the same files the same way.
 */

/** What ESLint 10 says, as a fatal error, for an `eslint-env` comment. */
const ESLINT_ENV_ERROR = '/* eslint-env */ comments are no longer supported.';
const ESLINT_ENV_COMMENT = /\/\*\s*eslint-env\b[\s\S]*?\*\//g;

/** Whether ESLint refused the file for an `eslint-env` comment (and for nothing else). */
export function refusedForEslintEnv(messages: readonly { readonly fatal?: boolean; readonly message: string }[]): boolean {
  return messages.some((message) => message.fatal === true && message.message === ESLINT_ENV_ERROR);
}

/**
 * The text with each `eslint-env` comment blanked character for character (line breaks kept), so every position,
 * and every suggestion's range, is the file's own.
 */
export function withoutEslintEnvComments(text: string): string {
  return text.replace(ESLINT_ENV_COMMENT, (comment) => comment.replace(/[^\r\n]/g, ' '));
}
