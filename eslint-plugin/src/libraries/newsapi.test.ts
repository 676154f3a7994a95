import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';
import { waitedInPlace } from '../fixes/stop-waiting.cases.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A trends page reading headlines through newsapi: its calls are node-fetch with no signal, and neither the client
// nor a call takes a bound, so the fix stops waiting for the call.
const ruleTester = new RuleTester();
const remedy = "stop waiting for it with the runtime's `timeout(ms)`: newsapi sends with node-fetch and no signal, and neither its client nor its calls take a timeout or a signal";

const headlines = (call: string, imports = '') => `const NewsAPI = require('newsapi');${imports}
async function headlines(country) {
  const news = new NewsAPI(process.env.NEWS_KEY);
  const res = await ${call};
  return res.articles;
}
module.exports = { headlines };`;

ruleTester.run('require-timeout (newsapi)', requireTimeout, {
  valid: [
    headlines('timeout(8_000).execute(() => news.v2.topHeadlines({ country, pageSize: 20 }))', "\nconst { timeout } = require('@resilint/runtime');"),
  ],
  invalid: [
    {
      code: headlines('news.v2.topHeadlines({ country, pageSize: 20 })'),
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        data: { call: 'NewsAPI.v2.topHeadlines', remedy },
        suggestions: [{
          messageId: 'fixStopWaiting',
          output: headlines('timeout(5_000).execute(() => news.v2.topHeadlines({ country, pageSize: 20 }))', "\nconst { timeout } = require('@resilint/runtime');"),
        }, {
          messageId: 'fixStopWaitingInPlace',
          output: waitedInPlace(headlines('news.v2.topHeadlines({ country, pageSize: 20 })'), 'news.v2.topHeadlines({ country, pageSize: 20 })'),
        }],
      }],
    },
    {
      // the ES module default import and the v1 sources list
      code: `import NewsAPI from 'newsapi';
const news = new NewsAPI('key');
export const sources = () => news.sources({ language: 'en' });`,
      errors: [{ messageId: 'missingTimeout', line: 3, data: { call: 'NewsAPI.sources', remedy }, suggestions: 2 }],
    },
  ],
});
