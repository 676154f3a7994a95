import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from './fix-correctness.js';
import { loadModule, outcomeWithin, silentServer, type SilentServer } from './silent-server.js';

/**
 * Every timeout fix of every HTTP client, run: each module below calls a client with no bound, as an application
 * would, and exports `call(url)`. Every suggestion require-timeout offers on it is applied, compiled against the
 * library's real types, and run against a local server that never answers, with the fix's bound shortened: the
 * fixed call must settle, the unfixed one (run beside it) must still be waiting, and the server must see the
 * connection closed (each of these clients cancels its request; Resend before 6.34, which cannot, is in
 * fixes-by-version.test.ts).
 */

interface ClientCase {
  readonly client: string;
  readonly code: string;
}

const cases: readonly ClientCase[] = [
  {
    client: 'fetch',
    code: `export async function call(url: string) {
  const response = await fetch(url + '/prices');
  return response.json();
}
`,
  },
  {
    client: 'axios',
    code: `import axios from 'axios';
export async function call(url: string) {
  const { data } = await axios.get(url + '/prices');
  return data;
}
`,
  },
  {
    client: 'an axios instance',
    code: `import axios from 'axios';
export async function call(url: string) {
  const api = axios.create({ baseURL: url, headers: { accept: 'application/json' } });
  return (await api.get('/prices')).data;
}
`,
  },
  {
    client: 'axios(config)',
    code: `import axios from 'axios';
export async function call(url: string) {
  return (await axios<{ total: number }>({ url: url + '/prices', method: 'get' })).data.total;
}
`,
  },
  {
    client: 'axios.request(config)',
    code: `import axios from 'axios';
export async function call(url: string) {
  return (await axios.request({ url: url + '/prices' })).data;
}
`,
  },
  {
    client: 'got',
    code: `import got from 'got';
export async function call(url: string) {
  return got(url + '/prices').json();
}
`,
  },
  {
    client: 'ky with its timeout turned off',
    code: `import ky from 'ky';
export async function call(url: string) {
  return ky.get(url + '/prices', { timeout: false }).json();
}
`,
  },
  {
    client: "undici's request",
    code: `import { request } from 'undici';
export async function call(url: string) {
  const { body } = await request(url + '/prices');
  return body.json();
}
`,
  },
  {
    client: "undici's fetch",
    code: `import { fetch } from 'undici';
export async function call(url: string) {
  return (await fetch(url + '/prices')).json();
}
`,
  },
  {
    client: 'node-fetch',
    code: `import fetch from 'node-fetch';
export async function call(url: string) {
  return (await fetch(url + '/prices')).json();
}
`,
  },
  {
    client: 'superagent',
    code: `import superagent from 'superagent';
export async function call(url: string) {
  return (await superagent.get(url + '/prices')).body;
}
`,
  },
  {
    client: 'the AWS SDK (S3)',
    code: `import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
export async function call(url: string) {
  const s3 = new S3Client({ region: 'us-east-1', endpoint: url, forcePathStyle: true, credentials: { accessKeyId: 'key', secretAccessKey: 'secret' } });
  const object = await s3.send(new GetObjectCommand({ Bucket: 'invoices', Key: 'latest.pdf' }));
  return object.ContentLength;
}
`,
  },
  {
    client: "Slack's WebClient",
    code: `import { WebClient } from '@slack/web-api';
export async function call(url: string) {
  const slack = new WebClient('xoxb-token', { slackApiUrl: url + '/api/' });
  return (await slack.chat.postMessage({ channel: 'C1', text: 'deployed' })).ts;
}
`,
  },
  {
    // a WebSocket whose server accepts the connection and never answers its upgrade: the opening is what is bounded
    client: 'a ws WebSocket opening',
    code: `import WebSocket from 'ws';
export function call(url: string) {
  const socket = new WebSocket(url.replace('http:', 'ws:') + '/feed');
  return new Promise<string>((resolve, reject) => {
    socket.once('open', () => resolve(socket.protocol));
    socket.once('error', reject);
  });
}
`,
  },
];

