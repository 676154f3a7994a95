import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A blockchain SDK's settings class (the thirty-ninth round): its request timeout is what the SDK's user gave, or a
// default of 0, "no timeout", from its constants module; its request layer passes it to axios, so out of the box every
// request waits as long as the server does. Written in our own words, across the modules it spans there.
const project = scratchProject('zero-default');
project.write('package.json', JSON.stringify({ name: 'chain-sdk', version: '1.0.0', main: 'dist/index.js', types: 'dist/index.d.ts', dependencies: { axios: '^1.7.0' } }));
project.write('src/constants.ts', 'export const NO_TIMEOUT = 0; // 0 = wait as long as it takes\nexport const THIRTY_SECONDS = 30_000;\n');
const settings = (fallback: string) => project.write('src/settings.ts', `import { NO_TIMEOUT, THIRTY_SECONDS } from './constants';
export class ChainSettings {
  readonly requestTimeout?: number;
  constructor(readonly apiKey: string, options?: { requestTimeout?: number }) {
    this.requestTimeout = options?.requestTimeout || ${fallback};
  }
}
`);
project.write('src/send.ts', `import axios, { type AxiosRequestConfig } from 'axios';
export function send(url: string, overrides?: AxiosRequestConfig) {
  const config: AxiosRequestConfig = { ...overrides, headers: { ...overrides?.headers, 'x-sdk': 'chain' }, url };
  return axios(config);
}
`);
const dispatch = project.write('src/dispatch.ts', `import type { AxiosRequestConfig } from 'axios';
import { ChainSettings } from './settings';
import { send } from './send';
export async function request(settings: ChainSettings, path: string, overrides?: AxiosRequestConfig) {
  const response = await send(\`https://api.chain.example.com/v3/\${settings.apiKey}\${path}\`, { ...overrides, timeout: settings.requestTimeout });
  return response.data;
}
export function owners(settings: ChainSettings, token: string) {
  return request(settings, '/owners?token=' + token);
}
`);

const timeoutFindings = () => lintWithPreset(dispatch).filter((message) => message.ruleId === 'resilint/require-timeout');

describe('a timeout taken from a settings field whose default is 0', () => {
  it('is reported in the layer that passes it on, with a fallback for the 0 first', () => {
    settings('NO_TIMEOUT');
    const [finding, ...others] = timeoutFindings();
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ line: 5, messageId: 'zeroDefaultTimeout' });
    expect(finding!.suggestions?.[0]).toMatchObject({ messageId: 'fixFallbackTimeout', fix: { text: 'settings.requestTimeout || 30_000' } });
  });

  it('is left alone when the default bounds the request', () => {
    settings('THIRTY_SECONDS');
    expect(timeoutFindings()).toEqual([]);
  });
});
