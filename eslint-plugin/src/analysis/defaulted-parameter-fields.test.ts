import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

// An SDK's API class keeps its request layer in a parameter property with a default (`private session = new
// Session()`): the field holds what the default makes unless a maker hands another, so calls through it are judged
// by the layer that default makes, as a field initialised in its declaration is.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };
// (a file of the project: its own classes are read by the project model)
const filename = join(process.cwd(), 'src/lists-api.ts');

const layer = (config: string) => `import axios, { type AxiosRequestConfig } from 'axios';
class Session {
  async send(config: AxiosRequestConfig) {
    return axios(config);
  }
}
export class ListsApi {
  constructor(private readonly base: string, private readonly session = new Session()) {}
  async getList(id: string) {
    const config: AxiosRequestConfig = ${config};
    return (await this.session.send(config)).data;
  }
}`;

ruleTester.run('require-timeout: a layer held in a defaulted parameter property', requireTimeout, {
  valid: [{ filename, code: layer('{ method: \'GET\', url: `${this.base}/lists/${id}`, timeout: 10_000 }') }],
  invalid: [{ filename, code: layer('{ method: \'GET\', url: `${this.base}/lists/${id}` }'), errors: [{ ...missing, line: 11, suggestions: 4 }] }],
});
