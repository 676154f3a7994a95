import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-retry-non-idempotent.js';
import { retriedOnlyWhenRefused } from '../fixes/retry-when-refused.cases.js';

const ruleTester = new RuleTester();

/**
 * GraphQL sends reads and writes alike by POST. A query only reads, so sending it again after a failure changes
 * nothing; a mutation may be applied twice. The body says which, where it can be read: a document written in the
 * file (a string, a template, a `gql` template, through `const`s), as the body's `query`, or as an argument of its own.
 */
const retried = (request: string, before = '', keyLine = '') => `
import axios from 'axios';
declare function nap(ms: number): Promise<void>;
${before}
export async function load(login: string) {${keyLine}
  for (let round = 0; round < 4; round++) {
    try {
      return await ${request};
    } catch (failure) {
      if (round === 3) throw failure;
      await nap(250 * 2 ** round);
    }
  }
}`;

/** The finding on a request the retry re-sends, with its fix: a key made once before the retries, sent as a header. */
const HEADER = "headers: { 'Idempotency-Key': idempotencyKey }";
function reported(request: (headers?: string) => string, before = '') {
  const code = retried(request(), before);
  const key = { messageId: 'fixIdempotencyKey' as const, output: retried(request(HEADER), before, '\n  const idempotencyKey = crypto.randomUUID();') };
  // an axios POST: retrying only what the server refused comes first (most APIs ignore a key)
  const suggestions = code.includes('axios.post') ? [{ messageId: 'fixRetryOnlyRefused' as const, output: retriedOnlyWhenRefused(code, 'failure') }, key] : [key];
  return { code, errors: [{ messageId: 'retriedRequest' as const, suggestions }] };
}
const posted = (body: string) => (headers?: string) => `fetch(${ENDPOINT}, { method: 'POST', body: ${body}${headers ? `, ${headers}` : ''} })`;

const ENDPOINT = "'https://graph.example.com/graphql'";
const STARS_QUERY = 'const STARS = `\n  query Stars($login: String!) {\n    user(login: $login) { starredRepositories { totalCount } }\n  }\n`;';
const FOLLOW_MUTATION = 'const FOLLOW = `\n  mutation Follow($login: String!) {\n    followUser(input: { login: $login }) { clientMutationId }\n  }\n`;';

// A wrapper in another module that posts a query held in a const of its own module.
const dir = mkdtempSync(join(tmpdir(), 'resilint-graphql-'));
mkdirSync(join(dir, 'src'), { recursive: true });
writeFileSync(
  join(dir, 'src/profile.ts'),
  `${STARS_QUERY}
export async function countStars(login: string) {
  const res = await fetch(${ENDPOINT}, { method: 'POST', body: JSON.stringify({ query: STARS, variables: { login } }), signal: AbortSignal.timeout(20_000) });
  if (res.status >= 500) throw new Error('graph answered ' + res.status);
  return res.json();
}
`,
);
writeFileSync(
  join(dir, 'src/follow.ts'),
  `${FOLLOW_MUTATION}
export async function follow(login: string) {
  const res = await fetch(${ENDPOINT}, { method: 'POST', body: JSON.stringify({ query: FOLLOW, variables: { login } }), signal: AbortSignal.timeout(20_000) });
  if (res.status >= 500) throw new Error('graph answered ' + res.status);
  return res.json();
}
`,
);
const caller = join(dir, 'src/sync.ts');

ruleTester.run('no-retry-non-idempotent: GraphQL queries sent by POST', rule, {
  valid: [
    // the document in a const of the file, sent as the body's query through JSON.stringify
    retried(`fetch(${ENDPOINT}, { method: 'POST', body: JSON.stringify({ query: STARS, variables: { login } }) })`, STARS_QUERY),
    // a bare selection set written in the call, and a payload const holding it
    retried(`fetch(${ENDPOINT}, { method: 'POST', body: JSON.stringify(payload) })`, "const payload = { query: '{ viewer { login } }' };"),
    // axios's data with a gql template
    retried(`axios.post(${ENDPOINT}, { query: gql\`query Viewer { viewer { login } }\`, variables: { login } })`, "declare const gql: (parts: TemplateStringsArray) => string;"),
    // the whole body written as JSON text, tight or spaced
    retried(`fetch(${ENDPOINT}, { method: 'POST', body: '{"query":"{ rateLimit { remaining } }"}' })`),
    retried(`fetch(${ENDPOINT}, { method: 'POST', body: '{ "query": "query Limits { rateLimit { remaining } }" }' })`),
    // fragments first, then the query that uses them
    retried(
      `fetch(${ENDPOINT}, { method: 'POST', body: JSON.stringify({ query: DOC }) })`,
      'const DOC = `\n  fragment Owner on User { login }\n  query Owner { viewer { ...Owner } }\n`;',
    ),
    // a wrapper of another module posting a query of its own module
    {
      filename: caller,
      code: `import { countStars } from './profile';
declare function nap(ms: number): Promise<void>;
export async function refresh(login: string) {
  for (let round = 0; round <= 3; round++) {
    try {
      return await countStars(login);
    } catch (failure) {
      if (round === 3) throw failure;
      await nap(1000 * 2 ** round);
    }
  }
}`,
    },
  ],
  invalid: [
    // control: a mutation is a write, retried it may follow twice
    reported(posted('JSON.stringify({ query: FOLLOW, variables: { login } })'), FOLLOW_MUTATION),
    // a document holding a query and a mutation: the mutation decides
    reported((headers) => `axios.post(${ENDPOINT}, { query: 'query A { viewer { id } } mutation B { like(id: 1) { ok } }' }${headers ? `, { ${headers} }` : ''})`),
    // a document not readable here (a parameter): it may be a mutation, so the POST stays a write
    reported(posted('JSON.stringify({ query: login })')),
    // a form body whose first field is named query is no GraphQL document
    reported((headers) => `axios.post('https://search.example.com/names', \`query=\${login}&exact=true\`${headers ? `, { ${headers} }` : ''})`),
    // a POST with no GraphQL document at all
    reported((headers) => `fetch('https://shop.example.com/orders', { method: 'POST', body: JSON.stringify({ sku: login })${headers ? `, ${headers}` : ''} })`),
    // control across modules: the wrapper of the other module posts a mutation (no fix offered: the key belongs in
    // the wrapper's request, which takes no headers from its caller)
    {
      filename: caller,
      code: `import { follow } from './follow';
declare function nap(ms: number): Promise<void>;
export async function befriend(login: string) {
  for (let round = 0; round <= 3; round++) {
    try {
      return await follow(login);
    } catch (failure) {
      if (round === 3) throw failure;
      await nap(1000 * 2 ** round);
    }
  }
}`,
      errors: [{ messageId: 'retriedRequest' }],
    },
  ],
});
