import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// An integrations service builds each request's config with a helper of another module (tegon's
// `getGithubHeaders(token)`, returning `{ headers: { ...githubHeaders, Authorization } }`) and hands it to axios as
// the whole config or spread into it. Every return of the helper is an object literal that names no timeout, signal
// or cancel token, so a request given only that config waits as long as GitHub takes: the project model reads the
// helper's returns, and the call is reported as one with no bound. A helper that may give one stays a bound.

const root = mkdtempSync(join(tmpdir(), 'resilint-imported-option-helpers-'));
function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
write('integrations/package.json', JSON.stringify({ name: 'integrations', private: true, dependencies: { axios: '^1.7.9' } }));
write('integrations/src/forge/headers.ts', `import type { AxiosRequestConfig } from 'axios';

const forgeHeaders = { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' };

export function getForgeHeaders(token: string) {
  return {
    headers: {
      ...forgeHeaders,
      Authorization: \`Bearer \${token}\`,
    },
  };
}

export const getBotHeaders = (jwt: string, accept?: string) =>
  accept ? { headers: { Authorization: \`Bearer \${jwt}\`, Accept: accept } } : { headers: { Authorization: \`Bearer \${jwt}\` } };

// declared as any config, but its body says which: headers only
export function getTypedHeaders(token: string): AxiosRequestConfig {
  return { headers: { Authorization: \`Bearer \${token}\` } };
}

export function getTimedHeaders(token: string) {
  return { headers: { Authorization: \`Bearer \${token}\` }, timeout: 10_000 };
}

const defaults = { timeout: 8_000 };
export function getSharedHeaders(token: string) {
  return { ...defaults, headers: { Authorization: \`Bearer \${token}\` } };
}

export async function getLoadedHeaders(token: string) {
  return { headers: { Authorization: \`Bearer \${token}\` } };
}

export function getConfiguredHeaders(config: { timeout?: number }) {
  if (config.timeout) return config;
  return { headers: {} };
}
`);
write('integrations/src/forge/index.ts', "export * from './headers';\n");
write('integrations/src/forge/types.ts', `export interface ForgeHeaders {
  headers: Record<string, string>;
}
export interface TimedForgeHeaders extends ForgeHeaders {
  timeout?: number;
}
export type ForgeInput = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; timeout?: number };
export type RelayedForgeHeaders = Omit<Pick<ForgeInput, 'method' | 'headers'> & { account?: string }, 'account'>;
`);
const downloadText = (type: string) => `import axios from 'axios';
import type { ${type} } from './types';

export async function fetchAsset(url: string, headers: ${type}) {
  return (await axios.get(url, { ...headers, responseType: 'json' })).data;
}
`;
const download = write('integrations/src/forge/download.ts', downloadText('ForgeHeaders'));
const timedDownload = write('integrations/src/forge/timed-download.ts', downloadText('TimedForgeHeaders'));
const relayedDownload = write('integrations/src/forge/relayed-download.ts', downloadText('RelayedForgeHeaders'));

function findings(code: string, filename: string): string[] {
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    { rules: { 'resilint/require-timeout': 'error' } },
  ];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => `${message.line}:${message.messageId ?? message.message}`);
}

function suggestions(code: string, filename: string): string[] {
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    { rules: { 'resilint/require-timeout': 'error' } },
  ];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename })
    .filter((message) => message.ruleId === 'resilint/require-timeout')
    .flatMap((message) => (message.suggestions ?? []).map((suggestion) => suggestion.fix.text));
}

const sync = join(root, 'integrations/src/sync.ts');

describe('a request config built by a helper of another module', () => {
  it('sets no bound when every return of the helper is a literal naming none, given whole or spread', () => {
    const code = `import axios from 'axios';
import { getForgeHeaders, getBotHeaders, getTypedHeaders } from './forge/headers';

export async function syncIssue(url: string, token: string, body: unknown) {
  const { data } = await axios.post(url, body, getForgeHeaders(token));
  await axios.get(url, { ...getForgeHeaders(token), params: { state: 'open' } });
  await axios.get(url, getBotHeaders(token, 'application/json'));
  await axios.get(url, getTypedHeaders(token));
  return data;
}
`;
    expect(findings(code, sync)).toEqual(['5:missingTimeout', '6:missingTimeout', '7:missingTimeout', '8:missingTimeout']);
  });

  it('is read through a barrel the helper is re-exported from', () => {
    const code = `import axios from 'axios';
import { getForgeHeaders } from './forge';

export async function listRepositories(url: string, token: string) {
  return (await axios.get(url, getForgeHeaders(token))).data;
}
`;
    expect(findings(code, sync)).toEqual(['5:missingTimeout']);
  });

  it('stays a bound when the helper may give a timeout, spreads an object, or returns something else', () => {
    const code = `import axios from 'axios';
import { getTimedHeaders, getSharedHeaders, getConfiguredHeaders } from './forge/headers';

export async function syncComment(url: string, token: string, body: unknown) {
  await axios.post(url, body, getTimedHeaders(token));
  await axios.post(url, body, getSharedHeaders(token));
  await axios.post(url, body, getConfiguredHeaders({ timeout: 5_000 }));
}
`;
    expect(findings(code, sync)).toEqual([]);
  });

  it('reads an async helper where its result is awaited, given whole or held in a variable (tegon\'s Gmail triage)', () => {
    const code = `import axios from 'axios';
import { getLoadedHeaders } from './forge/headers';

export async function triage(url: string, token: string, body: unknown) {
  await axios.post(url, body, await getLoadedHeaders(token));
  const headers = await getLoadedHeaders(token);
  return (await axios.get(url, headers)).data;
}
`;
    expect(findings(code, sync)).toEqual(['5:missingTimeout', '7:missingTimeout']);
  });

  it('is fixed by adding the timeout beside the helper\'s config', () => {
    const code = `import axios from 'axios';
import { getForgeHeaders } from './forge/headers';

export async function closeIssue(url: string, token: string) {
  await axios.patch(url, { state: 'closed' }, getForgeHeaders(token));
}
`;
    expect(suggestions(code, sync)).toContain(`axios.patch(url, { state: 'closed' }, { ...getForgeHeaders(token), timeout: 5_000 })`);
  });
});

describe('a wrapper whose options parameter is typed in another module', () => {
  it('is reported in the wrapper when the type has no room for a bound, and its callers are not', () => {
    expect(findings(downloadText('ForgeHeaders'), download)).toEqual(['5:missingTimeout']);
    const caller = `import { fetchAsset } from './forge/download';
import { getForgeHeaders } from './forge/headers';

export const asset = (url: string, token: string) => fetchAsset(url, getForgeHeaders(token));
`;
    expect(findings(caller, sync)).toEqual([]);
  });

  it('reads the keys Pick and Omit leave (the source type\'s own timeout is picked out)', () => {
    expect(findings(downloadText('RelayedForgeHeaders'), relayedDownload)).toEqual(['5:missingTimeout']);
  });

  it('leaves the bound to the callers when the type lets them pass a timeout (control)', () => {
    expect(findings(downloadText('TimedForgeHeaders'), timedDownload)).toEqual([]);
    const caller = `import { fetchAsset } from './forge/timed-download';
import { getForgeHeaders } from './forge/headers';

export const asset = (url: string, token: string) => fetchAsset(url, getForgeHeaders(token));
`;
    expect(findings(caller, sync)).toEqual(['4:missingTimeout']);
  });
});
