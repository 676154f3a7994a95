import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import rule from './no-retry-non-idempotent.js';

// An SDK's request layer sends whatever method its caller names and tries every request again after a timeout, a
// dropped connection or a 5xx: the POSTs its callers send (a message, a payment capture) are retried with it. Met on
// a generated messaging SDK whose idempotency header field is declared and never set, and on a billing SDK adding a
// key only for endpoints flagged idempotent. The fix sends a key made once for all the attempts of a request.

const ruleTester = new RuleTester();

const messaging = ({ field = 'protected idempotencyHeader?: string;', again = 'again && left > 0', caller = "this.request<{ id: string }>({ method: 'post', path: '/messages', body: { to, text } })" } = {}) => `type Req = { method: 'get' | 'post' | 'delete'; path: string; body?: unknown };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class MessagingClient {
  maxRetries = 2;
  ${field}

  constructor(private apiKey: string, private baseURL = 'https://api.example.com/v2') {}

  private async once(req: Req): Promise<Response> {
    const headers: Record<string, string> = { Authorization: \`Bearer \${this.apiKey}\`, 'Content-Type': 'application/json' };
    if (this.idempotencyHeader && req.method !== 'get') headers[this.idempotencyHeader] = crypto.randomUUID();
    return fetch(this.baseURL + req.path, { method: req.method.toUpperCase(), headers, body: JSON.stringify(req.body), signal: AbortSignal.timeout(30_000) });
  }

  async request<T>(req: Req, left = this.maxRetries): Promise<T> {
    let res: Response | Error;
    try {
      res = await this.once(req);
    } catch (error) {
      res = error as Error;
    }
    const again = res instanceof Error || [408, 429].includes(res.status) || res.status >= 500;
    if (${again}) {
      await sleep(500 * 2 ** (this.maxRetries - left) * Math.random());
      return this.request<T>(req, left - 1);
    }
    if (res instanceof Error) throw res;
    return (await res.json()) as T;
  }

  sendMessage(to: string, text: string) {
    return ${caller};
  }
}
`;

const billing = (capture = "{ method: 'POST', path: `/payments/${id}/capture` }") => `interface Endpoint { method: 'GET' | 'POST'; path: string; idempotent?: boolean }
interface RetrySettings { enabled: boolean; max: number }
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function invoke(base: string, ep: Endpoint, body: unknown, retry: RetrySettings = { enabled: false, max: 3 }) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (ep.method === 'POST' && ep.idempotent && retry.enabled) headers['Idempotency-Key'] = crypto.randomUUID();
  const once = async () => {
    const res = await fetch(new URL(ep.path, base), { method: ep.method, headers, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
    if (res.status >= 500) throw Object.assign(new Error(\`status \${res.status}\`), { status: res.status });
    return res.json();
  };
  const attempt = async (n: number): Promise<unknown> => {
    try {
      return await once();
    } catch (error: any) {
      if (!retry.enabled || n >= retry.max || !(error.status >= 500)) throw error;
      await pause(200 * 2 ** n + Math.random() * 100);
      return attempt(n + 1);
    }
  };
  return attempt(0);
}

export const capture = (base: string, id: string, amount: number, retry?: RetrySettings) => invoke(base, ${capture}, { amount }, retry);
`;

// a loop around the layer's request, the method defaulting to GET when the caller names none
const orders = (caller = "this.request({ method: 'POST', path: '/orders', body: order })", headers = '') => `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
interface Options { method?: string; path: string; body?: unknown }
export class Api {
  constructor(private base: string) {}
  async request<T>(options: Options): Promise<T> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const res = await fetch(this.base + options.path, { method: options.method ?? 'GET', body: JSON.stringify(options.body), signal: AbortSignal.timeout(10_000)${headers} });
        if (res.status >= 500) throw new Error(String(res.status));
        return (await res.json()) as T;
      } catch (error) {
        lastError = error;
        await sleep(200 * 2 ** attempt * Math.random());
      }
    }
    throw lastError;
  }
  createOrder(order: unknown) {
    return ${caller};
  }
}
`;

