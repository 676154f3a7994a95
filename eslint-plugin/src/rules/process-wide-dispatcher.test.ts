import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from './require-timeout.js';

// A server that runs slow local models raises undici's global dispatcher at boot (`setGlobalDispatcher(new
// Agent({ headersTimeout, bodyTimeout }))`): each of its fetches gives up after that silence, not never. Ten minutes
// still holds a settings page's request that long, so the finding stays, and says what bounds it. Controls: a
// package beside it in the monorepo (another process) and a dispatcher that sets only one of the two timeouts.
const ruleTester = new RuleTester();

const repository = mkdtempSync(join(tmpdir(), 'resilint-global-dispatcher-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(repository, path)), { recursive: true });
  writeFileSync(join(repository, path), text);
};
write('package.json', JSON.stringify({ private: true, workspaces: ['server', 'worker', 'gateway'] }));
write('server/package.json', JSON.stringify({ name: 'server', private: true, main: 'index.js', dependencies: { express: '^4', undici: '^6' } }));
write('server/utils/boot/raise-timeouts.js', `const DEFAULT_WAIT_MS = 10 * 60 * 1000;
function raiseTimeouts() {
  let waitMs = DEFAULT_WAIT_MS;
  if (process.env.MODEL_WAIT_MS) waitMs = Number(process.env.MODEL_WAIT_MS);
  const { Agent, setGlobalDispatcher } = require('undici');
  setGlobalDispatcher(new Agent({ headersTimeout: waitMs, bodyTimeout: waitMs }));
}
module.exports = { raiseTimeouts };
`);
write('worker/package.json', JSON.stringify({ name: 'worker', private: true, main: 'index.js', dependencies: { express: '^4' } }));
write('gateway/package.json', JSON.stringify({ name: 'gateway', private: true, main: 'index.js', dependencies: { express: '^4', undici: '^6' } }));
write('gateway/boot.js', "const undici = require('undici');\nundici.setGlobalDispatcher(new undici.Agent({ headersTimeout: 30_000 }));\n");

const modelsCode = `async function listModels(apiKey) {
  const response = await fetch('https://api.models.example/v1/models', { headers: { authorization: 'Bearer ' + apiKey } });
  return response.json();
}
module.exports = { listModels };
`;
const suggestions = 4;

ruleTester.run('require-timeout (a process-wide undici dispatcher set at boot)', requireTimeout, {
  valid: [],
  invalid: [
    {
      code: modelsCode,
      filename: join(repository, 'server/utils/models.js'),
      errors: [{ messageId: 'processWideBoundOnly', line: 2, data: { call: 'fetch', file: 'utils/boot/raise-timeouts.js', wait: '`waitMs` (10 minutes by default)', remedy: 'pass `signal: AbortSignal.timeout(ms)`' }, suggestions }],
    },
    { code: modelsCode, filename: join(repository, 'worker/models.js'), errors: [{ messageId: 'missingTimeout', line: 2, suggestions }] },
    { code: modelsCode, filename: join(repository, 'gateway/models.js'), errors: [{ messageId: 'missingTimeout', line: 2, suggestions }] },
  ],
});
