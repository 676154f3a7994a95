import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// twitter-api-v2 sends its requests with no timeout, and its methods take no request options: the bound is a plugin
// given where the client is created, so that is where a client without one is reported.
const atCreation = { messageId: 'missingClientTimeout' as const };
const remedy = 'give it a plugin that sets each request\'s `timeout` (`onBeforeRequestConfig`), where the client is created';

const ruleTester = new RuleTester();

ruleTester.run('require-timeout (twitter-api-v2)', requireTimeout, {
  valid: [
    // plugins of its own (which may set the timeout), or settings read elsewhere
    `import { TwitterApi } from 'twitter-api-v2'; import { timeoutPlugin } from './plugins'; export const bot = new TwitterApi(token, { plugins: [timeoutPlugin] });`,
    `import { TwitterApi } from 'twitter-api-v2'; import { settings } from './settings'; export const bot = new TwitterApi(token, settings);`,
    // an injected client: its creation is elsewhere; its calls are not judged one by one
    `import type { TwitterApi } from 'twitter-api-v2'; export class Poster { constructor(private readonly twitter: TwitterApi) {} post(text: string) { return this.twitter.v2.tweet(text); } }`,
  ],
  invalid: [
    {
      // reported once, at the creation, not at each of its calls
      code: `import { TwitterApi } from 'twitter-api-v2';
export async function like(tokens: { appKey: string; appSecret: string }, id: string) {
  const client = new TwitterApi(tokens);
  const me = await client.v2.me();
  return client.readWrite.v2.like(me.data.id, id);
}`,
      errors: [{
        ...atCreation,
        line: 3,
        data: { client: '`new TwitterApi(...)`', remedy },
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { TwitterApi } from 'twitter-api-v2';
export async function like(tokens: { appKey: string; appSecret: string }, id: string) {
  const client = new TwitterApi(tokens, { plugins: [{ onBeforeRequestConfig: ({ params }) => { params.timeout ??= 10_000; } }] });
  const me = await client.v2.me();
  return client.readWrite.v2.like(me.data.id, id);
}` }],
      }],
    },
    {
      // settings that set something else
      code: `import TwitterApi from 'twitter-api-v2'; export const bot = new TwitterApi(bearer, { compression: 'brotli' });`,
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import TwitterApi from 'twitter-api-v2'; export const bot = new TwitterApi(bearer, { compression: 'brotli', plugins: [{ onBeforeRequestConfig: ({ params }) => { params.timeout ??= 10_000; } }] });` }] }],
    },
  ],
});
