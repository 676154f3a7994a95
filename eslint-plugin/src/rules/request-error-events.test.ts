import { RuleTester } from '@typescript-eslint/rule-tester';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import rule from './no-unprotected-call.js';

/**
 * A node:http(s) request made inside `new Promise((resolve, reject) => …)`: its failure arrives as an 'error' event.
 * A listener that only logs keeps the process alive but leaves the promise pending for ever, so there the fix hands
 * the error to `reject`.
 */

const ruleTester = new RuleTester();

const statusOf = (request = "http.get(url, (response) => { response.resume(); resolve(response.statusCode ?? 0); })") => `import http from 'node:http';
export function statusOf(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    ${request};
  });
}
`;

ruleTester.run('no-unprotected-call: node:http in a promise executor', rule, {
  valid: [statusOf("http.get(url, (response) => { response.resume(); resolve(response.statusCode ?? 0); }).on('error', reject)")],
  invalid: [
    {
      code: statusOf(),
      errors: [{
        messageId: 'errorEvent',
        suggestions: [{
          messageId: 'fixRejectOnError',
          data: { call: 'http.get', reject: 'reject' },
          output: statusOf("http.get(url, (response) => { response.resume(); resolve(response.statusCode ?? 0); }).on('error', reject)"),
        }],
      }],
    },
    {
      // inside the response callback, whose parameter shadows `reject`, that name is not the promise's: the listener logs
      code: statusOf("http.get(url, (reject) => { reject.resume(); resolve(reject.statusCode ?? 0); const probe = http.get(url); probe.end(); })"),
      errors: [
        {
          messageId: 'errorEvent',
          suggestions: [{ messageId: 'fixRejectOnError', output: statusOf("http.get(url, (reject) => { reject.resume(); resolve(reject.statusCode ?? 0); const probe = http.get(url); probe.end(); }).on('error', reject)") }],
        },
        {
          messageId: 'errorEvent',
          suggestions: [{
            messageId: 'fixAddErrorListener',
            output: statusOf("http.get(url, (reject) => { reject.resume(); resolve(reject.statusCode ?? 0); const probe = http.get(url).on('error', (error: Error) => { console.error('http.get failed', error); }); probe.end(); })"),
          }],
        },
      ],
    },
  ],
});

describe('the fix for a node:http request in a promise executor', () => {
  it('compiles against @types/node and settles the promise when the connection is refused', { timeout: 60_000 }, async () => {
    const [finding] = lint(statusOf(), 'status.ts').findings.filter((found) => found.ruleId === 'resilint/no-unprotected-call');
    const [suggestion] = finding!.suggestions;
    const fixed = statusOf().slice(0, suggestion!.range[0]) + suggestion!.text + statusOf().slice(suggestion!.range[1]);
    expect(typeErrors([fixed])).toEqual([[]]);

    // a port nothing listens on any more: connecting is refused
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));

    const { outputText } = ts.transpileModule(fixed, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
    const module = { exports: {} as { statusOf?: (url: string) => Promise<number> } };
    new Function('require', 'module', 'exports', outputText)(createRequire(import.meta.url), module, module.exports);
    const settled = module.exports.statusOf!(`http://127.0.0.1:${port}/health`).then(() => 'resolved', (error: NodeJS.ErrnoException) => error.code);
    const pending = new Promise((resolve) => setTimeout(resolve, 2_000, 'still pending'));
    expect(await Promise.race([settled, pending])).toBe('ECONNREFUSED');
  });
});
