import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noUnprotectedCall from '../rules/no-unprotected-call.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// The callback form of a client call: a mail API posted to with `request(options, callback)` from a route, a
// reminder sent with `request.post(options, done)`, a spreadsheet row appended by a googleapis method given
// `(err) => ...`. Each waits as long as its promise form does, with the same bounds; its failure goes to the
// callback, so nothing is left unhandled; and the fix puts the options before the callback, which keeps working.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

const sheets = (call: string): string => `import { google } from 'googleapis';
export function appendRow(auth: any, spreadsheetId: string, row: string[]): Promise<void> {
  const sheets = google.sheets({ version: 'v4', auth });
  return new Promise((resolve, reject) => {
    ${call};
  });
}
`;
const appendParams = `{ spreadsheetId, range: 'A2', valueInputOption: 'RAW', requestBody: { values: [row] } }`;

ruleTester.run('require-timeout: node-style callback forms', requireTimeout, {
  valid: [
    `const request = require('request');
exports.invite = (mailHost, email, res) => request({ method: 'POST', url: mailHost + '/send', json: { email }, timeout: 10_000 }, (err) => res.sendStatus(err ? 502 : 200));`,
    `const request = require('request');
exports.remind = (mailHost, done) => request.post(mailHost + '/send', { json: { kind: 'reminder' }, timeout: 10_000 }, done);`,
    // a client created with a timeout bounds its callback calls too
    `const request = require('request').defaults({ timeout: 10_000 });
exports.remind = (mailHost, done) => request.post({ url: mailHost + '/send' }, done);`,
    sheets(`sheets.spreadsheets.values.append(${appendParams}, { timeout: 10_000 }, (err: Error | null) => (err ? reject(err) : resolve()))`),
  ],
  invalid: [
    {
      code: `const request = require('request');
exports.invite = (mailHost, email, res) => {
  const options = { method: 'POST', url: mailHost + '/send', json: { email } };
  return request(options, (err) => res.sendStatus(err ? 502 : 200));
};`,
      errors: [{
        ...missing,
        line: 4,
        suggestions: [{
          messageId: 'fixNativeTimeout',
          output: `const request = require('request');
exports.invite = (mailHost, email, res) => {
  const options = { method: 'POST', url: mailHost + '/send', json: { email } };
  return request({ ...options, timeout: 5_000 }, (err) => res.sendStatus(err ? 502 : 200));
};`,
        }],
      }],
    },
    {
      code: `const request = require('request');
exports.remind = (mailHost, done) => request.post(\`\${mailHost}/send\`, done);`,
      errors: [{
        ...missing,
        suggestions: [{
          messageId: 'fixNativeTimeout',
          output: `const request = require('request');
exports.remind = (mailHost, done) => request.post(\`\${mailHost}/send\`, { timeout: 5_000 }, done);`,
        }],
      }],
    },
    {
      code: sheets(`sheets.spreadsheets.values.append(${appendParams}, (err: Error | null) => (err ? reject(err) : resolve()))`),
      errors: [{
        ...missing,
        line: 5,
        suggestions: [{
          messageId: 'fixNativeTimeout',
          output: sheets(`sheets.spreadsheets.values.append(${appendParams}, { timeout: 5_000 }, (err: Error | null) => (err ? reject(err) : resolve()))`),
        }],
      }],
    },
  ],
});

ruleTester.run('no-unprotected-call: node-style callback forms', noUnprotectedCall, {
  valid: [
    // the callback takes the failure
    `const request = require('request');
exports.invite = (mailHost, res) => { request.post({ url: mailHost + '/send', timeout: 10_000 }, (err) => res.sendStatus(err ? 502 : 200)); };`,
    // a callback taking nothing still takes the failure (request listens for 'error' once given one): a ping whose
    // outcome nobody needs swallows it, and no process dies of it
    `const request = require('request');
exports.ping = (url) => { request({ url, timeout: 5_000 }, () => {}); };`,
  ],
  invalid: [
    {
      // given no callback, request returns a stream whose 'error' nobody listens to
      code: `const request = require('request');
exports.mirror = (url, res) => { request({ url, timeout: 10_000 }).pipe(res); };`,
      errors: [{ messageId: 'errorEvent', suggestions: 1 }],
    },
  ],
});
