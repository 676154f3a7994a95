import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';

// A CLI on got 11 (met on balena-cli, the thirty-third round): it uploads a build context and streams a build's
// output with `got.stream`, and downloads images. `timeout.request` bounds the whole exchange, so a five-second total
// would end every real upload or download; a stream is bounded by its silences (`timeout.socket`). got takes `signal`
// only from 12.2: against got 11 no fix hands it one.
const commands = `import got from 'got';
import { createReadStream } from 'node:fs';
export function upload(url: string, archive: string) {
  return got.stream.post(url, { body: createReadStream(archive) });
}
export async function status(url: string) {
  return got(url).json();
}
`;

function projectFile(range: string): string {
  const project = mkdtempSync(join(tmpdir(), 'resilint-got-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ dependencies: { got: range } }));
  return join(project, 'deploy.ts');
}

const timeoutFindings = (code: string, filename: string) => lint(code, filename).findings.filter((found) => found.ruleId === 'resilint/require-timeout');

describe('require-timeout (got streams, got before 12.2)', () => {
  const filename = projectFile('^11.8.6');
  const [stream, request, ...others] = timeoutFindings(commands, filename);

  it('bounds a stream by its silences, not by a total', () => {
    expect(others).toEqual([]);
    expect(stream?.offset).toBe(commands.indexOf('got.stream.post'));
    expect(stream?.suggestions.map((suggestion) => suggestion.title)).toEqual(['Pass `timeout: { socket: 30_000 }` to got.stream.post so the client itself gives up (after the time the option says).']);
    expect(applyFix(commands, stream!.suggestions[0]!)).toContain('got.stream.post(url, { body: createReadStream(archive), timeout: { socket: 30_000 } })');
  });

  it('hands got 11 no signal, which it does not read', () => {
    expect(request?.message).toContain('from got 12.2, pass `signal`');
    for (const suggestion of request?.suggestions ?? []) expect(applyFix(commands, suggestion)).not.toMatch(/signal/);
    expect(applyFix(commands, request!.suggestions[0]!)).toContain('got(url, { timeout: { request: 5_000 } }).json()');
  });
});
