import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// fixtures/workspaces/runtime-fetch-sdk: the SDK's fetch is a module `let` an adapter sets at start-up, typed with
// fetch's own arguments; a request helper made by a factory calls it with the init its callers give.
const sdk = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/runtime-fetch-sdk/src/${path}`, import.meta.url));

function timeoutFindings(file: string): Linter.LintMessage[] {
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), config, { filename: file })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal);
}

describe('a fetch an adapter sets at run time', () => {
  it("is fetch where it is called, by the variable's declared type, not the stub it starts as", () => {
    const findings = timeoutFindings(sdk('auth/token.ts'));
    // the OAuth calls of what the factory makes are not told: the helper is (below)
    expect(findings.map((message) => `${message.line}:${message.messageId}`)).toEqual(['21:missingTimeout']);
    expect(findings[0]!.suggestions?.[0]?.fix.text).toContain('signal: AbortSignal.timeout(5_000)');
  });

  it('is reported in the helper a factory makes when every caller of what it gives passes an init with no bound', () => {
    const findings = timeoutFindings(sdk('request.ts'));
    expect(findings.map((message) => `${message.line}:${message.messageId}`)).toEqual(['6:missingTimeout']);
    // the caller's own signal is kept
    expect(findings[0]!.suggestions?.[0]?.fix.text).toBe(
      'platformFetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(5_000)]) : AbortSignal.timeout(5_000) })',
    );
  });
});
