import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// wretch sends through fetch with no bound of its own. Met on a chat back end whose eleven OAuth connections each
// exchange a code for a token and read the user with a wretch chain and nothing else: a hung provider holds the
// user's connect request for ever.
const exchange = (builder: string, after = '') => `import wretch from 'wretch';
export function exchangeCode(tokenUrl: string, code: string) {
  return wretch(tokenUrl)
    .headers({ Accept: 'application/json' })${builder}
    .body(new URLSearchParams({ grant_type: 'authorization_code', code }))
    .post()${after}
    .json<{ access_token: string }>();
}
`;

ruleTester.run('require-timeout: wretch chains', requireTimeout, {
  valid: [
    // a signal in the builder's options, before the send or as the chain starts
    exchange("\n    .options({ signal: AbortSignal.timeout(10_000) })"),
    `import wretch from 'wretch';
     export const me = (token: string) => wretch('https://api.example.com/me', { signal: AbortSignal.timeout(5_000) }).auth(\`Bearer \${token}\`).get().json();`,
    // the abort addon's timer on the response chain
    `import wretch from 'wretch';
     import AbortAddon from 'wretch/addons/abort';
     export const me = () => wretch('https://api.example.com/me').addon(AbortAddon()).get().setTimeout(5_000).json();`,
  ],
  invalid: [
    {
      code: exchange(''),
      errors: [{
        messageId: 'missingTimeout', line: 3,
        suggestions: [
          { messageId: 'fixClientTimeout', output: exchange('', '').replace('code }))\n    .post()', 'code })).options({ signal: AbortSignal.timeout(5_000) })\n    .post()') },
        ],
      }],
    },
    {
      // a base made once and used for many requests, none bounded
      code: `import wretch from 'wretch';
const api = wretch('https://api.example.com').auth('Bearer t');
export const user = (id: string) => api.url(\`/users/\${id}\`).get().json();`,
      errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 1 }],
    },
  ],
});

describe('the wretch timeout fix', () => {
  it("compiles against wretch's own types and bounds the chain", { timeout: 60_000 }, () => {
    const source = exchange('');
    const [finding] = lint(source, 'exchange.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(typeErrors([fixed, fixed.replace('.options({ signal: AbortSignal.timeout(5_000) })', '.options(5_000)')]).map((errors) => errors.length > 0)).toEqual([false, true]);
    expect(lint(fixed, 'exchange.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
  });
});
