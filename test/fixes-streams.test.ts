import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from './fix-correctness.js';
import { loadModule, outcomeWithin, silentServer, steadyStreamServer, uploadSink, type SilentServer } from './silent-server.js';

/**
 * Long transfers: a fetch whose response is an event stream or a body read as a stream. A total deadline would end
 * such a transfer while it is healthy, so the fixes bound the wait for the response headers only. Each fix is applied,
 * compiled against the real types, and run twice, with its bound shortened to 1 s: against a server that never
 * answers (it must settle, the connection closed) and against one that streams for 3 s without pausing for 1 s (it
 * must read the whole stream).
 */

interface StreamCase {
  readonly shape: string;
  readonly code: string;
}

const cases: readonly StreamCase[] = [
  {
    shape: 'an event stream read with getReader()',
    code: `export async function call(url: string): Promise<number> {
  const response = await fetch(url + '/jobs/42/logs', { headers: { accept: 'text/event-stream' } });
  if (!response.body) return 0;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text.split('data: ').length - 1;
}
`,
  },
  {
    shape: "a download iterated chunk by chunk, the caller's signal kept",
    code: `export async function call(url: string, signal?: AbortSignal): Promise<number> {
  const response = await fetch(url + '/exports/orders.csv', { signal });
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body ?? []) text += decoder.decode(chunk, { stream: true });
  return text.split('data: ').length - 1;
}
`,
  },
  {
    // met on appcenter-cli (the thirty-fourth round): a release package piped to a file in the callback of `.then`
    shape: 'a download read in the callback of .then',
    code: `export function call(url: string, signal?: AbortSignal): Promise<number> {
  return fetch(url + '/exports/orders.csv', { signal }).then(async (response) => {
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) text += decoder.decode(chunk, { stream: true });
    return text.split('data: ').length - 1;
  });
}
`,
  },
];

const FILENAME = 'src/transfers.ts';
/** The fixes' bounds, shortened to one second so a run takes seconds. */
const FIX_BOUNDS = /\b(?:5_000|10_000)\b/g;
const SHORT_BOUND_MS = 1_000;
/** The steady server: 10 events 300 ms apart, 3 s in all, three times the shortened bound. */
const EVENTS = 10;
const EVERY_MS = 300;

function fixesOf(code: string): { title: string; output: string }[] {
  const findings = lint(code, FILENAME).findings.filter((finding) => finding.ruleId === 'resilint/require-timeout');
  return findings.flatMap((finding) => finding.suggestions.map((suggestion) => ({ title: suggestion.title, output: applyFix(code, suggestion) })));
}

type Call = (url: string) => Promise<number>;

const servers: SilentServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('timeout fixes of a streamed fetch', () => {
  it.each(cases)('$shape: only the wait for the headers is bounded, and every fix compiles', { timeout: 120_000 }, ({ code }) => {
    const fixes = fixesOf(code);
    expect(fixes.map(({ title }) => title)).toEqual([
      'Abort fetch if its response headers take more than 10 s (a timer cleared when they arrive): the body it streams is not bounded, so a long transfer still runs to its end.',
      "Bound only the wait for the response headers of fetch with the runtime's `timeout(5_000)` (it stops counting when they arrive), passing its abort signal in: the body it streams runs to its end.",
    ]);
    const [original, ...fixed] = typeErrors([code, ...fixes.map(({ output }) => output)]);
    expect(original).toEqual([]);
    expect(fixed).toEqual(fixes.map(() => []));
    // applied, the finding is gone
    for (const { output } of fixes) expect(lint(output, FILENAME).findings.filter((finding) => finding.ruleId === 'resilint/require-timeout')).toEqual([]);
  });

  it.each(cases)('$shape: a server that never answers: every fix settles and closes the request', { timeout: 120_000 }, async ({ code }) => {
    const fixes = fixesOf(code);
    const results = Object.fromEntries(await Promise.all(fixes.map(async ({ title, output }) => {
      const server = await silentServer();
      servers.push(server);
      const fixed = loadModule<{ call: Call }>(output.replace(FIX_BOUNDS, String(SHORT_BOUND_MS)));
      const outcome = await outcomeWithin(fixed.call(server.url), 10_000);
      const closed = await server.allClosedWithin(6_000);
      return [title, `${outcome === 'waiting' ? 'waiting' : 'settled'}${closed ? '' : ', connection left open'}`];
    })));
    expect(results).toEqual(Object.fromEntries(fixes.map(({ title }) => [title, 'settled'])));
  });

  it.each(cases)('$shape: a stream longer than the bound that never pauses for it is read to its end', { timeout: 120_000 }, async ({ code }) => {
    const fixes = fixesOf(code);
    const server = await steadyStreamServer(EVENTS, EVERY_MS);
    try {
      const read = Object.fromEntries(await Promise.all(fixes.map(async ({ title, output }) => {
        const fixed = loadModule<{ call: Call }>(output.replace(FIX_BOUNDS, String(SHORT_BOUND_MS)));
        return [title, await fixed.call(server.url).catch((error: unknown) => String(error))];
      })));
      expect(read).toEqual(Object.fromEntries(fixes.map(({ title }) => [title, EVENTS])));
      // the total deadline these calls were offered before ends the same stream after a second
      const totalDeadline = loadModule<{ call: Call }>(code.replace("fetch(url + '/jobs/42/logs', {", `fetch(url + '/jobs/42/logs', { signal: AbortSignal.timeout(${SHORT_BOUND_MS}),`)
        .replace('{ signal }', `{ signal: AbortSignal.timeout(${SHORT_BOUND_MS}) }`));
      await expect(totalDeadline.call(server.url)).rejects.toThrow(/timeout|aborted/i);
    } finally {
      await server.close();
    }
  });
});

