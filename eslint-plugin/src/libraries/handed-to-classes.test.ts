import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// An SDK that makes one axios instance and hands it to each of its resource classes: they call it through a
// parameter typed AxiosInstance, where nothing says how it was made, so its one timeout belongs where it is made.
const ruleTester = new RuleTester();

const sdk = (options: string) => `import axios from 'axios';
import { Subscribers } from './subscribers';
import { Topics } from './topics';
export class Notifier {
  readonly subscribers: Subscribers;
  readonly topics: Topics;
  private readonly http;
  constructor(apiKey: string) {
    const instance = axios.create(${options});
    this.http = instance;
    this.subscribers = new Subscribers(this.http);
    this.topics = new Topics(this.http);
  }
}`;

ruleTester.run('require-timeout: an instance handed to the classes of the project', requireTimeout, {
  valid: [
    sdk("{ baseURL: 'https://api.notify.example', timeout: 10_000 }"),
    // its timeout set on its defaults afterwards
    `${sdk("{ baseURL: 'https://api.notify.example' }")}\nexport const configure = (notifier: { http: { defaults: { timeout: number } } }) => { notifier.http.defaults.timeout = 5_000; };`,
    // handed to a package's class (a test double), not to the project's
    `import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
const instance = axios.create({ baseURL: 'https://api.notify.example' });
export const mock = new MockAdapter(instance);`,
    // exported by name: its importers see how it was made and are judged call by call
    `import axios from 'axios';
import { Topics } from './topics';
export const api = axios.create({ baseURL: 'https://api.notify.example' });
export const topics = new Topics(api);`,
    // a got instance given a request timeout
    `import got from 'got';
import { Invoices } from './invoices';
export const invoices = new Invoices(got.extend({ prefixUrl: 'https://billing.example', timeout: { request: 10_000 } }));`,
  ],
  invalid: [
    {
      code: sdk("{ baseURL: 'https://api.notify.example', headers: { Authorization: `ApiKey ${apiKey}` } }"),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 9,
        data: { client: '`axios.create(...)`', remedy: 'set `timeout` where it is created: it is handed to `Subscribers`, `Topics`, whose calls cannot see how it was made' },
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          data: { options: 'timeout: 10_000' },
          output: sdk("{ baseURL: 'https://api.notify.example', headers: { Authorization: `ApiKey ${apiKey}` }, timeout: 10_000 }"),
        }],
      }],
    },
    {
      // no options at all, handed on directly
      code: `import axios from 'axios';
import { Reports } from './reports';
export const reports = () => new Reports(axios.create());`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 3,
        suggestions: [{ messageId: 'fixInstanceTimeout', data: { options: 'timeout: 10_000' }, output: `import axios from 'axios';
import { Reports } from './reports';
export const reports = () => new Reports(axios.create({ timeout: 10_000 }));` }],
      }],
    },
    {
      // a got instance handed to a resource class the same way: its calls there cannot see how it was made
      code: `import got from 'got';
import { Invoices } from './invoices';
export class Billing {
  readonly invoices: Invoices;
  constructor(token: string) {
    this.invoices = new Invoices(got.extend({ prefixUrl: 'https://billing.example', headers: { authorization: token } }));
  }
}`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 6,
        data: { client: '`got.extend(...)`', remedy: 'set `timeout` where it is created: it is handed to `Invoices`, whose calls cannot see how it was made' },
        suggestions: [{ messageId: 'fixInstanceTimeout', data: { options: 'timeout: { request: 10_000 }' }, output: `import got from 'got';
import { Invoices } from './invoices';
export class Billing {
  readonly invoices: Invoices;
  constructor(token: string) {
    this.invoices = new Invoices(got.extend({ prefixUrl: 'https://billing.example', headers: { authorization: token }, timeout: { request: 10_000 } }));
  }
}` }],
      }],
    },
  ],
});
