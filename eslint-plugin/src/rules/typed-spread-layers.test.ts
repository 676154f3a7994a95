import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A service keeps its outbound HTTP policy in one module: a helper whose declared return type names only the agents
// and the redirect limit (`Pick<AxiosRequestConfig, 'httpAgent' | 'httpsAgent' | 'maxRedirects'>`), spread into every
// request to a provider. The type says the spread cannot carry a timeout, so a request given only that spread is
// unbounded; and a module's own stand-in for the client (`const http = { post: (url, data, config?) => ... }`), whose
// every caller gives options naming no bound, is reported once, in the stand-in, where one edit bounds them all.

const root = mkdtempSync(join(tmpdir(), 'resilint-typed-spread-layers-'));
function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
write('billing/package.json', JSON.stringify({ name: 'billing', private: true, dependencies: { axios: '^1.7.9' } }));
write('billing/src/egress.ts', `import type { AxiosRequestConfig } from 'axios';
import https from 'node:https';

const keptAlive = new https.Agent({ keepAlive: true, timeout: 60_000 });

export function egressConfig(): Pick<AxiosRequestConfig, 'httpsAgent' | 'maxRedirects'> {
  return { httpsAgent: keptAlive, maxRedirects: 3 };
}

type Bounded = { timeout: number; httpsAgent: https.Agent };
export function boundedEgress(): Bounded {
  return { timeout: 8_000, httpsAgent: keptAlive };
}

// (its body spreads shared defaults, which may hold anything its type allows: the body cannot say more than the type)
const sharedDefaults: AxiosRequestConfig = JSON.parse(process.env.EGRESS_DEFAULTS ?? '{}');
export function anyEgress(): AxiosRequestConfig {
  return { ...sharedDefaults, httpsAgent: keptAlive };
}
`);

// a workspace package built from `lib/` into `dist/`, its manifest naming only the build output
write('package.json', JSON.stringify({ name: 'payments', private: true, workspaces: ['packages/*'] }));
write('packages/http/package.json', JSON.stringify({ name: '@payments/http', main: './dist/index.js', typings: './dist/index.d.ts', dependencies: { axios: '^1.7.9' } }));
write('packages/http/lib/index.ts', "export * from './client.js';\n");
write('packages/http/lib/client.ts', `import axios from 'axios';
export const shared = axios.create({ headers: { 'x-service': 'payments' } });
`);
write('packages/refunds/package.json', JSON.stringify({ name: '@payments/refunds', dependencies: { '@payments/http': '*' } }));

function findings(code: string, filename: string): string[] {
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    { rules: { 'resilint/require-timeout': 'error' } },
  ];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => `${message.line}:${message.messageId ?? message.message}`);
}

const ledger = join(root, 'billing/src/ledger.ts');

describe('options spread from a helper whose declared return type names no timeout', () => {
  it('leave a request unbounded, whatever module declares the helper', () => {
    const code = `import axios from 'axios';
import { egressConfig, boundedEgress, anyEgress } from './egress';

function localEgress(): { maxRedirects: number } {
  return { maxRedirects: 2 };
}

export async function charge(url: string, amount: number) {
  await axios.post(url, { amount }, { headers: { 'x-kind': 'charge' }, ...egressConfig() });
  await axios.post(url, { amount }, { ...localEgress() });
  // controls: a helper that may give a timeout by its type, and one whose type may hold anything
  await axios.post(url, { amount }, { ...boundedEgress() });
  await axios.post(url, { amount }, { ...anyEgress() });
}
`;
    expect(findings(code, ledger)).toEqual(['9:missingTimeout', '10:missingTimeout']);
  });
});

describe("a module's own stand-in for the client, written as an object of arrow functions", () => {
  const standIn = (callers: string, exported = '') => `import axios from 'axios';
import { egressConfig } from './egress';

${exported}const provider = {
  post: (url: string, data?: unknown, config?: Parameters<typeof axios.post>[2]) =>
    axios.post(url, data, { ...config, ...egressConfig() }),
  get: (url: string, config?: Parameters<typeof axios.get>[1]) => axios.get(url, { ...config, ...egressConfig() }),
};

export async function exchange(tokenUrl: string, code: string) {
${callers}
}
`;

  it('is reported in the stand-in when every caller gives options naming no bound', () => {
    const code = standIn(`  const token = await provider.post(tokenUrl, { code }, { headers: { accept: 'application/json' } });
  const refreshed = await provider.post(tokenUrl, { code });
  const profile = await provider.get(tokenUrl, { params: { token: token.data } });
  return [refreshed.data, profile.data];`);
    expect(findings(code, ledger)).toEqual(['6:missingTimeout', '7:missingTimeout']);
  });

  it('is not when a caller gives its own timeout, or options that cannot be read, or the object is exported', () => {
    const timed = standIn(`  const token = await provider.post(tokenUrl, { code }, { timeout: 5_000 });
  const profile = await provider.get(tokenUrl, { params: { token: token.data } });
  return profile.data;`);
    expect(findings(timed, ledger)).toEqual(['7:missingTimeout']);
    const unread = standIn(`  const options = JSON.parse(code);
  return provider.post(tokenUrl, { code }, options);`);
    expect(findings(unread, ledger)).toEqual([]);
    const exported = standIn('  return provider.post(tokenUrl, { code });', 'export ');
    expect(findings(exported, ledger)).toEqual([]);
  });
});

describe("an instance imported from a workspace package whose source is in lib/ and whose manifest names dist/", () => {
  it('is read from its source, as one under src/ is', () => {
    const code = `import { shared } from '@payments/http';
export const refund = (id: string) => shared.post(\`https://psp.example.com/refunds/\${id}\`, {});
`;
    expect(findings(code, join(root, 'packages/refunds/lib/refund.ts'))).toEqual(['2:missingTimeout']);
  });
});
