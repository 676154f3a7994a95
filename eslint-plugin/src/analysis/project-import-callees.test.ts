import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A file that may reach a client only through a module of the project (it imports no client itself and names no
// fetch): the index evaluates only the calls whose callee can come from such an import. Those through a local name
// (made from the import), through a call, and through a member the package's fields give a client are still judged;
// a global's or another library's call is not evaluated, and is not reported either way.
const helper = fileURLToPath(new URL('../../../fixtures/workspaces/flow-engine/src/helpers/license.js', import.meta.url));
const imports = "import { createInstance } from './axios-with-proxy.js';\nimport express from 'express';\n";

const missing = { messageId: 'missingTimeout' as const };
const ruleTester = new RuleTester();

ruleTester.run('require-timeout (a file whose clients come only from the project\'s modules)', requireTimeout, {
  valid: [
    // control: only globals and another library's calls
    { filename: helper, code: `${imports}export const check = (key) => { console.log(key); return express.json(JSON.stringify({ key })); };` },
    // the client made through the import, given a timeout
    { filename: helper, code: `${imports}const http = createInstance({ timeout: 3_000 });\nexport const check = (key) => http.post('https://license.example.com/check', { key });` },
    // control: names given once by another library's calls (an object pattern, an array pattern) and called
    { filename: helper, code: `${imports}const { t } = express.Router();\nconst [open, setOpen] = express.state(false);\nexport const show = () => { setOpen(!open); return t('shown'); };` },
  ],
  invalid: [
    {
      // a name given a name that holds what the import makes
      filename: helper,
      code: `${imports}const made = createInstance();\nconst http = made;\nexport const check = (key) => http.post('https://license.example.com/check', { key });`,
      errors: [{ ...missing, line: 5, suggestions: 3 }],
    },
    {
      // a local name holding what the import makes
      filename: helper,
      code: `${imports}const http = createInstance();\nexport const check = (key) => http.post('https://license.example.com/check', { key });`,
      errors: [{ ...missing, line: 4, suggestions: 3 }],
    },
    {
      // a call of the import itself
      filename: helper,
      code: `${imports}export const check = (key) => createInstance().post('https://license.example.com/check', { key });`,
      errors: [{ ...missing, line: 3, suggestions: 3 }],
    },
    {
      // rooted in another library's import, but `http` is what the package gives every object's `http` (context.js)
      filename: helper,
      code: `${imports}export const status = () => express.http.get('/status');`,
      errors: [{ ...missing, line: 3, suggestions: 4 }],
    },
  ],
});
