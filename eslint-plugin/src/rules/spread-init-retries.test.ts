import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import rule from './no-retry-non-idempotent.js';

// A CLI's fetch helper that sends again after a network error, spreading its caller's init into each attempt (met in
// the thirty-first round: the POST that creates a cloud build went through one). The method and the headers are
// the caller's: a caller naming a POST with no key has its request re-sent; the fix makes the key once, before the
// attempts, and keeps the caller's headers beside it.
const ruleTester = new RuleTester();

const helper = (callerInit: string) => `async function sendWithRetry(url: string, init: RequestInit, tries = 3) {
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      if (attempt === tries) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000 * 2 ** attempt));
  }
  throw new Error('unreachable');
}
export const requestBuild = (host: string, body: object) => sendWithRetry(\`\${host}/builds\`, ${callerInit});
`;

ruleTester.run('no-retry-non-idempotent: a retrying helper spreading its caller\'s init', rule, {
  valid: [
    helper("{ method: 'GET' }"),
    helper("{ method: 'POST', body: JSON.stringify(body), headers: { 'Idempotency-Key': 'build-' + JSON.stringify(body).length } }"),
  ],
  invalid: [{
    code: helper("{ method: 'POST', body: JSON.stringify(body), headers: { authorization: 'Bearer token' } }"),
    errors: [{ messageId: 'retriedRequest', line: 4, suggestions: 1 }],
  }],
});

describe('its fix', () => {
  it("keeps the caller's headers beside the key, and compiles against fetch's types", { timeout: 60_000 }, () => {
    const source = helper("{ method: 'POST', body: JSON.stringify(body), headers: { authorization: 'Bearer token' } }");
    const [finding] = lint(source, 'request.ts').findings.filter((found) => found.ruleId === 'resilint/no-retry-non-idempotent');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(fixed).toContain("headers: { ...Object.fromEntries(new Headers(init?.headers)), 'Idempotency-Key': idempotencyKey }");
    expect(typeErrors([fixed])).toEqual([[]]);
  });
});
