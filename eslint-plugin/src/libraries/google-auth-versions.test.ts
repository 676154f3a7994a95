import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';

// Sign-in with Google through googleapis 59 (met on heyform, the thirty-fourth round), which brings google-auth-library
// 6: `transporterOptions` came in 9.2, so before it no option of the client bounds its token exchange, and the
// option the fix would write is ignored. The only bound left is to stop waiting.
const signIn = `import { google } from 'googleapis';
export async function exchange(code: string) {
  const client = new google.auth.OAuth2(process.env.GOOGLE_ID, process.env.GOOGLE_SECRET, process.env.GOOGLE_REDIRECT);
  const { tokens } = await client.getToken(code);
  return tokens;
}
`;

function projectFile(version: string): string {
  const project = mkdtempSync(join(tmpdir(), 'resilint-google-auth-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ dependencies: { googleapis: '59.0.0', 'google-auth-library': version } }));
  return join(project, 'google.ts');
}

const timeoutFindings = (code: string, filename: string) => lint(code, filename).findings.filter((found) => found.ruleId === 'resilint/require-timeout');

describe('require-timeout (google-auth-library before 9.2)', () => {
  it('says the client takes no timeout, and stops waiting (in place: the project has no runtime)', () => {
    const filename = projectFile('6.0.6');
    const [finding, ...others] = timeoutFindings(signIn, filename);
    expect(others).toEqual([]);
    expect(finding?.message).toContain('before 9.2 takes no timeout for its token calls');
    expect(finding?.suggestions.map((suggestion) => suggestion.title)).toEqual([
      'Stop waiting for OAuth2Client.getToken after `5_000` ms with a race against a timer, written in this file (it needs no package): it takes no signal, so the request goes on and may still complete.',
      "Stop waiting for OAuth2Client.getToken after 5 s with the runtime's `timeout(5_000)`: it takes no signal, so the request goes on and may still complete.",
    ]);
    const fixed = applyFix(signIn, finding!.suggestions[0]!);
    expect(fixed).toContain('await stopWaitingAfter(5_000, client.getToken(code))');
    expect(timeoutFindings(fixed, filename)).toEqual([]);
    const withRuntime = applyFix(signIn, finding!.suggestions[1]!);
    expect(withRuntime).toContain('await timeout(5_000).execute(() => client.getToken(code))');
    expect(timeoutFindings(withRuntime, filename)).toEqual([]);
  });

  it('sets transporterOptions from 9.2 on', () => {
    const filename = projectFile('^9.2.0');
    const [finding] = timeoutFindings(signIn, filename);
    const fixed = applyFix(signIn, finding!.suggestions[0]!);
    expect(fixed).toContain('transporterOptions: { timeout: 10_000 }');
    expect(timeoutFindings(fixed, filename)).toEqual([]);
  });
});
