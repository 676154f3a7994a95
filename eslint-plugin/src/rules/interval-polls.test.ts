import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { RuleTester } from '@typescript-eslint/rule-tester';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import unbounded from './no-unbounded-retry.js';
import nonIdempotent from './no-retry-non-idempotent.js';

const ruleTester = new RuleTester();

// A media tracker's sign-in to a watch-history service by device code (the fortieth round): every few seconds it asks
// whether the person approved, on a timer that only a granted token clears. Once the code expires every answer is an
// error, which the catch lets pass, so it asks forever.
const approval = (catchBody: string, extra = '') => `import axios from 'axios';
export function waitForApproval(code: { device_code: string; interval: number }, done: (token: string) => void): void {
  const check = async () => {
    try {
      const granted = await axios.post('https://history.example.com/oauth/device/token', { code: code.device_code }, { timeout: 10_000 });
      clearInterval(timer);
      done(granted.data.access_token);
    } catch (error) {${catchBody}}
  };
  const timer = setInterval(check, code.interval * 1000);${extra}
}`;

const withDeadline = approval('\n      if (Date.now() > deadline) clearInterval(timer);\n    ').replace('  const timer = setInterval', '  const deadline = Date.now() + 10 * 60_000;\n  const timer = setInterval');

ruleTester.run('no-unbounded-retry: a poll on a timer', unbounded, {
  valid: [
    // the catch gives up, or a timer of its own does: either clears it
    approval(' clearInterval(timer); '),
    approval('', '\n  setTimeout(() => clearInterval(timer), 15 * 60_000);'),
    withDeadline,
    // a heartbeat on a timer: nothing clears it, and it asks for no answer to stop on
    "declare function beat(): Promise<void>;\nexport const start = () => setInterval(async () => { try { await beat(); } catch {} }, 30_000);",
  ],
  invalid: [
    {
      code: approval(''),
      errors: [{ messageId: 'unboundedPoll', line: 10, suggestions: [{ messageId: 'fixAddTimerDeadline', output: withDeadline }] }],
    },
  ],
});

ruleTester.run('no-retry-non-idempotent: a poll on a timer', nonIdempotent, {
  // each tick asks for the state of the sign-in, whatever the last one heard
  valid: [approval('')],
  invalid: [],
});

describe('the deadline fix', () => {
  it('at run time, stops asking once the deadline has passed', { timeout: 10_000 }, async () => {
    // the service answers every poll with an expired code
    let asked = 0;
    const server = createServer((_request, response) => {
      asked++;
      response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"expired_token"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const runnable = withDeadline.replace('10 * 60_000', '300').replace('code.interval * 1000', 'code.interval')
      .replace('https://history.example.com', `http://127.0.0.1:${port}`);
    const { outputText } = ts.transpileModule(runnable, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
    const module = { exports: {} as Record<string, unknown> };
    new Function('require', 'module', 'exports', outputText)(createRequire(import.meta.url), module, module.exports);
    try {
      (module.exports['waitForApproval'] as (code: { device_code: string; interval: number }, done: () => void) => void)({ device_code: 'd1', interval: 50 }, () => {});
      await new Promise((resolve) => setTimeout(resolve, 700));
      const atStop = asked;
      expect(atStop).toBeGreaterThanOrEqual(4);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(asked).toBe(atStop);
    } finally {
      server.close();
    }
  });
});
