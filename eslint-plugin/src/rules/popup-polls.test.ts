import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * A sign-in page waiting for the person to finish in the provider's window it opened (met on swetrix, the thirty-fifth
 * round): it asks its back end every second whether the sign-in is done, and stops when that window is closed, by the
 * person or by the timer set for the session's lifetime. It waits for a person, not for a failing dependency.
 */
const page = (opened: string, stop: string) => `const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
declare function claimSession(hash: string): Promise<{ token: string }>;
export async function signInWith(authUrl: string, hash: string, lifetimeMs: number) {
  const popup = ${opened};
  if (!popup) return;
  popup.location.href = authUrl;
  setTimeout(() => popup.close(), lifetimeMs);
  while (true) {
    await wait(1_000);
    try {
      const { token } = await claimSession(hash);
      popup.close();
      return token;
    } catch {
      // not signed in yet
    }
    ${stop}
  }
}
`;

ruleTester.run('no-unbounded-retry: a page waiting for a sign-in window', unbounded, {
  valid: [
    // (a page's retries are reported only with `checkPages`, as in `strict`: on here, so the window is what ends them)
    { code: page("window.open('', '_blank')", 'if (popup.closed) return undefined;'), options: [{ checkPages: true }] },
    { code: page("open('', 'sso')", 'if (!popup || popup.closed) break;'), options: [{ checkPages: true }] },
    // through the app's own helper opening the window
    {
      code: page("openBrowserWindow('')", 'if (popup.closed) return undefined;').replace('declare function claimSession', 'declare function openBrowserWindow(url: string): Window;\ndeclare function claimSession'),
      options: [{ checkPages: true }],
    },
    // by default, a page's retry is left alone: the tab's life bounds it
    page("window.open('', '_blank')", ''),
  ],
  invalid: [
    // nothing ends the wait but a successful claim
    { code: page("window.open('', '_blank')", ''), options: [{ checkPages: true }], errors: [{ messageId: 'unbounded', line: 8, suggestions: 1 }] },
    // a `closed` flag of something else (a socket of its own) says nothing of a person
    { code: page("window.open('', '_blank')", 'if (connection.closed) return undefined;').replace('declare function', 'declare const connection: { closed: boolean };\ndeclare function'), options: [{ checkPages: true }], errors: [{ messageId: 'unbounded', line: 9, suggestions: 1 }] },
  ],
});

ruleTester.run('retry-requires-backoff: a page waiting for a sign-in window', backoff, {
  valid: [{ code: page("window.open('', '_blank')", 'if (popup.closed) return undefined;'), options: [{ checkPages: true }] }],
  invalid: [],
});
