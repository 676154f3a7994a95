import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A request config declared first and given its value later (`let config;` before a `try`, the object assigned
// inside it): the call gets whichever value was assigned last, so it is judged by every value the variable may hold.
// Every one bounds it: bounded. None does: reported. One the analysis cannot read: left alone.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

ruleTester.run('require-timeout: options variable given its value after its declaration', requireTimeout, {
  valid: [
    // the value assigned in the try sets a timeout
    `import axios, { AxiosRequestConfig } from 'axios';
export async function weather(city: string) {
  let request: AxiosRequestConfig;
  try {
    request = { url: 'https://api.weather.example/v1/now', params: { city }, timeout: 4_000 };
    return (await axios(request)).data;
  } catch (error) {
    throw new Error('weather lookup failed', { cause: error });
  }
}`,
    // both branches set one
    `import axios from 'axios';
export async function quote(symbol: string, live: boolean) {
  let options = {};
  if (live) options = { url: 'https://quotes.example/live/' + symbol, timeout: 2_000 };
  else options = { url: 'https://quotes.example/eod/' + symbol, signal: AbortSignal.timeout(10_000) };
  options = live ? { ...options, timeout: 2_000 } : { ...options, timeout: 10_000 };
  return axios.request(options);
}`,
    // one value comes from a helper of another module: it may carry a timeout
    `import axios from 'axios';
import { signedRequest } from './signing';
export async function invoice(id: string, signed: boolean) {
  let config;
  if (signed) config = signedRequest('GET', '/invoices/' + id);
  else config = { method: 'GET', url: 'https://billing.example/invoices/' + id };
  return axios(config);
}`,
    // given a value by destructuring: not read
    `import axios from 'axios';
export async function profile(source: { config: object }) {
  let config;
  ({ config } = source);
  return axios(config);
}`,
    // a timeout written on the object after it was assigned
    `import axios from 'axios';
export async function status(host: string) {
  let config: { url?: string; timeout?: number } = {};
  config = { url: 'https://' + host + '/status' };
  config.timeout = 3_000;
  return axios(config);
}`,
  ],
  invalid: [
    {
      // the config of a forum's API assigned inside the try, then handed to axios
      code: `import axios, { AxiosRequestConfig } from 'axios';
export async function threads(board: string, token: string) {
  let config: AxiosRequestConfig;
  try {
    config = { method: 'get', url: 'https://forum.example/boards/' + board, headers: { authorization: 'Bearer ' + token } };
    const response = await axios(config);
    return response.data;
  } catch (error) {
    console.error('threads failed', error);
    throw error;
  }
}`,
      errors: [{ ...missing, line: 6, suggestions: 4 }],
    },
    {
      // declared with an empty object, given its value under a condition; axios.request with the variable
      code: `import axios from 'axios';
export async function download(fileId: string, preview: boolean) {
  let settings = {};
  if (preview) {
    settings = { url: 'https://files.example/preview/' + fileId, responseType: 'arraybuffer' };
  } else {
    settings = { url: 'https://files.example/raw/' + fileId, responseType: 'stream' };
  }
  return axios.request(settings);
}`,
      errors: [{ ...missing, line: 9, suggestions: 4 }],
    },
  ],
});

describe('the fix for a config assigned after its declaration', () => {
  it('spreads the config into the call\'s options with a timeout', () => {
    const code = `import axios from 'axios';
export async function ping(host: string) {
  let config;
  config = { url: 'https://' + host + '/ping' };
  return axios(config);
}`;
    const linter = new Linter({ configType: 'flat' });
    const [message] = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { resilint: { rules: { 'require-timeout': requireTimeout as never } } }, rules: { 'resilint/require-timeout': 'error' } }], 'ping.ts');
    const fix = message?.suggestions?.find((suggestion) => suggestion.messageId === 'fixNativeTimeout')?.fix;
    expect(fix && code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1])).toContain('return axios({ ...config, timeout: 5_000 });');
  });
});
