import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from './require-timeout.js';

// An SDK's own request layer: a function picks the user's fetch or the global one (one return each), another wraps
// what it is handed in retries, and a barrel imports the factory and exports it in a list. The fetch it makes is
// the global one with the caller's arguments: a call through it with no signal is unbounded.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

const sdk = mkdtempSync(join(tmpdir(), 'resilint-sdk-fetch-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(sdk, path)), { recursive: true });
  writeFileSync(join(sdk, path), text);
};
write('package.json', JSON.stringify({ name: '@vectors/client', version: '2.0.0', main: 'dist/index.js' }));
write('src/net/fetch.ts', `type Send = (input: string, init?: RequestInit) => Promise<Response>;
export interface Settings { apiKey: string; fetchApi?: Send; retries?: number }
function baseSend(settings: Settings): Send {
  if (settings.fetchApi) return settings.fetchApi;
  if (globalThis.fetch) return globalThis.fetch;
  throw new Error('this runtime has no fetch: pass fetchApi');
}
function withRetries(send: Send, retries: number): Send {
  return async (input: string, init?: RequestInit) => {
    for (let attempt = 0; ; attempt++) {
      const response = await send(input, init);
      if (response.status < 500 || attempt >= retries) return response;
      await new Promise((wake) => setTimeout(wake, 250 * 2 ** attempt));
    }
  };
}
export const makeSend = (settings: Settings) => withRetries(baseSend(settings), settings.retries ?? 3);
`);
write('src/net/index.ts', "import { makeSend } from './fetch';\nimport { userAgent } from './agent-name';\nexport { makeSend, userAgent };\n");
write('src/net/agent-name.ts', "export const userAgent = () => 'vectors-client/2';\n");

const upsert = (init: string) => `import { makeSend } from '../net';
export class Upsert {
  constructor(private readonly settings: { apiKey: string }) {}
  async run(host: string, rows: string): Promise<void> {
    const send = makeSend(this.settings);
    const response = await send(\`\${host}/rows/upsert\`, ${init});
    if (!response.ok) throw new Error(\`upsert failed: \${response.status}\`);
  }
}
`;
const filename = join(sdk, 'src/ops/upsert.ts');

ruleTester.run('require-timeout (an SDK\'s own fetch factory)', requireTimeout, {
  valid: [
    { code: upsert("{ method: 'POST', body: rows, signal: AbortSignal.timeout(30_000) }"), filename },
  ],
  invalid: [
    { code: upsert("{ method: 'POST', headers: { 'Api-Key': this.settings.apiKey }, body: rows }"), filename, errors: [{ ...missing, line: 6, suggestions: 3 }] },
  ],
});
