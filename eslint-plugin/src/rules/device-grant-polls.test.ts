import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-retry-non-idempotent.js';

const ruleTester = new RuleTester();

// A CLI's login by the OAuth device flow (RFC 8628) asks the token endpoint again, by design, until the user approves
// on another device: the server answers "authorization pending" (or "slow down") until then and issues the grant once,
// so sending the POST again applies nothing twice.
const poll = (form: string) => `class OAuthError extends Error {
  constructor(readonly code: string) { super(code); }
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function postForm(url: string, form: URLSearchParams): Promise<{ access_token: string }> {
  const response = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(10_000) });
  const body = await response.json();
  if (!response.ok) throw new OAuthError(String(body.error));
  return body;
}
export async function waitForApproval(tokenUrl: string, clientId: string, code: string, seconds: number, until: number) {
  let interval = seconds;
  for (;;) {
    if (Date.now() > until) throw new OAuthError('expired_token');
    await pause(interval * 1000);
    try {
      return await postForm(tokenUrl, new URLSearchParams(${form}));
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      if (error.code === 'authorization_pending') continue;
      if (error.code === 'slow_down') { interval += 5; continue; }
      throw error;
    }
  }
}`;

ruleTester.run('no-retry-non-idempotent: an OAuth device-flow token poll', rule, {
  valid: [
    poll("{ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: clientId, device_code: code }"),
    poll("{ client_id: clientId, grant_type: 'device_code', device_code: code }"),
  ],
  invalid: [
    {
      // Control: the same loop sending a form that charges a card is a POST sent again.
      code: poll("{ client_id: clientId, charge: code, amount: '500' }"),
      errors: [{ messageId: 'retriedRequest', line: 17, suggestions: 1 }],
    },
  ],
});
