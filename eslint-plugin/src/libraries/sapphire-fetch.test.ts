import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A Discord bot's outgoing requests through @sapphire/fetch: a scheduled task posting its server count to a listing
// site, a quiz game reading a public API, the dashboard refreshing an OAuth token. The library hands the init to the
// global fetch as it is, so only a signal in it bounds the request; a call given only the result type has no init.
const ruleTester = new RuleTester();

const task = (call: string): string => `import { fetch, FetchResultTypes } from '@sapphire/fetch';
export async function postCount(listUrl: string, token: string, guilds: number): Promise<void> {
  await ${call};
}`;

const POST = "fetch(listUrl, { method: 'POST', headers: { authorization: token }, body: JSON.stringify({ guilds }) }, FetchResultTypes.Result)";
const QUIZ = "fetch<{ results: string[] }>(`https://quiz.example.org/api.php?amount=${guilds}`, FetchResultTypes.JSON)";

ruleTester.run('require-timeout: the Sapphire fetch', requireTimeout, {
  valid: [
    task("fetch(listUrl, { method: 'POST', body: String(guilds), signal: AbortSignal.timeout(10_000) }, FetchResultTypes.Result)"),
    // another library's fetch of the same name is not this one
    `import { fetch } from 'undici';\nexport const ping = () => fetch('https://status.example.com', { signal: AbortSignal.timeout(2_000) });`,
  ],
  invalid: [
    {
      // (the signal first, then the runtime's wraps: see below)
      code: task(POST),
      errors: [{ messageId: 'missingTimeout', suggestions: 3 }],
    },
    {
      // the result type where the init would be: the fix writes an init before it
      code: task(QUIZ),
      errors: [{
        messageId: 'missingTimeout',
        suggestions: [{
          messageId: 'fixClientTimeout',
          output: task("fetch<{ results: string[] }>(`https://quiz.example.org/api.php?amount=${guilds}`, { signal: AbortSignal.timeout(5_000) }, FetchResultTypes.JSON)"),
        }],
      }],
    },
    {
      code: task('fetch(listUrl)'),
      errors: [{ messageId: 'missingTimeout', suggestions: [{ messageId: 'fixClientTimeout', output: task('fetch(listUrl, { signal: AbortSignal.timeout(5_000) })') }] }],
    },
  ],
});

describe('the fixes, against the library\'s own types', () => {
  it('put the signal into the init there is', () => {
    const source = task(POST);
    const [finding] = lint(source, 'post-count.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    expect(applyFix(source, finding!.suggestions[0]!)).toBe(task("fetch(listUrl, { method: 'POST', headers: { authorization: token }, body: JSON.stringify({ guilds }), signal: AbortSignal.timeout(5_000) }, FetchResultTypes.Result)"));
  });

  it('compile, and leave the request bounded', () => {
    for (const call of [POST, QUIZ]) {
      const source = task(call);
      const [finding] = lint(source, 'post-count.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      const fixed = applyFix(source, finding!.suggestions[0]!);
      expect(typeErrors([fixed])[0]).toEqual([]);
      expect(lint(fixed, 'post-count.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
    }
  }, 120_000);
});
