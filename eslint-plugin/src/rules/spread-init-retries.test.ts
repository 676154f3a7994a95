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

// An SDK's client whose `call` sends through a helper of the same file and calls itself again on a 503 (the fortieth
// round's home-device SDK): the helper merges its defaults, then its caller's options, into the object it sends, so
// the headers `call` writes reach the request. The key is made by the first `call` and handed on by the self-call.
const client = (headers: string) => `type Sent = RequestInit & { url: string };
const DEFAULTS: RequestInit = { redirect: 'follow' };
async function send(requestOptions: Sent): Promise<unknown> {
  const sent = { ...DEFAULTS, ...requestOptions, signal: AbortSignal.timeout(20_000) };
  const response = await fetch(sent.url, sent);
  if (!response.ok) throw Object.assign(new Error(String(response.status)), { status: response.status });
  return response.json();
}
export class Chimes {
  constructor(private readonly token: string) {}
  async call(options: Sent): Promise<unknown> {
    try {
      return await send({ ...options, headers: { ${headers} } });
    } catch (error) {
      if ((error as { status?: number }).status !== 503) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      return this.call(options);
    }
  }
  ring(id: string): Promise<unknown> {
    return this.call({ url: \`https://chimes.example.com/\${id}/ring\`, method: 'POST' });
  }
}
`;

describe('a POST re-sent by a self-call through a helper that merges its caller\'s options', () => {
  const source = client('authorization: `Bearer ${this.token}`');

  it('is reported where the helper is called, and its fix sends one key on every attempt', { timeout: 60_000 }, () => {
    const [finding, ...others] = lint(source, 'chimes.ts').findings.filter((found) => found.ruleId === 'resilint/no-retry-non-idempotent');
    expect(others).toEqual([]);
    expect(source.slice(finding!.offset).startsWith('send({ ...options')).toBe(true);
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(fixed).toContain('async call(options: Sent, idempotencyKey = crypto.randomUUID()): Promise<unknown> {');
    expect(fixed).toContain("authorization: `Bearer ${this.token}`, 'Idempotency-Key': idempotencyKey }");
    expect(fixed).toContain('return this.call(options, idempotencyKey);');
    expect(lint(fixed, 'chimes.ts').findings.filter((found) => found.ruleId === 'resilint/no-retry-non-idempotent')).toEqual([]);
    expect(typeErrors([fixed])).toEqual([[]]);
  });

  it("is reported and fixed when those headers spread the caller's own, which name no key", { timeout: 60_000 }, () => {
    const spreading = client('...options.headers, authorization: `Bearer ${this.token}`');
    const [finding] = lint(spreading, 'chimes.ts').findings.filter((found) => found.ruleId === 'resilint/no-retry-non-idempotent');
    const fixed = applyFix(spreading, finding!.suggestions[0]!);
    expect(fixed).toContain("...options.headers, authorization: `Bearer ${this.token}`, 'Idempotency-Key': idempotencyKey }");
    expect(lint(fixed, 'chimes.ts').findings.filter((found) => found.ruleId === 'resilint/no-retry-non-idempotent')).toEqual([]);
  });

  it('is not reported when the caller already sends a key made once', () => {
    const keyed = client("authorization: `Bearer ${this.token}`, 'Idempotency-Key': options.url");
    expect(lint(keyed, 'chimes.ts').findings.filter((found) => found.ruleId === 'resilint/no-retry-non-idempotent')).toEqual([]);
  });
});
