import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';
import { waitedInPlace } from '../fixes/stop-waiting.cases.js';

const ruleTester = new RuleTester();

// A release bot filing Linear issues: @linear/sdk posts each operation with fetch and no timeout, and neither the
// client nor an operation takes a bound per call, so only waiting for the call can be bounded.
const REMEDY = "stop waiting for it with the runtime's `timeout(ms)`: @linear/sdk posts with fetch and no timeout, its calls take no signal, and a `signal` given to `LinearClient` would be one deadline for every call the client ever makes";
const RUNTIME = `\nimport { timeout } from '@resilint/runtime';`;
const bot = (call: string, imports = '') => `import { LinearClient } from '@linear/sdk';${imports}
const linear = new LinearClient({ apiKey: process.env.LINEAR_KEY });
export async function fileRegression(teamId: string, title: string) {
  const created = await ${call};
  return created.success;
}
`;
const create = "linear.createIssue({ teamId, title, labelIds: ['regression'] })";

ruleTester.run('require-timeout (linear sdk)', requireTimeout, {
  valid: [
    bot(`timeout(8_000).execute(() => ${create})`, RUNTIME),
    // a client made for one job with a deadline of its own: bounded as its author meant
    `import { LinearClient } from '@linear/sdk';
export async function labels(accessToken: string) {
  const once = new LinearClient({ accessToken, signal: AbortSignal.timeout(10_000) });
  return (await once.issueLabels({ first: 20 })).nodes;
}`,
    // setting a header on the raw client sends nothing
    `import { LinearClient } from '@linear/sdk';
const linear = new LinearClient({ apiKey: 'k' });
export const tag = (run: string) => linear.client.setHeader('x-run', run);`,
    // a computed name whose type does not list the names it may take: nothing says what is called
    `import { LinearClient } from '@linear/sdk';
const linear = new LinearClient({ apiKey: 'k' });
export const read = (name: string) => (linear as any)[name];`,
  ],
  invalid: [
    {
      code: bot(create),
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        data: { call: 'LinearClient.createIssue', remedy: REMEDY },
        suggestions: [
          { messageId: 'fixStopWaiting', output: bot(`timeout(5_000).execute(() => ${create})`, RUNTIME) },
          { messageId: 'fixStopWaitingInPlace', output: waitedInPlace(bot(create), create) },
        ],
      }],
    },
    {
      // a query, a raw GraphQL document, and a client handed in by type
      code: `import type { LinearClient } from '@linear/sdk';
export async function openCount(linear: LinearClient, teamId: string) {
  const open = await linear.issues({ filter: { team: { id: { eq: teamId } } }, first: 100 });
  const raw = await linear.client.rawRequest('query { viewer { id } }');
  return [open.nodes.length, raw.status];
}`,
      errors: [
        { messageId: 'missingTimeout', line: 3, data: { call: 'LinearClient.issues', remedy: REMEDY }, suggestions: 2 },
        { messageId: 'missingTimeout', line: 4, data: { call: 'LinearClient.client.rawRequest', remedy: REMEDY }, suggestions: 2 },
      ],
    },
    {
      // a sync job keeps the client in a private field and picks the list to page through by a name its type lists:
      // each of them is a GraphQL post with no bound
      code: `import { LinearClient } from '@linear/sdk';
type Synced = 'issues' | 'projects' | 'teams';
export class LinearSource {
  readonly #linear: LinearClient;
  constructor(apiKey: string) {
    this.#linear = new LinearClient({ apiKey });
  }
  async page(list: Synced, after?: string) {
    return (await this.#linear[list]({ first: 50, after })).nodes;
  }
}`,
      errors: [{ messageId: 'missingTimeout', line: 9, data: { call: 'LinearClient.issues', remedy: REMEDY }, suggestions: 2 }],
    },
  ],
});
