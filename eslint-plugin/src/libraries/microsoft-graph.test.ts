import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import noRetryNonIdempotent from '../rules/no-retry-non-idempotent.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A calendar sync reading Microsoft Graph: the client's default middleware sets no timeout, so a request built by
// chaining waits as long as Graph does, unless its fetch options carry a signal.
const ruleTester = new RuleTester();
const inWorkspace = fileURLToPath(new URL('../../../fixtures/workspaces/nest-service/src/http/sent-mail.ts', import.meta.url));

const calendar = (setup: string, read: string) => `import { Client } from '@microsoft/microsoft-graph-client';
export async function upcomingEvents(token: string, since: string) {
  const graph = ${setup};
  const page = await ${read};
  return page.value as { subject: string }[];
}`;

const init = `Client.init({ authProvider: (done) => done(null, token) })`;
const events = `graph.api('/me/calendarView').query({ startDateTime: since }).select('subject').top(50).get()`;

ruleTester.run('require-timeout (Microsoft Graph)', requireTimeout, {
  valid: [
    // the request's own fetch options carry a signal
    calendar(init, `graph.api('/me/calendarView').option('signal', AbortSignal.timeout(8_000)).top(50).get()`),
    calendar(init, `graph.api('/me/calendarView').options({ signal: AbortSignal.timeout(8_000) }).get()`),
    // options from elsewhere may
    calendar(init, `graph.api('/me/calendarView').options(requestOptions).get()`).replace('export async', 'declare const requestOptions: RequestInit;\nexport async'),
    // the client's fetch options give every call a signal
    calendar(`Client.init({ authProvider: (done) => done(null, token), fetchOptions: { signal: AbortSignal.timeout(30_000) } })`, events),
    // a middleware chain of the app's own may bound the call
    calendar(`Client.initWithMiddleware({ middleware: chain })`, events).replace('export async', 'declare const chain: never;\nexport async'),
    // a request kept in a variable and refined by reassignment (`request = request.filter(f)`), sent by a retrying
    // helper of the project: followed no further, and never in circles
    { filename: inWorkspace, code: `import { Client } from '@microsoft/microsoft-graph-client';
import { withGraphRetry } from './graph-retry';
export async function sentSince(graph: Client, since?: string) {
  const build = () => {
    let request = graph.api('/me/mailFolders/sentitems/messages').select('id').top(50);
    if (since) request = request.filter(\`sentDateTime ge \${since}\`);
    return request;
  };
  return withGraphRetry(() => build().get());
}` },
    // a client handed in: how it was made is not known here
    `import { Client } from '@microsoft/microsoft-graph-client';
export const profile = (graph: Client) => graph.api('/me').get();`,
  ],
  invalid: [
    {
      code: calendar(init, events),
      errors: [{ messageId: 'missingTimeout', line: 4, data: { call: 'Microsoft Graph get', remedy: "chain `.option('signal', AbortSignal.timeout(ms))` before sending the request" }, suggestions: 1 }],
    },
    {
      // made with a middleware-ready factory but only an auth provider: the default chain, no timeout
      code: `import { Client, type AuthenticationProvider } from '@microsoft/microsoft-graph-client';
export async function archive(auth: AuthenticationProvider, id: string) {
  const graph = Client.initWithMiddleware({ authProvider: auth, fetchOptions: { headers: { prefer: 'outlook.body-content-type="text"' } } });
  await graph.api(\`/me/messages/\${id}/move\`).post({ destinationId: 'archive' });
}`,
      errors: [{ messageId: 'missingTimeout', line: 4, data: { call: 'Microsoft Graph post', remedy: "chain `.option('signal', AbortSignal.timeout(ms))` before sending the request" }, suggestions: 1 }],
    },
  ],
});

// A mailbox rule writer retrying its Graph writes through a helper that, in another module, retries on throttling
// only: Graph takes no idempotency key, so the rule has no fix to offer here and does not judge Graph's writes.
ruleTester.run('no-retry-non-idempotent (Microsoft Graph writes)', noRetryNonIdempotent, {
  valid: [
    { filename: inWorkspace, code: `import { Client } from '@microsoft/microsoft-graph-client';
import { retryWhenThrottled } from './throttling';
export function addCategory(token: string, name: string) {
  const graph = Client.init({ authProvider: (done) => done(null, token) });
  return retryWhenThrottled(() => graph.api('/me/outlook/masterCategories').option('signal', AbortSignal.timeout(8_000)).post({ displayName: name }));
}` },
  ],
  invalid: [],
});

describe('the Microsoft Graph fix', () => {
  it('chains a signal into the request before it is sent, and compiles against the real client', { timeout: 60_000 }, () => {
    const source = calendar(init, events);
    const [finding] = lint(source, 'calendar.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding!.suggestions[0]!;
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    expect(fixed).toBe(calendar(init, `graph.api('/me/calendarView').query({ startDateTime: since }).select('subject').top(50).option('signal', AbortSignal.timeout(5_000)).get()`));
    expect(typeErrors([source, fixed])).toEqual([[], []]);
  });
});
