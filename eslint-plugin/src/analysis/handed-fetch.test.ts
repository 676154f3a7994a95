import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A generated SDK's core picks the user's fetch or the global one and hands it to its request layer
// (`send(fetchFn, url, method, body)`, `fetchFn` typed with fetch's signature): the layer's call is a fetch when every
// caller in the product hands it one, and is judged where it is written (fixtures/workspaces/handed-fetch-sdk).
const sdkFile = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/handed-fetch-sdk/${path}`, import.meta.url));

function timeoutFindings(file: string, text = readFileSync(file, 'utf8')): string[] {
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(text, config, { filename: file })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => `${message.line}:${message.messageId ?? message.message}`);
}

describe('a fetch handed to a request layer by its callers', () => {
  it('is reported in the layer that calls it with no signal; the layer bounding its own is not', () => {
    // (the fixture's tests/send.test.ts hands `send` a stub: read from the product only, the callers still agree)
    expect(timeoutFindings(sdkFile('src/core/send.ts'))).toEqual(['8:missingTimeout']);
  });

  it('leaves the callers alone: their requests are fixed in the layer, once', () => {
    expect(timeoutFindings(sdkFile('src/core/client.ts'))).toEqual([]);
  });

  const layer = (handed: string): string => `const send = async (fetchFn: (url: string, init: RequestInit) => Promise<Response>, url: string) =>
  fetchFn(url, { method: 'GET' });
const timedFetch = (url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
export const status = () => send(${handed}, 'https://status.example.com/v1');
`;

  it('follows the callers in the layer\'s own module', () => {
    expect(timeoutFindings(sdkFile('src/core/inline.ts'), layer('fetch'))).toEqual(['2:missingTimeout']);
    expect(timeoutFindings(sdkFile('src/core/inline.ts'), layer('globalThis.fetch'))).toEqual(['2:missingTimeout']);
  });

  it('stays unknown when a caller hands a fetch-like function of its own, which bounds its requests', () => {
    expect(timeoutFindings(sdkFile('src/core/inline.ts'), layer('timedFetch'))).toEqual([]);
  });
});
