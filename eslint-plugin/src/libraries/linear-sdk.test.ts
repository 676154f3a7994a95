import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

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
  ],
  invalid: [
    {
      code: bot(create),
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        data: { call: 'LinearClient.createIssue', remedy: REMEDY },
        suggestions: [{ messageId: 'fixStopWaiting', output: bot(`timeout(5_000).execute(() => ${create})`, RUNTIME) }],
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
        { messageId: 'missingTimeout', line: 3, data: { call: 'LinearClient.issues', remedy: REMEDY }, suggestions: 1 },
        { messageId: 'missingTimeout', line: 4, data: { call: 'LinearClient.client.rawRequest', remedy: REMEDY }, suggestions: 1 },
      ],
    },
  ],
});
