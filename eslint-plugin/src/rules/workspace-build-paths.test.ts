import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from './require-timeout.js';

// A plugin of a monorepo imports its core's wrapper class by the core's build output path (`@tool/core/dist/vcs`),
// which a fresh clone has not built: the class is read from the core's source, so its request method is known (a
// wrapper that takes the caller's init: the caller that passes no signal is reported).
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

const root = mkdtempSync(join(tmpdir(), 'resilint-dist-paths-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
write('package.json', JSON.stringify({ private: true, workspaces: ['packages/*', 'plugins/*'] }));
write('packages/core/package.json', JSON.stringify({ name: '@tool/core', main: 'dist/index.js', dependencies: {} }));
write('packages/core/src/vcs.ts', `export default class Vcs {
  constructor(readonly repo: { owner: string; name: string; token: string }) {}
  /** Every request of the plugins goes through here, with the caller's init: its signal bounds it. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(\`https://api.github.com/repos/\${this.repo.owner}/\${this.repo.name}\${path}\`, {
      ...init,
      headers: { authorization: \`token \${this.repo.token}\` },
    });
  }
}
`);
write('plugins/gate/package.json', JSON.stringify({ name: '@tool/plugin-gate', main: 'dist/index.js', dependencies: { '@tool/core': '1.0.0' } }));

const gate = (from: string) => `import Vcs from '${from}';
export class Gate {
  constructor(private readonly vcs: Vcs) {}
  async approve(pull: number) {
    await this.vcs.request(\`/pulls/\${pull}/reviews\`, { method: 'POST', body: JSON.stringify({ event: 'APPROVE' }) });
  }
}
`;
const filename = join(root, 'plugins/gate/src/gate.ts');

ruleTester.run('require-timeout (a workspace class imported by its build output path)', requireTimeout, {
  valid: [
    // a package outside the workspace: its build output is a library's, not read
    { code: gate('@elsewhere/core/dist/vcs'), filename },
  ],
  invalid: [
    { code: gate('@tool/core/dist/vcs'), filename, errors: [{ ...missing, line: 5, suggestions: 3 }] },
    { code: gate('../../../packages/core/dist/vcs'), filename, errors: [{ ...missing, line: 5, suggestions: 3 }] },
  ],
});
