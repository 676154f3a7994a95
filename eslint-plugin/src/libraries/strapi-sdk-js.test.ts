import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A shop syncing its products into Strapi: strapi-sdk-js makes one axios instance from `axiosOptions`, with no timeout
// unless given one, so the client is judged where it is made.
const ruleTester = new RuleTester();

const sync = (options: string) => `import Strapi from 'strapi-sdk-js';
export class ProductSync {
  private strapi: Strapi;
  constructor(url: string, token: string) {
    this.strapi = new Strapi(${options});
  }
  push(variantId: string, name: string) {
    return this.strapi.create('products', { variantId, name });
  }
}`;

ruleTester.run('require-timeout (strapi-sdk-js)', requireTimeout, {
  valid: [
    sync('{ url, axiosOptions: { timeout: 8_000, headers: { Authorization: `Bearer ${token}` } } }'),
    // axios options kept elsewhere may carry one
    sync('{ url, axiosOptions: sharedAxiosOptions }'),
  ],
  invalid: [
    {
      code: sync('{ url, axiosOptions: { headers: { Authorization: `Bearer ${token}` } } }'),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 5,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: sync('{ url, axiosOptions: { headers: { Authorization: `Bearer ${token}` }, timeout: 10_000 } }') }],
      }],
    },
    {
      // made with the defaults only
      code: `import Strapi from 'strapi-sdk-js';
export const strapi = new Strapi();`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 2,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import Strapi from 'strapi-sdk-js';
export const strapi = new Strapi({ axiosOptions: { timeout: 10_000 } });` }],
      }],
    },
    {
      code: `import Strapi from 'strapi-sdk-js';
export const strapi = new Strapi({ url: process.env.STRAPI_URL });`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 2,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import Strapi from 'strapi-sdk-js';
export const strapi = new Strapi({ url: process.env.STRAPI_URL, axiosOptions: { timeout: 10_000 } });` }],
      }],
    },
  ],
});
