import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

/**
 * Octokit sent through node-fetch until @octokit/rest 20 (@octokit/core 5, octokit 3), and node-fetch honours
 * `request.timeout`; the fetch-based versions ignore it. The message and the fix follow the version the file's
 * package declares: `request: { timeout }` for the older ones, a `request.fetch` with a timeout for the newer.
 */

const root = mkdtempSync(join(tmpdir(), 'resilint-octokit-versions-'));
function pkg(name: string, rest: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', dependencies: { '@octokit/rest': rest } }));
  return join(dir, 'src/github.ts');
}
const releaseTool = pkg('release-tool', '^18.12.0');
const modernTool = pkg('modern-tool', '^21.0.0');

interface Found { message: string; fixes: string[] }
function findings(code: string, filename: string): Found[] {
  writeFileSync(filename, code);
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    { rules: { 'resilint/require-timeout': 'error', 'resilint/no-unprotected-call': 'off' } },
  ];
  return new Linter({ configType: 'flat', cwd: root }).verify(code, config, filename)
    .filter((message) => message.ruleId === 'resilint/require-timeout')
    .map((message) => ({
      message: message.message,
      fixes: (message.suggestions ?? []).map((s) => code.slice(0, s.fix.range[0]) + s.fix.text + code.slice(s.fix.range[1])),
    }));
}

// a client used where it is made: judged call by call
const usedHere = (options: string) => `import { Octokit } from '@octokit/rest';
const octokit = new Octokit({ auth: process.env.GH_TOKEN${options} });
export async function latestTag(owner: string, repo: string) {
  const { data } = await octokit.rest.repos.listTags({ owner, repo, per_page: 1 });
  return data[0]?.name;
}
`;
describe('Octokit: request.timeout by version', () => {
  it('tells a file on Octokit 18 that request.timeout works, and a file on 21 that it is ignored', () => {
    const [old] = findings(usedHere(''), releaseTool);
    expect(old?.message).toContain('node-fetch, which honours `request.timeout`');
    expect(old?.message).not.toContain('ignores');
    const [modern] = findings(usedHere(''), modernTool);
    expect(modern?.message).toContain('ignores `request.timeout`');
  });

  it('takes request.timeout as a bound on Octokit 18 only', () => {
    expect(findings(usedHere(', request: { timeout: 10_000 }'), releaseTool)).toEqual([]);
    expect(findings(usedHere(', request: { timeout: 10_000 }'), modernTool)).toHaveLength(1);
  });

  it('offers request.timeout where the client is made on Octokit 18, a fetch of its own on 21', () => {
    const [old] = findings(usedHere(''), releaseTool);
    expect(old?.fixes).toContain(usedHere(', request: { timeout: 10_000 }'));
    expect(old?.fixes.some((fixed) => fixed.includes('request: { fetch: '))).toBe(false);
    const [modern] = findings(usedHere(''), modernTool);
    expect(modern?.fixes.some((fixed) => fixed.includes('request: { fetch: '))).toBe(true);
    expect(modern?.fixes).not.toContain(usedHere(', request: { timeout: 10_000 }'));
  });

  it('adds the bound to the request options the client already has (an agent)', () => {
    const [old] = findings(usedHere(', request: { agent: proxyAgent }'), releaseTool);
    expect(old?.fixes).toContain(usedHere(', request: { agent: proxyAgent, timeout: 10_000 }'));
  });
});
