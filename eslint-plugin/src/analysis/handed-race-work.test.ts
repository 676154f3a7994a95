import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';

// An API whose every check module wraps its handler in one middleware (met on a site-checking API, after its
// held-out round): the middleware races the handler it was given against a timer that rejects, answering 408 when the
// timer wins. The handlers, in the modules importing the middleware, send requests (directly or through the API's
// own fetch helper), which the race leaves running; nothing clears the timer when the handler wins.
const middleware = `const LIMIT_MS = 40_000;
const rejectAfter = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), ms));
const middleware = (handler) => async (req, res) => {
  try {
    res.json(await Promise.race([handler(String(req.query.url), req), rejectAfter(LIMIT_MS)]));
  } catch (error) {
    res.status(408).json({ error: error.message });
  }
};
export default middleware;
`;

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** The lines of the middleware's races reported, in a project whose check modules are `checks`. */
function reportedRaces(checks: Record<string, string>): number[] {
  const root = mkdtempSync(join(tmpdir(), 'resilint-handed-race-'));
  roots.push(root);
  mkdirSync(join(root, 'api', '_common'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'site-checks', private: true, type: 'module', dependencies: { express: '^4.19.0' } }));
  writeFileSync(join(root, 'api', '_common', 'middleware.js'), middleware);
  writeFileSync(join(root, 'api', '_common', 'http.js'), `export async function getText(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  return response.text();
}
`);
  for (const [name, text] of Object.entries(checks)) writeFileSync(join(root, 'api', name), text);
  const linter = new Linter({ configType: 'flat', cwd: root });
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  return linter.verify(middleware, config, { filename: join(root, 'api', '_common', 'middleware.js') })
    .filter((message) => message.ruleId === 'resilint/timeout-requires-cancellation').map((message) => message.line);
}

const dns = "import middleware from './_common/middleware.js';\nconst parse = async (url) => new URL(url).hostname.split('.');\nexport default middleware(parse);\n";

describe('a race against the work a middleware is handed by other modules', () => {
  it('is left alone while the handlers only compute', () => {
    expect(reportedRaces({ 'dns.js': dns })).toEqual([]);
  });

  it('is reported once a handler sends a request', () => {
    expect(reportedRaces({
      'dns.js': dns,
      'headers.js': "import middleware from './_common/middleware.js';\nconst headers = async (url) => Object.fromEntries((await fetch(url, { method: 'HEAD' })).headers);\nexport default middleware(headers);\n",
    })).toEqual([5]);
  });

  it('or sends it through a helper of the project', () => {
    expect(reportedRaces({
      'dns.js': dns,
      'title.js': "import middleware from './_common/middleware.js';\nimport { getText } from './_common/http.js';\nexport default middleware(async (url) => /<title>(.*)<\\/title>/.exec(await getText(url))?.[1]);\n",
    })).toEqual([5]);
  });
});
