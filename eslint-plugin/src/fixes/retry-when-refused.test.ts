import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import { loadModule } from '../../../test/silent-server.js';

// A shared HTTP helper that retries whatever method its caller names (the forty-sixth round's OneUptime helper, whose
// callers post Slack messages): an Idempotency-Key would protect only the APIs that honour one, so the first fix
// retries a POST only when the server refused it, and rethrows any failure that may have been applied.
const helper = (catchBody: string, extra = '') => `import axios, { type AxiosRequestConfig } from 'axios';
${extra}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function send(method: string, url: string, data?: object, retries = 2) {
  const config: AxiosRequestConfig = { method, url, data, timeout: 10_000 };
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      const result = await axios(config);
      return result.data;
    } catch (error) {
      ${catchBody}
    }
  }
  throw new Error('unreachable');
}

export const postMessage = (channel: string, text: string) => send('POST', 'https://slack.com/api/chat.postMessage', { channel, text }, 3);
`;
const retrying = `if (attempt >= retries) throw error;
      await sleep(10 * 2 ** attempt);`;

function retryFindings(code: string) {
  return lint(code, 'api.ts').findings.filter((finding) => finding.ruleId === 'resilint/no-retry-non-idempotent');
}

describe('retrying a POST only when the server refused it', () => {
  it('comes first, resolves the finding, and compiles against axios', { timeout: 60_000 }, () => {
    const code = helper(retrying);
    const [finding] = retryFindings(code);
    expect(finding?.suggestions.map((suggestion) => suggestion.title.split(' ').slice(0, 4).join(' '))).toEqual(['Retry a POST of', 'Send an `Idempotency-Key` header']);
    const fixed = applyFix(code, finding!.suggestions[0]!);
    expect(fixed).toContain(`} catch (error) {
      if (['POST', 'PATCH'].includes(String(method).toUpperCase()) && !(axios.isAxiosError(error) && (error.response?.status === 429 || error.code === 'ECONNREFUSED'))) throw error;
      if (attempt >= retries) throw error;`);
    expect(retryFindings(fixed)).toEqual([]);
    expect(typeErrors([fixed])).toEqual([[]]);
  });

  it('sends a POST the server failed on once, and again after a 429; a GET is still retried', { timeout: 20_000 }, async () => {
    const code = helper(retrying);
    const fixed = applyFix(code, retryFindings(code)[0]!.suggestions[0]!);
    const { send } = loadModule<{ send(method: string, url: string, data?: object, retries?: number): Promise<unknown> }>(fixed);
    const answers: number[] = [];
    let received = 0;
    const server = createServer((request, response) => {
      received++;
      request.resume();
      response.writeHead(answers.shift() ?? 200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/post`;
    try {
      answers.push(500);
      await expect(send('POST', url, { text: 'hi' })).rejects.toThrow('500');
      expect(received).toBe(1);
      received = 0;
      answers.push(429);
      await expect(send('post', url, { text: 'hi' })).resolves.toEqual({ ok: true });
      expect(received).toBe(2);
      received = 0;
      answers.push(500, 503);
      await expect(send('GET', url)).resolves.toEqual({ ok: true });
      expect(received).toBe(3);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('comes after the key where the module calls an API that honours one', () => {
    const code = helper(retrying, "export const STRIPE_API = 'https://api.stripe.com/v1';");
    const [finding] = retryFindings(code);
    expect(finding?.suggestions[0]?.title).toBe('Send an `Idempotency-Key` header created once, before the retries.');
    expect(finding?.suggestions[1]?.title).toMatch(/^Retry a POST of/);
  });

  it('tests no method where the request is always a POST', () => {
    const code = `import axios from 'axios';
export async function notify(url: string, text: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await axios.post(url, { text }, { timeout: 5_000 });
    } catch (error) {
      if (attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * 2 ** attempt));
    }
  }
}
`;
    const [finding] = retryFindings(code);
    const fixed = applyFix(code, finding!.suggestions[0]!);
    expect(fixed).toContain("if (!(axios.isAxiosError(error) && (error.response?.status === 429 || error.code === 'ECONNREFUSED'))) throw error;\n      if (attempt === 3) throw error;");
    expect(retryFindings(fixed)).toEqual([]);
  });
});
