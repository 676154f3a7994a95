import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';
import { waitedInPlace } from '../fixes/stop-waiting.cases.js';

const ruleTester = new RuleTester();

// A stock service reading and writing warehouse records over OData: o.js queues each request on its handler and sends
// it with the global fetch and no timeout; no call takes a signal, so only waiting for the send can be bounded.
const REMEDY = "stop waiting for it with the runtime's `timeout(ms)`: odata's handler sends with the global fetch and no timeout, its calls take no signal, and a `signal` in `o()`'s config would be one deadline for every call the handler ever makes";
const RUNTIME = `\nimport { timeout } from '@resilint/runtime';`;
const warehouse = (read: string, imports = '') => `import { o } from 'odata';${imports}
export class Warehouse {
  private readonly stock = o('https://erp.example.net/odata/v4/', { headers: { 'x-api-key': process.env.ERP_KEY ?? '' } });
  async bins(site: string) {
    return await ${read};
  }
}
`;
const bins = "this.stock.get('Bins').query({ $filter: `Site eq '${site}'`, $top: 100 })";

ruleTester.run('require-timeout (odata)', requireTimeout, {
  valid: [
    warehouse(`timeout(8_000).execute(() => ${bins})`, RUNTIME),
    // a handler made for one operation with its own deadline: bounded as its author meant
    `import { o } from 'odata';
export async function shelf(id: number) {
  const once = o('https://erp.example.net/odata/v4/', { signal: AbortSignal.timeout(6_000) });
  return once.get(\`Shelves(\${id})\`).query();
}`,
    // building a URL or queueing a request sends nothing
    `import { o } from 'odata';
const erp = o('https://erp.example.net/odata/v4/');
export const binsUrl = () => erp.getUrl('Bins').href;
export const queued = () => erp.get('Bins').pending;`,
  ],
  invalid: [
    {
      code: warehouse(bins),
      errors: [{
        messageId: 'missingTimeout',
        line: 5,
        data: { call: 'OHandler.query', remedy: REMEDY },
        suggestions: [
          { messageId: 'fixStopWaiting', output: warehouse(`timeout(5_000).execute(() => ${bins})`, RUNTIME) },
          { messageId: 'fixStopWaitingInPlace', output: waitedInPlace(warehouse(bins), bins) },
        ],
      }],
    },
    {
      // a handler made and used in one chain, writing
      code: `import { o } from 'odata';
export async function receive(sku: string, quantity: number) {
  await o('https://erp.example.net/odata/v4/').post('Receipts', { sku, quantity }).query();
}`,
      errors: [{ messageId: 'missingTimeout', line: 3, data: { call: 'OHandler.query', remedy: REMEDY }, suggestions: 2 }],
    },
    {
      // CommonJS, several queued requests sent as one batch; a config with no signal bounds nothing
      code: `const { o } = require('odata');
const erp = o('https://erp.example.net/odata/v4/', { credentials: 'include' });
exports.moveStock = (from, to) => erp.patch(\`Bins(\${from})\`, { reserved: true }).patch(\`Bins(\${to})\`, { reserved: false }).batch();`,
      filename: 'stock.js',
      errors: [{ messageId: 'missingTimeout', line: 3, data: { call: 'OHandler.batch', remedy: REMEDY }, suggestions: 2 }],
    },
    {
      // a handler handed in as a parameter of its type
      code: `import type { OHandler } from 'odata';
export const skus = (erp: OHandler) => erp.get('Skus').fetch();`,
      errors: [{ messageId: 'missingTimeout', line: 2, data: { call: 'OHandler.fetch', remedy: REMEDY }, suggestions: 2 }],
    },
  ],
});
