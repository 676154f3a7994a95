import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-unbounded-retry.js';

// no-unbounded-retry: an upload client's `for (;;)` (the forty-third held-out round's transloadit SDK, in our own
// words) goes round only when a flag says so, and the flag holds only while attempts are left: the count bounds it.
const ruleTester = new RuleTester();

const upload = (flag: string) => `
declare function send(path: string): Promise<{ status: number; body: unknown }>;
declare const pause: (ms: number) => Promise<void>;
export async function upload(path: string, maxAttempts = 4) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(path);
    } catch (error: any) {
      const goAgain = ${flag};
      if (!goAgain) throw error;
      await pause(1000 * 2 ** attempt);
    }
  }
}`;

ruleTester.run('no-unbounded-retry: a flag holding only while attempts are left', rule, {
  valid: [
    upload('attempt < maxAttempts && (error.status === 429 || error.status === 503)'),
    upload('(error.status === 429 || error.status === 503) && attempt < maxAttempts'),
  ],
  invalid: [
    // either condition lets it go round: a 429 goes round for ever
    { code: upload('attempt < maxAttempts || error.status === 429'), errors: [{ messageId: 'unbounded', suggestions: 1 }] },
  ],
});
