import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from './fix-correctness.js';
import { loadModule, outcomeWithin, silentServer, type SilentServer } from './silent-server.js';

/**
 * A fix must compile against the version of the library the project runs. Resend's calls take a `signal` in their
 * request options from 6.34 on; a monorepo whose packages ask for `"resend": "catalog:"` and whose bun.lock pins 6.9.4
 * (the sixteenth round's midday) was offered that `signal`, which 6.9.4's types reject. Checked against both versions'
 * real types (6.9.4 installed as `resend-6-9`) and run against a server that never answers.
 */

const send = `import { Resend } from 'resend';
const resend = new Resend('re_test_key');
export async function call(url: string) {
  const { data, error } = await resend.emails.send({ from: 'shop@example.test', to: 'buyer@example.test', subject: 'Receipt', html: url });
  if (error) throw new Error(error.message);
  return data?.id;
}
`;

/** A checked-out monorepo (not installed) whose API package takes resend from the catalog, pinned by bun.lock. */
function monorepoLocking(version: string): string {
  const root = mkdtempSync(join(tmpdir(), 'resilint-resend-'));
  mkdirSync(join(root, 'apps', 'api', 'src'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'books', private: true, workspaces: ['apps/*'], catalog: { resend: '^6.9.4' } }));
  writeFileSync(join(root, 'bun.lock'), `{\n  "lockfileVersion": 1,\n  "packages": {\n    "resend": ["resend@${version}", "", {}, "sha512-x"],\n  }\n}\n`);
  writeFileSync(join(root, 'apps', 'api', 'package.json'), JSON.stringify({ name: 'api', dependencies: { resend: 'catalog:', hono: '^4' } }));
  return join(root, 'apps', 'api', 'src', 'receipts.ts');
}

function fixesIn(file: string): { title: string; output: string }[] {
  const [finding, ...others] = lint(send, file).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
  expect(others).toEqual([]);
  return finding!.suggestions.map((suggestion) => ({ title: suggestion.title, output: applyFix(send, suggestion) }));
}

const olderResend = (code: string) => code.replace("from 'resend'", "from 'resend-6-9'");

const servers: SilentServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  delete process.env.RESEND_BASE_URL;
});

describe("Resend's timeout fix, by the version the project locks", () => {
  it('offers the signal on 6.34 and later, and only stopping the wait before, each compiling against its version', { timeout: 120_000 }, () => {
    const newer = fixesIn(monorepoLocking('6.38.0'));
    const older = fixesIn(monorepoLocking('6.9.4'));
    expect(newer.map(({ title }) => title)).toContain('Pass `signal: AbortSignal.timeout(5_000)` to resend.emails.send so the client itself gives up (after the time the option says).');
    // the project has no @resilint/runtime: the helper written in place comes before the runtime's timeout
    expect(older.map(({ title }) => title)).toEqual([
      'Stop waiting for resend.emails.send after `5_000` ms with a race against a timer, written in this file (it needs no package): it takes no signal, so the request goes on and may still complete.',
      "Stop waiting for resend.emails.send after 5 s with the runtime's `timeout(5_000)`: it takes no signal, so the request goes on and may still complete.",
    ]);
    const signal = newer.find(({ output }) => output.includes('signal: AbortSignal.timeout'))!.output;
    const [original, newerFixes, olderFix, signalOnOlder] = [
      [send, olderResend(send)],
      newer.map(({ output }) => output),
      older.map(({ output }) => olderResend(output)),
      [olderResend(signal)],
    ].map((sources) => typeErrors(sources));
    expect(original).toEqual([[], []]);
    expect(newerFixes).toEqual(newer.map(() => []));
    expect(olderFix).toEqual([[], []]);
    // what was offered before: 6.9.4's request options have no signal
    expect(signalOnOlder[0]!.join('\n')).toMatch(/TS2353: .*'signal' does not exist/);
  });

  it('stops waiting on 6.9.4, and cancels the request on 6.38, against a server that never answers', { timeout: 60_000 }, async () => {
    const server = await silentServer();
    servers.push(server);
    // Resend 6.9 reads its base URL once, when it is loaded
    process.env.RESEND_BASE_URL = server.url;
    const [stopWaiting] = fixesIn(monorepoLocking('6.9.4'));
    const older = loadModule<{ call: (url: string) => Promise<unknown> }>(olderResend(stopWaiting!.output.replace('5_000', '1_000')));
    expect(await outcomeWithin(older.call('receipt'), 10_000)).toBe('rejected');
    expect(server.received()).toBe(1);

    const cancelling = await silentServer();
    servers.push(cancelling);
    process.env.RESEND_BASE_URL = cancelling.url;
    const signal = fixesIn(monorepoLocking('6.38.0')).find(({ output }) => output.includes('signal: AbortSignal.timeout'))!.output;
    const newer = loadModule<{ call: (url: string) => Promise<unknown> }>(signal.replace('5_000', '1_000'));
    // Resend answers a failed fetch with { error } rather than rejecting; the module turns it into a rejection
    expect(await outcomeWithin(newer.call('receipt'), 10_000)).toBe('rejected');
    expect(cancelling.received()).toBe(1);
    expect(await cancelling.allClosedWithin(6_000)).toBe(true);
  });
});