// a layer taking the method as a parameter, waiting in its try when the answer is a 5xx and going round
const sms = (headers = "{ Authorization: `Bearer ${this.token}` }") => `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export class Api {
  constructor(private base: string, private token: string) {}
  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(this.base + path, { method, headers: ${headers}, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
        if (res.status >= 500 && attempt < 3) { await sleep(250 * 2 ** attempt); continue; }
        return await res.json();
      } catch (error) {
        if (attempt >= 3) throw error;
        await sleep(250 * 2 ** attempt);
      }
    }
  }
  post(path: string, body: unknown) { return this.request('POST', path, body); }
}
`;
// a POST polled while the answer says the report is not ready (202) is not retried after a failure
const report = `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function report(url: string): Promise<unknown> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const res = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      if (res.status === 202) { await sleep(1_000); continue; }
      return await res.json();
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
`;

const messagingFixed = messaging()
  .replace('private async once(req: Req)', 'private async once(req: Req, idempotencyKey = crypto.randomUUID())')
  .replace('headers, body:', "headers: { ...headers, 'Idempotency-Key': idempotencyKey }, body:")
  .replace('async request<T>(req: Req, left = this.maxRetries)', 'async request<T>(req: Req, left = this.maxRetries, idempotencyKey = crypto.randomUUID())')
  .replace('await this.once(req);', 'await this.once(req, idempotencyKey);')
  .replace('this.request<T>(req, left - 1);', 'this.request<T>(req, left - 1, idempotencyKey);');
const billingFixed = billing().replace("{ 'Content-Type': 'application/json' };", "{ 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() };");

ruleTester.run('no-retry-non-idempotent: a request layer retrying the POSTs its callers send', rule, {
  valid: [
    // the layer's idempotency header is set: every POST carries a key made once per request
    messaging({ field: "protected idempotencyHeader = 'Idempotency-Key';" }),
    // the layer tries again only the methods that may be sent twice
    messaging({ again: "again && left > 0 && req.method !== 'post'" }),
    // its callers send only reads
    messaging({ caller: "this.request<{ id: string }>({ method: 'get', path: `/messages/${to}` })" }),
    // the endpoint is flagged idempotent: the layer adds its key
    billing("{ method: 'POST', path: `/payments/${id}/capture`, idempotent: true }"),
    billingFixed,
    orders("this.request({ path: '/orders' })"),
    report,
  ],
  invalid: [
    { code: messaging(), errors: [{ messageId: 'retriedRequest', line: 19, suggestions: [{ messageId: 'fixIdempotencyKey', output: messagingFixed }] }] },
    { code: billing(), errors: [{ messageId: 'retriedRequest', line: 15, suggestions: [{ messageId: 'fixIdempotencyKey', output: billingFixed }] }] },
    {
      code: sms(),
      errors: [{
        messageId: 'retriedRequest',
        line: 7,
        suggestions: [{
          messageId: 'fixIdempotencyKey',
          output: sms("{ Authorization: `Bearer ${this.token}`, 'Idempotency-Key': idempotencyKey }").replace('    for (let attempt', '    const idempotencyKey = crypto.randomUUID();\n    for (let attempt'),
        }],
      }],
    },
    {
      code: orders(),
      errors: [{
        messageId: 'retriedRequest',
        line: 9,
        suggestions: [{
          messageId: 'fixIdempotencyKey',
          output: orders(undefined, ", headers: { 'Idempotency-Key': idempotencyKey }").replace('    for (let attempt', '    const idempotencyKey = crypto.randomUUID();\n    for (let attempt'),
        }],
      }],
    },
  ],
});

describe('the key fixes', () => {
  it('compile against the real types', { timeout: 60_000 }, () => {
    const fixed = [messaging(), billing()].map((source) => {
      const [finding] = lint(source, 'client.ts').findings.filter((found) => found.ruleId === 'resilint/no-retry-non-idempotent');
      return applyFix(source, finding!.suggestions[0]!);
    });
    expect(fixed).toEqual([messagingFixed, billingFixed]);
    expect(typeErrors([...fixed, messagingFixed.replace('this.once(req, idempotencyKey)', 'this.once(req, 42)')]).map((errors) => errors.length > 0)).toEqual([false, false, true]);
  });
});
