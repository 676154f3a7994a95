import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A method of an axios instance handed to a helper of the file that calls it (`call(api.post, url, { data })`):
// the request goes out with the instance the caller chose. Alone, it is reported at that call, its fix the instance's
// timeout where it is created; with other unbounded calls of the instance, once where the instance is made. A helper
// or a caller that may bound the call, and a client made elsewhere, are left alone.
const ruleTester = new RuleTester();
const remedy = (helper: string): string => `give the client a timeout where it is created: \`${helper}\` calls the method it is handed with none of its own, and this call passes none`;

const helper = `import axios, { type AxiosResponse } from 'axios';
const ledger = axios.create({ baseURL: 'https://ledger.example.com' });
type Send = (url: string, data?: unknown, options?: object) => Promise<AxiosResponse>;
async function call(send: Send, url: string, { data, ...options }: { data?: unknown; headers?: object; timeout?: number } = {}) {
  const response = data ? await send(url, data, options) : await send(url, options);
  return response.data;
}
`;

const withTimeout = helper.replace("axios.create({ baseURL: 'https://ledger.example.com' })", "axios.create({ baseURL: 'https://ledger.example.com', timeout: 5_000 })");

ruleTester.run('require-timeout (a client method handed to a helper)', requireTimeout, {
  valid: [
    // the caller passes a timeout through the helper's options
    `${helper}export const entries = () => call(ledger.get, '/entries', { timeout: 5_000 });`,
    // options the helper receives from a variable: they may carry one
    `${helper}export const entries = (options: { timeout?: number }) => call(ledger.get, '/entries', options);`,
    // the helper bounds the call itself
    `import axios, { type AxiosResponse } from 'axios';
const ledger = axios.create({ baseURL: 'https://ledger.example.com' });
async function call(send: (url: string, options?: object) => Promise<AxiosResponse>, url: string) {
  return (await send(url, { timeout: 8_000 })).data;
}
export const entries = () => call(ledger.get, '/entries');`,
    // an instance created with a timeout
    `import axios, { type AxiosResponse } from 'axios';
const ledger = axios.create({ baseURL: 'https://ledger.example.com', timeout: 10_000 });
async function call(send: (url: string) => Promise<AxiosResponse>, url: string) {
  return (await send(url)).data;
}
export const entries = () => call(ledger.get, '/entries');`,
    // a helper that only keeps the method, never calls it
    `import axios from 'axios';
const ledger = axios.create({ baseURL: 'https://ledger.example.com' });
const routes = new Map<string, unknown>();
function register(method: unknown, path: string) { routes.set(path, method); }
register(ledger.get, '/entries');`,
  ],
  invalid: [
    {
      // one handed call: reported where it hands the method, fixed where the instance is made
      code: `${helper}export const entries = () => call(ledger.get, '/entries');`,
      errors: [{
        messageId: 'missingTimeout',
        line: 8,
        data: { call: 'ledger.get, handed to call,', remedy: remedy('call') },
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `${withTimeout}export const entries = () => call(ledger.get, '/entries');` }],
      }],
    },
    {
      // several, with a direct call of the same instance: one finding where it is made, naming their lines
      code: `${helper}export const entries = () => call(ledger.get, '/entries');
export const book = (amount: number) => call(ledger.post, '/entries', { data: { amount } });
export const remove = (id: string) => ledger.delete(\`/entries/\${id}\`);`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 2,
        data: { client: '`axios.create(...)`', remedy: 'set `timeout: 5_000` where it is created (3 of its calls in this file have no bound: lines 8, 9, 10)' },
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `${withTimeout}export const entries = () => call(ledger.get, '/entries');
export const book = (amount: number) => call(ledger.post, '/entries', { data: { amount } });
export const remove = (id: string) => ledger.delete(\`/entries/\${id}\`);` }],
      }],
    },
  ],
});
