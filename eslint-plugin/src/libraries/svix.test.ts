import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';

// An order service announcing paid orders through Svix webhooks. svix before 1.57 sends with fetch and no timeout,
// and neither its client nor a call takes one: each call can only be stopped waiting for. From 1.57 the client takes
// `requestTimeout`, which bounds every call it makes, so it is judged where it is made.
const announce = (made: string) => `import { Svix } from 'svix';
const webhooks = ${made};
export async function orderPaid(appId: string, orderId: string) {
  const sent = await webhooks.message.create(appId, { eventType: 'order.paid', payload: { orderId } });
  return sent.id;
}
`;
const plain = "new Svix(process.env.SVIX_TOKEN ?? '', { serverUrl: 'https://svix.internal' })";

function projectFile(version: string): string {
  const project = mkdtempSync(join(tmpdir(), 'resilint-svix-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ dependencies: { svix: version } }));
  return join(project, 'orders.ts');
}

const timeoutFindings = (code: string, filename: string) => lint(code, filename).findings.filter((found) => found.ruleId === 'resilint/require-timeout');

describe('require-timeout (svix before 1.57)', () => {
  it('reports each call and stops waiting for it (in place: the project has no runtime)', () => {
    const filename = projectFile('^0.84.1');
    const code = announce(plain);
    const [finding, ...others] = timeoutFindings(code, filename);
    expect(others).toEqual([]);
    expect(finding?.message).toBe(
      "Svix.message.create has no timeout and no abort signal: if the other side stops answering, this waits forever. To bound it, stop waiting for it with the runtime's `timeout(ms)`: svix before 1.57 sends with fetch and no timeout, and neither its client nor its calls take one or a signal (from 1.57 on, set `requestTimeout` where the client is created).",
    );
    expect(finding?.suggestions.map((suggestion) => suggestion.title)).toEqual([
      'Stop waiting for Svix.message.create after `5_000` ms with a race against a timer, written in this file (it needs no package): it takes no signal, so the request goes on and may still complete.',
      "Stop waiting for Svix.message.create after 5 s with the runtime's `timeout(5_000)`: it takes no signal, so the request goes on and may still complete.",
    ]);
    const fixed = applyFix(code, finding!.suggestions[0]!);
    expect(fixed).toContain("await stopWaitingAfter(5_000, webhooks.message.create(appId, { eventType: 'order.paid', payload: { orderId } }))");
    expect(timeoutFindings(fixed, filename)).toEqual([]);
    const withRuntime = applyFix(code, finding!.suggestions[1]!);
    expect(withRuntime).toContain("await timeout(5_000).execute(() => webhooks.message.create(appId, { eventType: 'order.paid', payload: { orderId } }))");
  });

  it('reads a client handed in by type the same way, and nothing its creation is given bounds it', () => {
    const filename = projectFile('0.84.1');
    const typed = `import type { Svix } from 'svix';
export const apps = (svix: Svix) => svix.application.list({ limit: 10 });
`;
    expect(timeoutFindings(typed, filename)).toHaveLength(1);
    // `requestTimeout` is not read before 1.57
    expect(timeoutFindings(announce("new Svix('token', { requestTimeout: 5_000 } as never)"), filename)).toHaveLength(1);
  });
});

describe('require-timeout (svix from 1.57)', () => {
  it('reports the creation once, not its calls, and sets requestTimeout there', () => {
    const filename = projectFile('^1.57.0');
    const code = announce(plain);
    const [finding, ...others] = timeoutFindings(code, filename);
    expect(others).toEqual([]);
    expect(finding?.message).toBe(
      "`new Svix(...)` creates a client with no timeout: each of its calls waits forever if the other side stops answering. To bound them, set `requestTimeout` (milliseconds, for each request) where the Svix client is created: svix sets none.",
    );
    expect(finding?.suggestions.map((suggestion) => suggestion.title)).toEqual(['Set `requestTimeout: 10_000` where the client is created, bounding every call it makes.']);
    const fixed = applyFix(code, finding!.suggestions[0]!);
    expect(fixed).toContain("new Svix(process.env.SVIX_TOKEN ?? '', { serverUrl: 'https://svix.internal', requestTimeout: 10_000 })");
    expect(timeoutFindings(fixed, filename)).toEqual([]);
  });

  it('adds the options when the client is made with a token only, and leaves bounded or unknown clients alone', () => {
    const filename = projectFile('1.86.0');
    const bare = announce("new Svix('token')");
    const [finding] = timeoutFindings(bare, filename);
    expect(applyFix(bare, finding!.suggestions[0]!)).toContain("new Svix('token', { requestTimeout: 10_000 })");
    expect(timeoutFindings(announce("new Svix('token', { requestTimeout: 8_000 })"), filename)).toEqual([]);
    // a fetch of its own may bound each request
    expect(timeoutFindings(announce("new Svix('token', { fetch: boundedFetch })").replace('export async', 'declare const boundedFetch: typeof fetch;\nexport async'), filename)).toEqual([]);
    // a client made elsewhere is judged there
    expect(timeoutFindings("import type { Svix } from 'svix';\nexport const apps = (svix: Svix) => svix.application.list({ limit: 10 });\n", filename)).toEqual([]);
  });
});
