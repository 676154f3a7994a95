import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A request held in a `let` declared first and assigned once (`let req: ClientRequest;` ... `req = lib.request(...)`,
// met on swetrix's webhook dispatcher, the thirty-fifth round): its `req.setTimeout(ms, () => req.destroy())` bounds
// it as it does for `const req = ...`.
const post = (bound: string) => `import http from 'node:http';
import https from 'node:https';
export function postJson(url: string, body: string, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    req = lib.request(target, { method: 'POST' }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', reject);
    ${bound}
    req.end(body);
  });
}
`;

ruleTester.run('require-timeout (node:http request assigned to a let)', requireTimeout, {
  valid: [post("req.setTimeout(ms, () => { req.destroy(); reject(new Error('timed out')); });")],
  invalid: [
    { code: post(''), errors: [{ messageId: 'missingTimeout', line: 8, suggestions: 1 }] },
    // assigned twice: which request the bound is on is not known, so the first is judged alone
    {
      code: post("req.setTimeout(ms, () => req.destroy());").replace('    req.end(body);', "    req.end(body);\n    req = lib.request(target, { method: 'GET' });"),
      errors: [{ messageId: 'missingTimeout', line: 8, suggestions: 1 }, { messageId: 'missingTimeout', line: 12, suggestions: 1 }],
    },
  ],
});
