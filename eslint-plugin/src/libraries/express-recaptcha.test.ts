import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';
import { loadModule } from '../../../test/silent-server.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A sign-up guarded by reCAPTCHA (met on tiledesk-server, the thirty-second round): express-recaptcha's `verify` posts
// the token to Google with `https.request` and no timeout, and takes no bound, so a stalled answer holds the sign-up.
const signup = `const { RecaptchaV3 } = require('express-recaptcha');
const recaptcha = new RecaptchaV3(process.env.SITE_KEY, process.env.SECRET);
module.exports = function guard(req, res, next) {
  recaptcha.verify(req, function (error) {
    if (error) return res.status(403).send({ ok: false });
    next();
  });
};
`;

ruleTester.run('require-timeout (express-recaptcha)', requireTimeout, {
  valid: [
    // the waiting is bounded already
    `const { RecaptchaV2 } = require('express-recaptcha');
const { timeout } = require('@resilint/runtime');
const recaptcha = new RecaptchaV2('site', 'secret');
module.exports = (req) => timeout(5_000).execute(() => new Promise((resolve, reject) => recaptcha.verify(req, (error, data) => (error ? reject(error) : resolve(data)))));`,
    // rendering the widget sends nothing
    `import { RecaptchaV3 } from 'express-recaptcha';
const recaptcha = new RecaptchaV3('site', 'secret', { callback: 'cb' });
export const widget = () => recaptcha.render();`,
  ],
  invalid: [
    {
      code: signup,
      filename: 'signup.js',
      errors: [{ messageId: 'missingTimeout', line: 4, suggestions: [{ messageId: 'fixStopWaiting', output: `const { RecaptchaV3 } = require('express-recaptcha');
const { timeout } = require('@resilint/runtime');
const recaptcha = new RecaptchaV3(process.env.SITE_KEY, process.env.SECRET);
module.exports = function guard(req, res, next) {
  timeout(5_000).execute(() => new Promise((resolve, reject) => recaptcha.verify(req, (error, ...results) => (error ? reject(error) : resolve(results))))).then((results) => [null, ...results], (error) => [error]).then((outcome) => (function (error) {
    if (error) return res.status(403).send({ ok: false });
    next();
  })(...outcome));
};
` }] }],
    },
    {
      // in TypeScript the callback would lose its parameter types out of the call: the finding offers no rewrite
      code: `import { RecaptchaV3 } from 'express-recaptcha';
const recaptcha = new RecaptchaV3('site', 'secret');
export function guard(req: any, done: (ok: boolean) => void) {
  recaptcha.verify(req, (error) => done(!error));
}`,
      filename: 'guard.ts',
      errors: [{ messageId: 'missingTimeout', line: 4, suggestions: [] }],
    },
  ],
});

describe('the express-recaptcha fix', () => {
  it('calls the guard back with the timeout\'s error once the bound passes, and with the answer before it', async () => {
    const filename = 'signup.js';
    const [finding] = lint(signup, filename).findings;
    const fixed = applyFix(signup, finding!.suggestions[0]!);
    expect(lint(fixed, filename).findings).toEqual([]);
    // the fixed guard, run with a verify that answers after `delay` (Google stalled when it is longer than the bound)
    const run = (delay: number) => {
      const source = fixed
        .replace("const { RecaptchaV3 } = require('express-recaptcha');\n", '')
        .replace("const { timeout } = require('@resilint/runtime');", "import { timeout } from '@resilint/runtime';")
        .replace('new RecaptchaV3(process.env.SITE_KEY, process.env.SECRET)', `{ verify: (_req, callback) => setTimeout(() => callback(null, { score: 0.9 }), ${delay}) }`)
        .replace('module.exports = function guard', 'export function guard');
      const { guard } = loadModule<{ guard: (req: object, res: object, next: () => void) => void }>(source);
      return new Promise<string>((resolve) => {
        guard({}, { status: (code: number) => ({ send: () => resolve(`refused ${code}`) }) }, () => resolve('admitted'));
      });
    };
    expect(await run(20)).toBe('admitted');
    const started = Date.now();
    expect(await run(60_000)).toBe('refused 403');
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);
});
