import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearResolutionCaches, resolveProjectModule } from './resolution.js';
import { forgetFileSystem } from './files.js';

let root: string;

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'resilint-resolution-'));
  write({
    'tsconfig.base.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['libs/*/src'] } } }),
    'apps/web/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { strict: true } }),
    'apps/web/src/page.ts': '',
    'libs/http/src/index.ts': 'export const x = 1;',
    'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  # a comment\n  - \"!packages/ignored\"\n",
    'packages/sdk/package.json': JSON.stringify({ name: '@acme/sdk', exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './resources/*': './dist/resources/*.js' } }),
    'packages/sdk/src/index.ts': 'export {};',
    'packages/sdk/src/resources/users.ts': 'export {};',
    // a package with no exports map, its modules imported by their build output path from a sibling
    'packages/release/package.json': JSON.stringify({ name: '@acme/release', main: 'dist/index.js' }),
    'packages/release/src/vcs/remote.ts': 'export default class Remote {}',
    'packages/hooks/src/gate.ts': '',
    'packages/linked/package.json': JSON.stringify({ name: 'linked', main: 'lib/index.js' }),
    'packages/linked/lib/index.js': 'module.exports = {};',
    'node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', main: 'index.js' }),
    'node_modules/left-pad/index.js': '',
    // a CLI whose upload client is kept beside it but depended on by version, no workspaces declared
    'tools/cli/package.json': JSON.stringify({ name: 'cli', dependencies: { 'upload-client': '1.2.0', 'left-pad': '^1.0.0' } }),
    'tools/cli/src/main.ts': '',
    'tools/cli/upload-client/package.json': JSON.stringify({ name: 'upload-client', main: 'out/index.js' }),
    'tools/cli/upload-client/src/index.ts': 'export {};',
    'tools/cli/vendor/unlisted/package.json': JSON.stringify({ name: 'unlisted', main: 'index.js' }),
    'tools/cli/vendor/unlisted/index.js': '',
    // a lerna repository whose root package.json declares no workspaces
    'lerna-repo/lerna.json': JSON.stringify({ packages: ['packages/*'], version: '5.6.0' }),
    'lerna-repo/package.json': JSON.stringify({ name: 'clients', private: true }),
    'lerna-repo/packages/utils/package.json': JSON.stringify({ name: '@clients/utils', main: 'dist/cjs/index.js' }),
    'lerna-repo/packages/utils/src/index.ts': 'export {};',
    'lerna-repo/packages/node/src/upload.ts': '',
    'broken/tsconfig.json': '{ "compilerOptions": { "paths": ',
    'broken/a.ts': '',
    'broken/b.ts': '',
    // frameworks whose tsconfig extends one generated at build time, absent from a fresh clone
    'kit-app/tsconfig.json': JSON.stringify({ extends: './.svelte-kit/tsconfig.json', compilerOptions: { strict: true } }),
    'kit-app/src/lib/client/status.ts': 'export {};',
    'kit-app/src/routes/+page.ts': '',
    'nuxt-app/tsconfig.json': JSON.stringify({ extends: './.nuxt/tsconfig.json' }),
    'nuxt-app/app/composables/api.ts': 'export {};',
    'nuxt-app/server/utils/db.ts': 'export {};',
    'nuxt-app/app/pages/index.ts': '',
    'built-kit-app/tsconfig.json': JSON.stringify({ extends: './.svelte-kit/tsconfig.json' }),
    'built-kit-app/.svelte-kit/tsconfig.json': JSON.stringify({ compilerOptions: { paths: { $lib: ['../source'], '$lib/*': ['../source/*'] } } }),
    'built-kit-app/source/http.ts': 'export {};',
    'built-kit-app/src/lib/http.ts': 'export {};',
    'built-kit-app/src/routes/+page.ts': '',
  });
  mkdirSync(join(root, 'apps/web/node_modules'), { recursive: true });
  symlinkSync(join(root, 'packages/linked'), join(root, 'apps/web/node_modules/linked'), 'dir');
  clearResolutionCaches();
  forgetFileSystem();
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('resolveProjectModule', () => {
  const from = () => join(root, 'apps/web/src/page.ts');

  it('follows tsconfig paths inherited through extends', () => {
    expect(resolveProjectModule('@lib/http', from())).toBe(join(root, 'libs/http/src/index.ts'));
  });

  it('finds workspace packages listed in pnpm-workspace.yaml without node_modules, their exports mapped to the source', () => {
    expect(resolveProjectModule('@acme/sdk', from())).toBe(join(root, 'packages/sdk/src/index.ts'));
    expect(resolveProjectModule('@acme/sdk/resources/users', from())).toBe(join(root, 'packages/sdk/src/resources/users.ts'));
  });

  it("maps an import of a workspace package's build output (not built here) to its source", () => {
    const from = join(root, 'packages/hooks/src/gate.ts');
    expect(resolveProjectModule('@acme/release/dist/vcs/remote', from)).toBe(join(root, 'packages/release/src/vcs/remote.ts'));
    expect(resolveProjectModule('../../release/dist/vcs/remote', from)).toBe(join(root, 'packages/release/src/vcs/remote.ts'));
    // a build folder that is no package's stays unresolved
    expect(resolveProjectModule('../../release/src/dist/vcs/remote', from)).toBeUndefined();
  });

  it('follows a workspace package linked into node_modules to its real path', () => {
    expect(resolveProjectModule('linked', from())).toBe(join(root, 'packages/linked/lib/index.js'));
  });

  it('finds a package of the repository its importer depends on by version, below the package that lists it', () => {
    const cli = join(root, 'tools/cli/src/main.ts');
    expect(resolveProjectModule('upload-client', cli)).toBe(join(root, 'tools/cli/upload-client/src/index.ts'));
    // a folder no dependency names is not the import's
    expect(resolveProjectModule('unlisted', cli)).toBeUndefined();
    expect(resolveProjectModule('left-pad', cli)).toBeUndefined();
  });

  it('finds the packages lerna.json lists', () => {
    expect(resolveProjectModule('@clients/utils', join(root, 'lerna-repo/packages/node/src/upload.ts'))).toBe(join(root, 'lerna-repo/packages/utils/src/index.ts'));
  });

  it('leaves third-party packages, builtins and unknown modules alone', () => {
    expect(resolveProjectModule('left-pad', from())).toBeUndefined();
    expect(resolveProjectModule('node:fs', from())).toBeUndefined();
    expect(resolveProjectModule('./missing', from())).toBeUndefined();
  });

  it("follows a framework's default aliases when its generated tsconfig is not built yet, and the built one when it is", () => {
    expect(resolveProjectModule('$lib/client/status.js', join(root, 'kit-app/src/routes/+page.ts'))).toBe(join(root, 'kit-app/src/lib/client/status.ts'));
    expect(resolveProjectModule('~/composables/api', join(root, 'nuxt-app/app/pages/index.ts'))).toBe(join(root, 'nuxt-app/app/composables/api.ts'));
    expect(resolveProjectModule('~~/server/utils/db', join(root, 'nuxt-app/app/pages/index.ts'))).toBe(join(root, 'nuxt-app/server/utils/db.ts'));
    expect(resolveProjectModule('$lib/http', join(root, 'built-kit-app/src/routes/+page.ts'))).toBe(join(root, 'built-kit-app/source/http.ts'));
  });

  it('resolves relative imports under a tsconfig that does not parse, and never throws', () => {
    expect(resolveProjectModule('./b', join(root, 'broken/a.ts'))).toBe(join(root, 'broken/b.ts'));
    expect(() => resolveProjectModule('\0', from())).not.toThrow();
  });
});
