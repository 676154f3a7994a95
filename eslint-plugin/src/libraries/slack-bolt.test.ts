import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A Bolt app made for a workspace to post a digest: its client, and the ones its listeners are handed, are Web API
// clients built from the App's `clientOptions`, with no timeout unless those set one.
const ruleTester = new RuleTester();

const digestBot = (options: string) => `import { App as BoltApp } from '@slack/bolt';
export async function postDigest(token: string, channel: string, text: string) {
  const bot = new BoltApp(${options});
  await bot.client.chat.postMessage({ channel, text });
}`;

const remedy = 'set `clientOptions: { timeout }` where the App is created: the Web API clients it makes from them have no timeout by default';

ruleTester.run('require-timeout (Slack Bolt App)', requireTimeout, {
  valid: [
    digestBot(`{ signingSecret: process.env.DIGEST_SIGNING_SECRET, token, clientOptions: { timeout: 10_000 } }`),
    // a fetch of the app's own may bound its requests
    digestBot(`{ signingSecret: process.env.DIGEST_SIGNING_SECRET, token, clientOptions: { fetch: boundedFetch } }`).replace('export async', 'declare const boundedFetch: typeof fetch;\nexport async'),
    // client options made elsewhere may set a timeout
    digestBot(`{ signingSecret: process.env.DIGEST_SIGNING_SECRET, token, clientOptions: sharedClientOptions }`).replace('export async', 'declare const sharedClientOptions: never;\nexport async'),
  ],
  invalid: [
    {
      code: digestBot(`{ signingSecret: process.env.DIGEST_SIGNING_SECRET, token }`),
      errors: [{ messageId: 'missingClientTimeout', line: 3, data: { client: '`new BoltApp(...)`', remedy }, suggestions: 1 }],
    },
    {
      // client options that set other things
      code: digestBot(`{ signingSecret: process.env.DIGEST_SIGNING_SECRET, token, clientOptions: { slackApiUrl: 'https://slack.example/api/' } }`),
      errors: [{ messageId: 'missingClientTimeout', line: 3, suggestions: 1 }],
    },
  ],
});

describe('the Bolt fix', () => {
  // the App's clients retry a timed-out attempt ten times over about thirty minutes: a timeout alone does not bound
  // the call, so the fix caps the retries too, unless the client options choose their own
  it('sets `clientOptions.timeout` and bounded retries, merged into client options already written, and compiles against @slack/bolt', { timeout: 60_000 }, () => {
    const sources = [
      digestBot(`{ signingSecret: process.env.DIGEST_SIGNING_SECRET, token }`),
      digestBot(`{ signingSecret: process.env.DIGEST_SIGNING_SECRET, token, clientOptions: { slackApiUrl: 'https://slack.example/api/' } }`),
      digestBot(`{ signingSecret: process.env.DIGEST_SIGNING_SECRET, token, clientOptions: { retryConfig: { retries: 1 } } }`),
    ];
    const fixed = sources.map((source) => {
      const [finding] = lint(source, 'digest.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      const suggestion = finding!.suggestions[0]!;
      return source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    });
    expect(fixed).toEqual([
      digestBot(`{ signingSecret: process.env.DIGEST_SIGNING_SECRET, token, clientOptions: { timeout: 10_000, retryConfig: { retries: 2 } } }`),
      digestBot(`{ signingSecret: process.env.DIGEST_SIGNING_SECRET, token, clientOptions: { slackApiUrl: 'https://slack.example/api/', timeout: 10_000, retryConfig: { retries: 2 } } }`),
      digestBot(`{ signingSecret: process.env.DIGEST_SIGNING_SECRET, token, clientOptions: { retryConfig: { retries: 1 }, timeout: 10_000 } }`),
    ]);
    expect(typeErrors([...sources, ...fixed])).toEqual([[], [], [], [], [], []]);
  });
});
