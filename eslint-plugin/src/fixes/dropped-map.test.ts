import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';

/**
 * The fixes for a dropped `map(async ...)` (no-unprotected-call) and for a try around a loop that steps its counter in
 * its body (no-try-outside-loop), against axios's real types and a local registry where one package fails: each
 * suggestion compiles, resolves its finding and adds none; the preferred ones change what happens at run time.
 */

const mirrorSync = `import axios from 'axios';
const registry = axios.create({ baseURL: process.env.REGISTRY_URL, timeout: 2_000 });
export async function copyManifests(names: string[]): Promise<void> {
  names.map(async (name) => {
    const { data } = await registry.get<{ versions?: string[] }>('/packages/' + name);
    await registry.put('/mirror/' + name, data);
  });
}
`;

const nestedSync = `import axios from 'axios';
const registry = axios.create({ baseURL: process.env.REGISTRY_URL, timeout: 2_000 });
export async function copyReleases(byPackage: Record<string, string[]>): Promise<void> {
  try {
    Object.keys(byPackage).forEach(async (name) => {
      const versions = byPackage[name] ?? [];
      versions.map(async (version) => {
        await registry.put('/mirror/' + name + '/' + version, {});
      });
    });
  } catch (error) {
    console.error('copy failed', error);
    throw error;
  }
}
`;

const releaseFeed = `import axios from 'axios';
const registry = axios.create({ baseURL: process.env.REGISTRY_URL, timeout: 2_000 });
export async function* releaseFeed(names: string[]): AsyncGenerator<string[], void> {
  try {
    let index = 0;
    do {
      const { data } = await registry.get<{ versions?: string[] }>('/packages/' + names[index]);
      if (!data.versions) throw new Error('no releases for ' + names[index]);
      const releases = data.versions.map((version) => names[index] + '@' + version);
      ++index;
      yield releases;
    } while (index < names.length);
  } catch (error) {
    console.error(error);
  }
}
`;

const cases = [
  { code: mirrorSync, rule: 'resilint/no-unprotected-call', titles: 3 },
  { code: nestedSync, rule: 'resilint/no-unprotected-call', titles: 2 },
  { code: releaseFeed, rule: 'resilint/no-try-outside-loop', titles: 2 },
];

describe('fixes for a dropped map(async ...) and a try around a stepping loop, against the real axios', () => {
  it.each(cases)('%# $rule: every suggestion compiles, resolves its finding and adds none', { timeout: 120_000 }, ({ code, rule, titles }) => {
    const before = lint(code, 'src/registry.ts').findings;
    const findings = before.filter((finding) => finding.ruleId === rule);
    expect(findings).toHaveLength(1);
    expect(before.filter((finding) => finding.ruleId !== rule)).toEqual([]);
    const outputs = findings[0]!.suggestions.map((suggestion) => applyFix(code, suggestion));
    expect(outputs).toHaveLength(titles);
    expect(typeErrors([code, ...outputs])).toEqual([[], ...outputs.map(() => [])]);
    for (const output of outputs) expect(lint(output, 'src/registry.ts').findings).toEqual([]);
  });

  describe('at run time, with a registry where one package fails', () => {
    let server: Server;
    beforeAll(async () => {
      server = createServer((request, response) => {
        const broken = request.url?.endsWith('/broken');
        response.writeHead(broken && request.method === 'PUT' ? 500 : 200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(broken ? {} : { versions: ['1.0.0'] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      process.env.REGISTRY_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      delete process.env.REGISTRY_URL;
      await new Promise((resolve) => server.close(resolve));
    });

    it('the preferred map fix makes the function reject with the failed copy', { timeout: 60_000 }, async () => {
      const [finding] = lint(mirrorSync, 'src/registry.ts').findings;
      const fixed = load<{ copyManifests: (names: string[]) => Promise<void> }>(applyFix(mirrorSync, finding!.suggestions[0]!));
      const outcome = await fixed.copyManifests(['left-pad', 'broken', 'is-even']).then(() => 'resolved', (error: { response?: { status: number } }) => error.response?.status);
      expect(outcome).toBe(500);
    });

    it('the moved try goes on past a package with no releases', { timeout: 60_000 }, async () => {
      const [finding] = lint(releaseFeed, 'src/registry.ts').findings;
      const run = async (code: string): Promise<string[][]> => {
        const feed = load<{ releaseFeed: (names: string[]) => AsyncGenerator<string[]> }>(code).releaseFeed(['left-pad', 'broken', 'is-even']);
        const seen: string[][] = [];
        const quiet = console.error;
        console.error = () => {};
        try {
          for await (const releases of feed) seen.push(releases);
        } finally {
          console.error = quiet;
        }
        return seen;
      };
      expect(await run(releaseFeed)).toEqual([['left-pad@1.0.0']]);
      expect(await run(applyFix(releaseFeed, finding!.suggestions[0]!))).toEqual([['left-pad@1.0.0'], ['is-even@1.0.0']]);
    });
  });
});

function load<T>(code: string): T {
  const { outputText } = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
  const module = { exports: {} as T };
  new Function('require', 'module', 'exports', 'process', outputText)(createRequire(import.meta.url), module, module.exports, process);
  return module.exports;
}