/**
 * An upload over node:http whose body is piped into the request, 10 chunks 300 ms apart (3 s). Its fix bounds the
 * silences (the socket's `timeout`, the request destroyed on the event), shortened here to 1 s: against a server that
 * never answers it fails 1 s after the last chunk; against one that reads the body, the whole upload goes through.
 */
const UPLOAD = `import http from 'node:http';
import { Readable } from 'node:stream';

async function* artifactChunks() {
  for (let index = 0; index < 10; index++) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    yield 'x'.repeat(1024);
  }
}

export function call(url: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: '/artifacts/app.dmg', method: 'PUT' }, (response) => {
      let answer = '';
      response.on('data', (chunk) => (answer += chunk));
      response.on('end', () => resolve(Number(answer)));
    });
    request.on('error', reject);
    Readable.from(artifactChunks()).pipe(request);
  });
}
`;

describe('the timeout fix of a streamed node:http upload', () => {
  it('bounds the silences, not the length: one fix, compiled against the real types', { timeout: 120_000 }, () => {
    const fixes = fixesOf(UPLOAD);
    expect(fixes.map(({ title }) => title)).toEqual([
      "Set `timeout: 30_000` on http.request and destroy it on its 'timeout' event: it fails after 30 s with nothing sent or received, so a long upload that keeps moving runs to its end.",
    ]);
    expect(typeErrors([UPLOAD, fixes[0]!.output])).toEqual([[], []]);
    expect(lint(fixes[0]!.output, FILENAME).findings.filter((finding) => finding.ruleId === 'resilint/require-timeout')).toEqual([]);
  });

  it('fails against a server that never answers, and sends a 3 s upload whole to one that reads it', { timeout: 120_000 }, async () => {
    const [{ output }] = fixesOf(UPLOAD);
    const fixed = loadModule<{ call: Call }>(output!.replace(/\b30_000\b/g, String(SHORT_BOUND_MS)));
    const silent = await silentServer();
    servers.push(silent);
    expect(await outcomeWithin(fixed.call(silent.url), 10_000)).toBe('rejected');
    expect(await silent.allClosedWithin(1_000)).toBe(true);
    const sink = await uploadSink();
    try {
      expect(await fixed.call(sink.url)).toBe(10 * 1024);
      // the total deadline offered before ends the same upload after a second
      const totalDeadline = loadModule<{ call: Call }>(UPLOAD.replace("method: 'PUT' }", `method: 'PUT', signal: AbortSignal.timeout(${SHORT_BOUND_MS}) }`));
      await expect(totalDeadline.call(sink.url)).rejects.toThrow(/abort/i);
    } finally {
      await sink.close();
    }
  });
});

/**
 * The same upload through fetch: a body streamed with `duplex: 'half'`. Its fix aborts after a silence (no chunk taken
 * for the bound, then no response headers for it), shortened here to 1 s.
 */
const FETCH_UPLOAD = `import { Readable } from 'node:stream';

async function* artifactChunks() {
  for (let index = 0; index < 10; index++) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    yield Buffer.alloc(1024, 'x');
  }
}

export async function call(url: string): Promise<number> {
  const response = await fetch(url + '/artifacts/app.dmg', { method: 'PUT', body: Readable.from(artifactChunks()), duplex: 'half' });
  return Number(await response.text());
}
`;

describe('the timeout fix of a fetch that uploads a streamed body', () => {
  it('bounds the silences, not the length: one fix, compiled against the real types', { timeout: 120_000 }, () => {
    const fixes = fixesOf(FETCH_UPLOAD);
    expect(fixes.map(({ title }) => title)).toEqual([
      'Abort fetch after 30 s with nothing sent or received (a timer started again at each chunk of the body it uploads, cleared when the response headers arrive): a long upload that keeps moving runs to its end.',
    ]);
    expect(typeErrors([FETCH_UPLOAD, fixes[0]!.output])).toEqual([[], []]);
    expect(lint(fixes[0]!.output, FILENAME).findings.filter((finding) => finding.ruleId === 'resilint/require-timeout')).toEqual([]);
  });

  it('fails against a server that never answers, and sends a 3 s upload whole to one that reads it', { timeout: 120_000 }, async () => {
    const [{ output }] = fixesOf(FETCH_UPLOAD);
    const fixed = loadModule<{ call: Call }>(output!.replace(/\b30_000\b/g, String(SHORT_BOUND_MS)));
    const silent = await silentServer();
    servers.push(silent);
    expect(await outcomeWithin(fixed.call(silent.url), 10_000)).toBe('rejected');
    expect(await silent.allClosedWithin(6_000)).toBe(true);
    const sink = await uploadSink();
    try {
      expect(await fixed.call(sink.url)).toBe(10 * 1024);
      // the total deadline offered before ends the same upload after a second
      const totalDeadline = loadModule<{ call: Call }>(FETCH_UPLOAD.replace("duplex: 'half' }", `duplex: 'half', signal: AbortSignal.timeout(${SHORT_BOUND_MS}) }`));
      await expect(totalDeadline.call(sink.url)).rejects.toThrow(/abort|timeout/i);
    } finally {
      await sink.close();
    }
  });
});
