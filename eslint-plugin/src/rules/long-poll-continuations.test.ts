import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * A long-poll: the client asks the server to hold the request until the export is ready, for up to `holdSeconds`
 * (`params: { maxWaitSeconds }`), and asks again when the server answers 408 "not ready yet". Each turn lasts as
 * long as the server held it: waiting for work to finish, not retrying a failure at once. Going round on any error,
 * or on a 5xx, or with no server-side wait asked for, is a retry sent at once, and stays reported.
 */
const exportsApi = (methodBody: string, loopCatch: string, deadline = 'if (Date.now() > giveUpAt) throw new Error(`export ${id} still running`);') => `
import axios, { AxiosError } from 'axios';
class NotReadyYet extends Error {}
const http = axios.create({ baseURL: 'https://exports.example.com', timeout: 45_000 });
http.interceptors.response.use(undefined, (error: AxiosError) => Promise.reject(error.response?.status === 408 ? new NotReadyYet() : error));

export class Exports {
  async finished(id: string, holdSeconds = 30) {
    ${methodBody}
  }

  async waitUntilFinished(id: string, giveUpAt: number) {
    for (;;) {
      ${deadline}
      try {
        return await this.finished(id);
      } catch (error) {
        ${loopCatch}
      }
    }
  }
}`;

const holds = "const { data } = await http.get(`/exports/${id}/result`, { params: { maxWaitSeconds: holdSeconds } });\n    return data;";
const noHold = "const { data } = await http.get(`/exports/${id}/result`);\n    return data;";
const onNotReady = 'if (error instanceof NotReadyYet) continue;\n        throw error;';
const onStatus = "if ((error as AxiosError).response?.status === 408) continue;\n        throw error;";

ruleTester.run('retry-requires-backoff: a long-poll asking again when the server says "not ready yet"', backoff, {
  valid: [
    exportsApi(holds, onNotReady),
    exportsApi(holds, onStatus),
    // the wait asked for in the call itself
    exportsApi(holds, onNotReady).replace('return await this.finished(id);', 'return (await http.get(`/exports/${id}/result`, { params: { wait_ms: 20_000 } })).data;'),
  ],
  invalid: [
    // any failure asked again at once
    { code: exportsApi(holds, 'continue;'), errors: [{ messageId: 'noDelay', line: 14, suggestions: 1 }] },
    // a 503 is a struggling server, asked again at once
    { code: exportsApi(holds, "if ((error as AxiosError).response?.status === 503) continue;\n        throw error;"), errors: [{ messageId: 'noDelay', line: 14, suggestions: 1 }] },
    // no wait asked of the server: every 408 is answered with a new request at once
    { code: exportsApi(noHold, onNotReady), errors: [{ messageId: 'pollWithoutWait', line: 14, suggestions: 1 }] },
  ],
});

ruleTester.run('no-unbounded-retry: a long-poll with and without a deadline', unbounded, {
  valid: [exportsApi(holds, onNotReady)],
  invalid: [{ code: exportsApi(holds, onNotReady, ''), errors: [{ messageId: 'unboundedPoll', line: 14, suggestions: 1 }] }],
});
