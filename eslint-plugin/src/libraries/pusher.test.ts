import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// pusher aborts a request after the client's `timeout` and never without one. Met on a WhatsApp API server whose
// event sink makes a client per instance with its app id, key, secret and cluster, and no timeout: a hung Channels
// API holds every event it triggers.
const made = (options: string) => `import Pusher from 'pusher';
export function sink(appId: string, key: string, secret: string, cluster: string) {
  const pusher = new Pusher(${options});
  return (event: string, data: object) => pusher.trigger('instance', event, data);
}
`;

ruleTester.run('require-timeout: pusher clients', requireTimeout, {
  valid: [
    made('{ appId, key, secret, cluster, useTLS: true, timeout: 10_000 }'),
    `import Pusher from 'pusher';
     export const pusher = Pusher.forCluster('eu', { appId: '1', key: 'k', secret: 's', timeout: 5_000 });`,
  ],
  invalid: [
    {
      code: made('{ appId, key, secret, cluster, useTLS: true }'),
      errors: [{ messageId: 'missingClientTimeout', line: 3, suggestions: [{ messageId: 'fixInstanceTimeout', output: made('{ appId, key, secret, cluster, useTLS: true, timeout: 10_000 }') }] }],
    },
    {
      code: `import Pusher from 'pusher';
export const pusher = Pusher.forURL(process.env.PUSHER_URL!, { useTLS: true });`,
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ messageId: 'fixInstanceTimeout', output: `import Pusher from 'pusher';
export const pusher = Pusher.forURL(process.env.PUSHER_URL!, { useTLS: true, timeout: 10_000 });` }] }],
    },
  ],
});

describe('the pusher timeout fix', () => {
  it('compiles against pusher\'s own types', { timeout: 60_000 }, () => {
    const source = made('{ appId, key, secret, cluster, useTLS: true }');
    const [finding] = lint(source, 'sink.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(typeErrors([fixed, fixed.replace('timeout: 10_000', "timeout: '10s'")]).map((errors) => errors.length > 0)).toEqual([false, true]);
  });
});
