import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// fixtures/workspaces/tuple-layer-sdk: an SDK's request layer takes its caller's [url, init] tuple and spreads it into
// an injectable fetch; its query and REST clients build the tuple in other modules of the package.
const sdk = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/tuple-layer-sdk/src/${path}`, import.meta.url));

function timeoutFindings(file: string): Linter.LintMessage[] {
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), config, { filename: file })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal);
}

describe("a request layer spreading its caller's argument tuple into fetch", () => {
  it('is reported in the layer when every caller in view builds the init with no bound of its own', () => {
    // the query client hands on its user's optional signal, the REST client gives none: no request has a default bound
    const findings = timeoutFindings(sdk('transport.ts'));
    expect(findings.map((message) => `${message.line}:${message.messageId}`)).toEqual(['12:missingTimeout']);
    // the fix takes the init out of the tuple and bounds it, keeping a signal a caller gave
    expect(findings[0]!.suggestions?.[0]?.fix.text).toBe(
      'send(request[0], { ...request[1], signal: request[1]?.signal ? AbortSignal.any([request[1].signal, AbortSignal.timeout(5_000)]) : AbortSignal.timeout(5_000) })',
    );
  });

  it('does not report the callers that build the tuple', () => {
    expect(timeoutFindings(sdk('query-client.ts'))).toEqual([]);
    expect(timeoutFindings(sdk('rest-client.ts'))).toEqual([]);
  });

  it('is left to the callers when the one in view gives a deadline', () => {
    expect(timeoutFindings(sdk('deadline-transport.ts'))).toEqual([]);
  });

  it('is not judged in a layer nobody in view calls', () => {
    expect(timeoutFindings(sdk('public-transport.ts'))).toEqual([]);
  });
});
