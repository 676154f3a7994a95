import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// fixtures/workspaces/jobs-sdk: an SDK's fetch injected by its user, kept by the client behind a getter, handed to
// an API class as a function that returns it, and from there, with the init, into a helper of another module.
const sdk = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/jobs-sdk/src/${path}`, import.meta.url));

function timeoutFindings(file: string): string[] {
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), config, { filename: file })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => `${message.line}:${message.messageId ?? message.message}`);
}

describe('an injected fetch', () => {
  it('is the fetch a getter typed as one returns', () => {
    expect(timeoutFindings(sdk('client.ts'))).toEqual(['21:missingTimeout']);
  });

  it('is the fetch a field typed as a function returning one gives', () => {
    // the helper's call (line 19) is judged in the helper, which its callers' init reaches
    expect(timeoutFindings(sdk('api/jobs-api.ts'))).toEqual(['35:missingTimeout']);
  });

  it('is reported in the helper that calls it, when a caller in view gives an init without a signal', () => {
    expect(timeoutFindings(sdk('helpers/signed-fetch.ts'))).toEqual(['10:missingTimeout', '12:missingTimeout']);
  });

  it('is left to the callers when every one of them gives the init a signal', () => {
    expect(timeoutFindings(sdk('helpers/deadline-fetch.ts'))).toEqual([]);
  });

  it('is not judged in a helper nobody in view calls', () => {
    expect(timeoutFindings(sdk('helpers/public-fetch.ts'))).toEqual([]);
  });
});
