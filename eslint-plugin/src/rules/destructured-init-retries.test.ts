import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-retry-non-idempotent.js';

const ruleTester = new RuleTester();

// An SDK's request layer (the thirty-eighth round's todoist transport, in one file): it takes its own option out of
// the caller's init (`const { timeoutMs, ...rest } = init`), sends the rest with a timeout of its own, and tries again
// after a network failure or that timeout, whatever the method. The caller that creates a note sends a POST with no
// idempotency key: a POST that timed out after reaching the server is applied twice.
const layer = (noteHeaders: string) => `
function isNetworkFailure(error: Error): boolean {
  return error.name === 'TimeoutError' || error instanceof TypeError;
}

export async function send(url: string, init: RequestInit & { timeoutMs: number }): Promise<unknown> {
  const { timeoutMs, ...rest } = init;
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
      return await response.json();
    } catch (error) {
      if (attempt >= 3 || !isNetworkFailure(error as Error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}

export const listNotes = (token: string) =>
  send('https://notes.example.test/v1/notes', { headers: { Authorization: \`Bearer \${token}\` }, timeoutMs: 30_000 });

export const createNote = (token: string, text: string) =>
  send('https://notes.example.test/v1/notes', { method: 'POST', headers: ${noteHeaders}, body: JSON.stringify({ text }), timeoutMs: 30_000 });
`;

const withoutKey = '{ Authorization: `Bearer ${token}` }';

ruleTester.run('no-retry-non-idempotent: a layer retrying the rest of its caller’s init', rule, {
  valid: [
    // the caller sends a key the server deduplicates on, made once for every attempt
    layer("{ Authorization: `Bearer ${token}`, 'Idempotency-Key': crypto.randomUUID() }"),
  ],
  invalid: [
    {
      code: layer(withoutKey),
      errors: [{
        messageId: 'retriedRequest',
        line: 10,
        // one key made before the attempts, beside the headers the caller gives
        suggestions: [{
          messageId: 'fixIdempotencyKey',
          output: layer(withoutKey)
            .replace('  for (let attempt', '  const idempotencyKey = crypto.randomUUID();\n  for (let attempt')
            .replace('signal: AbortSignal.timeout(timeoutMs) }', "signal: AbortSignal.timeout(timeoutMs), headers: { ...Object.fromEntries(new Headers(rest?.headers)), 'Idempotency-Key': idempotencyKey } }"),
        }],
      }],
    },
  ],
});
