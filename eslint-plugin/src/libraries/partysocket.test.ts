import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A server handler that tells a PartyKit room about an event: PartySocket.fetch hands its init to fetch as is.
const ruleTester = new RuleTester();

const notify = (init: string) => `import PartySocket from 'partysocket';
export async function notifyRoom(host: string, room: string, body: string) {
  await PartySocket.fetch({ host, room }, { method: 'POST', body${init} });
}`;

ruleTester.run('require-timeout (partysocket)', requireTimeout, {
  valid: [
    notify(', signal: AbortSignal.timeout(10_000)'),
    // the socket is no request
    `import PartySocket from 'partysocket';
export const connect = (host: string, room: string) => new PartySocket({ host, room });`,
  ],
  invalid: [
    {
      code: notify(''),
      errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 3 }],
    },
  ],
});
