import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A flow engine whose app steps receive a context object `$` built in another module (`$.http = createHttpClient(...)`),
// whose clients all come from one factory that spreads axios's own defaults and the caller's options into
// `axios.create`. Real file names: the modules beside them are read, resolved and summarised.
const engine = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/flow-engine/src/${path}`, import.meta.url));
const step = engine('apps/github/create-issue.js');
const license = engine('helpers/license.js');

const missing = { messageId: 'missingTimeout' as const };
const ruleTester = new RuleTester();

ruleTester.run('require-timeout (clients made by a factory, reached through a context object)', requireTimeout, {
  valid: [
    // `webhooks` comes from a factory whose file sets `axios.defaults.timeout`: its spread of the defaults bounds it
    { filename: step, code: `export default { async run($) { return $.webhooks.post('/hook', { ok: true }); } };` },
    // `uploads` is created with a timeout by its caller
    { filename: step, code: `export default { async run($) { return $.uploads.put('/file', $.step.body); } };` },
    // `api` is given two different values in the package (a client, and a parameter): a call through it is unknown
    { filename: step, code: `export default { async run(context) { return context.api.get('/messages'); } };` },
    // the step gives its own timeout
    { filename: step, code: `export default { async run($) { return $.http.get('/user', { timeout: 5_000 }); } };` },
    // a factory's client given a timeout by this caller
    { filename: license, code: `import { createInstance } from './axios-with-proxy.js';\nexport const check = (key) => createInstance({ timeout: 3_000 }).post('https://license.example.com/check', { key });` },
  ],
  invalid: [
    {
      // `$.http` is the only thing the package ever gives `http` (the log levels' number has no `get`)
      filename: step,
      code: `export default {\n  async run($) {\n    const response = await $.http.post('/repos/issues', { title: $.step.title });\n    return response.data;\n  },\n};`,
      errors: [{ ...missing, line: 3, suggestions: 3 }],
    },
    {
      // reached deeper in a chain and through optional chaining: the same client
      filename: step,
      code: `export default {\n  async run(job) {\n    return job.$.http?.post('/repos/issues', { title: job.$.step.title });\n  },\n};`,
      errors: [{ ...missing, line: 3, suggestions: 3 }],
    },
    {
      // the module's default instance, made by the same factory with nothing given
      filename: license,
      code: `import axios from './axios-with-proxy.js';\nexport const check = (key) => axios.post('https://license.example.com/check', { key });`,
      errors: [{ ...missing, line: 2, suggestions: 3 }],
    },
    {
      // the factory called with options that set no bound
      filename: license,
      code: `import { createInstance } from './axios-with-proxy.js';\nexport const check = (key) => createInstance({ baseURL: 'https://license.example.com' }).post('/check', { key });`,
      errors: [{ ...missing, line: 2, suggestions: 4 }],
    },
    {
      // a spread of axios's own defaults bounds nothing where nothing set their timeout
      filename: license,
      code: `import axios from 'axios';\nconst api = axios.create({ ...axios.defaults, baseURL: 'https://license.example.com' });\nexport const check = (key) => api.post('/check', { key });`,
      errors: [{ ...missing, line: 3, suggestions: 4 }],
    },
  ],
});
