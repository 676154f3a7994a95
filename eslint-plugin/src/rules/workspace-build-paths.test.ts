import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from './require-timeout.js';

// A plugin of a monorepo imports its core's wrapper class by the core's build output path (`@tool/core/dist/vcs`),
// which a fresh clone has not built: the class is read from the core's source, so the client it holds is known.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

const root = mkdtempSync(join(tmpdir(), 'resilint-dist-paths-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
write('package.json', JSON.stringify({ private: true, workspaces: ['packages/*', 'plugins/*'] }));
write('packages/core/package.json', JSON.stringify({ name: '@tool/core', main: 'dist/index.js', dependencies: { '@octokit/rest': '^18' } }));
write('packages/core/src/vcs.ts', `import { Octokit } from '@octokit/rest';
export default class Vcs {
  readonly api: Octokit;
  constructor(readonly repo: { owner: string; name: string; token: string }) {
    this.api = new Octokit({ auth: repo.token });
  }
}
`);
write('plugins/gate/package.json', JSON.stringify({ name: '@tool/plugin-gate', main: 'dist/index.js', dependencies: { '@tool/core': '1.0.0' } }));

const gate = (from: string) => `import Vcs from '${from}';
export class Gate {
  constructor(private readonly vcs: Vcs) {}
  async approve(pull: number) {
    await this.vcs.api.pulls.createReview({ owner: this.vcs.repo.owner, repo: this.vcs.repo.name, pull_number: pull, event: 'APPROVE' });
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
    { code: gate('@tool/core/dist/vcs'), filename, errors: [{ ...missing, line: 5, suggestions: 1 }] },
    { code: gate('../../../packages/core/dist/vcs'), filename, errors: [{ ...missing, line: 5, suggestions: 1 }] },
  ],
});
