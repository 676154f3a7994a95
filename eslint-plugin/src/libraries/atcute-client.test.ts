import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// Reading and writing play records on an AT Protocol PDS: a Client made with `simpleFetchHandler` sends each call
// with the bare fetch, bounded only by the `signal` the call itself passes.
const plays = (handler: string, call: string, imports = '') => `import { Client, ok, simpleFetchHandler } from '@atcute/client';${imports}
const rpc = new Client({ handler: ${handler} });
export async function recentPlays(repo: \`did:plc:\${string}\`) {
  return ok(${call});
}
`;
const pds = "simpleFetchHandler({ service: 'https://pds.example.com' })";
const list = (extra: string) => `rpc.get('com.atproto.repo.listRecords', { params: { repo, collection: 'fm.teal.alpha.feed.play', limit: 25 }${extra} })`;

const serverInfo = (call: string, imports = '') => `import { Client, simpleFetchHandler } from '@atcute/client';${imports}
const handler = simpleFetchHandler({ service: process.env.PDS_URL! });
const rpc = new Client({ handler });
export const serverInfo = () => ${call};`;
const described = "({ signal }) => rpc.get('com.atproto.server.describeServer', { signal })";
const retried = "retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) })";
const save = (call: string, imports = '') => `import { Client, simpleFetchHandler } from '@atcute/client';${imports}
export async function savePlay(service: string, repo: \`did:plc:\${string}\`, record: Record<string, unknown>) {
  const rpc = new Client({ handler: simpleFetchHandler({ service }) });
  return ${call};
}`;
const input = "input: { repo, collection: 'fm.teal.alpha.feed.play', record }";

ruleTester.run('require-timeout (atcute client)', requireTimeout, {
  valid: [
    plays(pds, list(', signal: AbortSignal.timeout(8_000)')),
    // a fetch of its own may set a timeout
    plays("simpleFetchHandler({ service: 'https://pds.example.com', fetch: timedFetch })", list('')).replace('export async', 'declare const timedFetch: typeof fetch;\nexport async'),
    // a session's handler, or any other, may bound its calls
    plays('session', list('')).replace('export async', 'declare const session: { handle(path: string, init: RequestInit): Promise<Response> };\nexport async'),
    // an app-password session given a fetch of its own
    `import { Client } from '@atcute/client';
import { PasswordSession } from '@atcute/password-session';
declare const timedFetch: typeof fetch;
export async function whoAmI(saved: Parameters<typeof PasswordSession.resume>[0]) {
  const session = await PasswordSession.resume(saved, { fetch: timedFetch });
  return new Client({ handler: session }).get('com.atproto.server.getSession');
}`,
  ],
  invalid: [
    {
      code: plays(pds, list('')),
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        // the call's own signal first, then the runtime's timeout, alone or with a retry (a read), or a whole pipeline
        suggestions: [
          { messageId: 'fixNativeTimeout', output: plays(pds, list(', signal: AbortSignal.timeout(5_000)')) },
          { messageId: 'fixWrapInTimeout', output: plays(pds, `timeout(5_000).execute(({ signal }) => ${list(', signal')})`, "\nimport { timeout } from '@resilint/runtime';") },
          {
            messageId: 'fixWrapInRetryAndTimeout',
            output: plays(pds, `pipeline(\n    ${retried},\n    timeout(5_000),\n  ).execute(({ signal }) => ${list(', signal')})`, "\nimport { pipeline, retry, exponentialBackoff, timeout } from '@resilint/runtime';"),
          },
          {
            messageId: 'fixWrapInPipeline',
            output: plays(
              pds,
              `pipeline(\n    fallback(() => { throw new Error('TODO: choose the value to use when Client.get fails'); }),\n    rpcBreaker,\n    ${retried},\n    timeout(5_000),\n  ).execute(({ signal }) => ${list(', signal')})`,
              "\nimport { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';\nconst rpcBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });",
            ),
          },
        ],
      }],
    },
    {
      // a handler kept in a const, and a call with no options: the options are added
      code: serverInfo("rpc.get('com.atproto.server.describeServer')"),
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        suggestions: [
          { messageId: 'fixNativeTimeout', output: serverInfo("rpc.get('com.atproto.server.describeServer', { signal: AbortSignal.timeout(5_000) })") },
          { messageId: 'fixWrapInTimeout', output: serverInfo(`timeout(5_000).execute(${described})`, "\nimport { timeout } from '@resilint/runtime';") },
          {
            messageId: 'fixWrapInRetryAndTimeout',
            output: serverInfo(`pipeline(\n  ${retried},\n  timeout(5_000),\n).execute(${described})`, "\nimport { pipeline, retry, exponentialBackoff, timeout } from '@resilint/runtime';"),
          },
          {
            messageId: 'fixWrapInPipeline',
            output: serverInfo(
              `pipeline(\n  fallback(() => { throw new Error('TODO: choose the value to use when Client.get fails'); }),\n  rpcBreaker,\n  ${retried},\n  timeout(5_000),\n).execute(${described})`,
              "\nimport { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';\nconst rpcBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });",
            ),
          },
        ],
      }],
    },
    {
      // a write: its options take the signal beside the input, and it is not retried
      code: save(`rpc.post('com.atproto.repo.createRecord', { ${input} })`),
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        suggestions: [
          { messageId: 'fixNativeTimeout', output: save(`rpc.post('com.atproto.repo.createRecord', { ${input}, signal: AbortSignal.timeout(5_000) })`) },
          {
            messageId: 'fixWrapInTimeout',
            output: save(`timeout(5_000).execute(({ signal }) => rpc.post('com.atproto.repo.createRecord', { ${input}, signal }))`, "\nimport { timeout } from '@resilint/runtime';"),
          },
          {
            messageId: 'fixWrapInPipeline',
            output: save(
              `pipeline(\n    fallback(() => { throw new Error('TODO: choose the value to use when Client.post fails'); }),\n    rpcBreaker,\n    timeout(5_000),\n  ).execute(({ signal }) => rpc.post('com.atproto.repo.createRecord', { ${input}, signal }))`,
              "\nimport { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';\nconst rpcBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });",
            ),
          },
        ],
      }],
    },
    {
      // a scrobbler resuming its app-password session, then writing with the client it keeps: the session sends each
      // call with the bare fetch too
      code: `import { Client } from '@atcute/client';
import { PasswordSession } from '@atcute/password-session';
export class Plays {
  private rpc?: Client;
  async open(saved: Parameters<typeof PasswordSession.resume>[0]) {
    const session = await PasswordSession.resume(saved);
    this.rpc = new Client({ handler: session });
  }
  async save(repo: \`did:plc:\${string}\`, record: Record<string, unknown>) {
    return this.rpc!.post('com.atproto.repo.createRecord', { input: { repo, collection: 'fm.teal.alpha.feed.play', record } });
  }
}`,
      errors: [{ messageId: 'missingTimeout', line: 10, suggestions: 3 }],
    },
  ],
});
