import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../rules/require-timeout.js';

// A fetch given a Request: the Request's init is where its signal would be. Made from a URL with no init, or an init
// without a signal, nothing bounds the fetch; a Request copied from another, or given by the caller, is not read.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

ruleTester.run('require-timeout: Request objects', rule, {
  valid: [
    // a Request whose init carries a signal, given inline or through a const
    `export const ping = (host: string) => fetch(new Request(\`https://\${host}/ping\`, { signal: AbortSignal.timeout(3_000) }));`,
    `export async function upload(endpoint: string, body: Blob) {
  const request = new Request(endpoint, { method: 'PUT', body, signal: AbortSignal.timeout(30_000) });
  return fetch(request);
}`,
    // a Request copied from another one keeps that one's signal: not known here
    `export const replay = (original: Request) => fetch(new Request(original, { headers: { 'x-replayed': '1' } }));`,
    // a Request whose init comes from the caller: the caller's choice
    `export const send = (url: string, init: RequestInit) => fetch(new Request(url, init));`,
    // a Request handed in: made elsewhere
    `export const relay = (incoming: Request) => fetch(incoming);`,
  ],
  invalid: [
    {
      // a Request made from a URL alone, inline and through a const
      code: `export const health = (base: string) => fetch(new Request(\`\${base}/health\`));
export async function publish(url: string, body: string) {
  const request = new Request(url, { method: 'POST', body });
  const response = await fetch(request);
  return response.ok;
}`,
      errors: [{ ...missing, line: 1, suggestions: 4 }, { ...missing, line: 4, suggestions: 4 }],
    },
  ],
});