const FILENAME = 'src/prices.ts';
/** The fixes' bounds (5 s for a call, 10 s for a client), shortened to one so a run takes seconds, not minutes. */
const FIX_BOUNDS = /\b(?:5_000|10_000)\b/g;
const SHORT_BOUND_MS = 1_000;
/** How long a fixed call may take, its client's own retries of a timed-out attempt included. */
const SETTLES_WITHIN_MS = 15_000;
/** How long the server may wait to see a cancelled request's connection closed (undici keeps it up to 4 s). */
const CLOSES_WITHIN_MS = 6_000;

interface Fixed {
  readonly title: string;
  readonly output: string;
}

function fixesOf(code: string): Fixed[] {
  const findings = lint(code, FILENAME).findings.filter((finding) => finding.ruleId === 'resilint/require-timeout');
  return findings.flatMap((finding) => finding.suggestions.map((suggestion) => ({ title: suggestion.title, output: applyFix(code, suggestion) })));
}

const servers: SilentServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('timeout fixes of each HTTP client, against a server that never answers', () => {
  it.each(cases)('$client: every fix compiles against the real library', { timeout: 120_000 }, ({ code }) => {
    const fixes = fixesOf(code);
    expect(fixes.length).toBeGreaterThan(0);
    const [original, ...fixed] = typeErrors([code, ...fixes.map(({ output }) => output)]);
    expect(original).toEqual([]);
    expect(Object.fromEntries(fixes.map(({ title }, index) => [title, fixed[index]]))).toEqual(Object.fromEntries(fixes.map(({ title }) => [title, []])));
  });

  it.each(cases)('$client: every fix settles the call while the unfixed one waits', { timeout: 180_000 }, async ({ code }) => {
    const fixes = fixesOf(code);
    expect(fixes.length).toBeGreaterThan(0);
    const unfixedServer = await silentServer();
    servers.push(unfixedServer);
    const unfixed = (loadModule<{ call: (url: string) => Promise<unknown> }>(code)).call(unfixedServer.url);
    unfixed.catch(() => undefined);
    // each fix on a server of its own, all at once: a cancelled fetch's connection may take its keep-alive time to close
    const results = Object.fromEntries(await Promise.all(fixes.map(async ({ title, output }) => {
      const server = await silentServer();
      servers.push(server);
      const fixed = loadModule<{ call: (url: string) => Promise<unknown> }>(output.replace(FIX_BOUNDS, String(SHORT_BOUND_MS)));
      const outcome = await outcomeWithin(fixed.call(server.url), SETTLES_WITHIN_MS);
      const closed = await server.allClosedWithin(CLOSES_WITHIN_MS);
      return [title, `${outcome === 'waiting' ? 'waiting' : 'settled'}, ${server.received() > 0 ? 'asked' : 'never asked'}${closed ? '' : ', connection left open'}`];
    })));
    expect(results).toEqual(Object.fromEntries(fixes.map(({ title }) => [title, 'settled, asked'])));
    // the same call unfixed is still waiting after all of that
    expect(await outcomeWithin(unfixed, 0)).toBe('waiting');
    expect(unfixedServer.received()).toBeGreaterThan(0);
  });
});

describe('a fallback placeholder left as the fix wrote it', () => {
  it('fails loudly when the call fails, saying what to fill in, and still compiles', { timeout: 120_000 }, async () => {
    const code = cases.find(({ client }) => client === 'fetch')!.code;
    const withFallback = fixesOf(code).filter(({ title }) => title.includes('fallback'));
    expect(withFallback.length).toBeGreaterThan(0);
    expect(typeErrors(withFallback.map(({ output }) => output))).toEqual(withFallback.map(() => []));
    const server = await silentServer();
    servers.push(server);
    for (const { output } of withFallback) {
      const fixed = loadModule<{ call: (url: string) => Promise<unknown> }>(output.replace(FIX_BOUNDS, String(SHORT_BOUND_MS)));
      // the call times out; the fallback's placeholder must not hand `undefined` on as if it were the prices
      await expect(fixed.call(server.url)).rejects.toThrow('TODO: choose the value to use when fetch fails');
    }
  });
});
