import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A form server forwarding submissions to its customers' webhooks (met on formio, the thirty-third round) through
// `@formio/node-fetch-http-proxy`: node-fetch 2 with proxy support bound to the name `fetch`, which waits for ever
// unless given its `timeout` option (which it turns into an idle abort) or a signal.
ruleTester.run('require-timeout (node-fetch wrappers)', requireTimeout, {
  valid: [
    `const fetch = require('@formio/node-fetch-http-proxy');
exports.forward = (hook, entry) => fetch(hook.url, { method: 'POST', body: JSON.stringify(entry), timeout: 10_000 });`,
    `const fetch = require('@formio/node-fetch-http-proxy');
exports.forward = (hook, entry) => fetch(hook.url, { method: 'POST', body: JSON.stringify(entry), signal: AbortSignal.timeout(10_000) });`,
  ],
  invalid: [
    {
      code: `const fetch = require('@formio/node-fetch-http-proxy');
exports.forward = (hook, entry) => fetch(hook.url, { method: 'POST', body: JSON.stringify(entry) });`,
      filename: 'webhook.js',
      errors: [{
        messageId: 'missingTimeout',
        line: 2,
        suggestions: 3,
      }],
    },
  ],
});

describe('a node-fetch wrapper bound to `fetch`', () => {
  it('is given a signal that ends the call, and the finding goes', () => {
    const code = `const fetch = require('@formio/node-fetch-http-proxy');
exports.forward = (hook, entry) => fetch(hook.url, { method: 'POST', body: JSON.stringify(entry) });
`;
    const [finding] = lint(code, 'src/actions/webhook.js').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(code, finding!.suggestions[0]!);
    expect(fixed).toContain("fetch(hook.url, { method: 'POST', body: JSON.stringify(entry), signal: AbortSignal.timeout(5_000) })");
    expect(lint(fixed, 'src/actions/webhook.js').findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
  });
});
