import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { forgetAllModules } from './summaries.js';
import { environmentIsDeclared, fileEnvironment } from './file-environment.js';
import { NO_FILE_SETTINGS, fileRole, hasGeneratedHeader, isMinified, roleFromPath, whyNotLinted, type FileSettings } from './file-roles.js';

const scratch = mkdtempSync(join(tmpdir(), 'resilint-roles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A package on disk: its package.json and the path of a file in it. */
function packageWith(name: string, manifest: Record<string, unknown>): string {
  const root = join(scratch, name);
  mkdirSync(join(root, 'src'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify(manifest));
  return root;
}

describe('isMinified', () => {
  it('tells a minified bundle from code with a long line or two', () => {
    const bundle = `!function(e){${'var a=e.b+c;'.repeat(2_000)}}();\n`;
    expect(isMinified(bundle)).toBe(true);
    const code = `${"export const icon = 'data:image/svg+xml;base64," + 'A'.repeat(3_000) + "';\n"}${'export const x = 1;\n'.repeat(400)}`;
    expect(isMinified(code)).toBe(false);
  });

  it('makes a minified file generated code, which the rules leave alone', () => {
    expect(fileRole({ path: 'theme/assets/vendor/lib.js', text: `(()=>{${'fetch("https://a.example/x");'.repeat(400)}})();` }, NO_FILE_SETTINGS)).toBe('generated');
  });
});

describe('compiler output', () => {
  // a front end's vendored WebAssembly build of a C library: the loader Emscripten wrote fetches its `.wasm` (two
  // false reports on the fortieth held-out round); a module merely calling into such a build is the app's own
  const loader = `var Module = typeof Module != 'undefined' ? Module : {};
function instantiateAsync() { return fetch(wasmBinaryFile, { credentials: 'same-origin' }); }
    function _emscripten_memcpy_big(dest, src, num) { HEAPU8.copyWithin(dest, src, src + num); }
`;
  it('makes an Emscripten loader generated code, and leaves a module calling into one alone', () => {
    expect(fileRole({ path: 'src/resources/wallycore/wallycore.js', text: loader }, NO_FILE_SETTINGS)).toBe('generated');
    const caller = "import init from './wallycore.js';\nexport const ready = init().then((m) => m._emscripten_version());\n";
    expect(fileRole({ path: 'src/app/wally.ts', text: caller }, NO_FILE_SETTINGS)).toBe('product');
  });
});

describe('build output', () => {
  // a CLI's `build` command kept in `src/build/` (met in the thirty-first round, 16 files never linted) is source
  it.each([
    ['build/static/js/main.js', false],
    ['packages/web/build/index.js', false],
    ['android/app/build/generated/entry.js', false],
    ['src/build/request.ts', true],
    ['apps/cli/src/build/upload.ts', true],
    // deeper below a source tree too (balena-cli's `balena build` command, the thirty-third round)
    ['src/commands/build/index.ts', true],
    ['apps/mobile/android/app/build/intermediates/bundle.js', false],
    // a coverage report at the root or in a monorepo's package; a feature's modules elsewhere (screwdriver's routes)
    ['coverage/lcov-report/sorter.js', false],
    ['packages/api/coverage/lcov-report/sorter.js', false],
    ['plugins/coverage/index.js', true],
  ])('%s linted: %s', (path, linted) => {
    expect(whyNotLinted(path, { allFiles: false, files: NO_FILE_SETTINGS }) === undefined).toBe(linted);
  });
});

describe('AssemblyScript', () => {
  // a WebAssembly plugin SDK's sources (the forty-first held-out round: three "File not linted" warnings, as its
  // `@external` decorators on declared functions parse in no TypeScript parser): skipped as not JavaScript
  function assemblyScriptPackage(name: string, manifest: Record<string, unknown>, files: Record<string, string>): string {
    const root = packageWith(name, manifest);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it.each([
    ['by its ascMain', { name: 'plugin-sdk', ascMain: 'assembly/index.ts' }, {}],
    ['by an asconfig.json beside its assembly folder', { name: 'wasm-plugin' }, { 'asconfig.json': '{}' }],
    ['by its assemblyscript dependency', { name: 'wasm-lib', devDependencies: { assemblyscript: '^0.27.0' } }, {}],
  ])('leaves the sources of a package recognised %s out, even with every file linted', (name, manifest, files) => {
    const root = assemblyScriptPackage(name.replace(/\W+/g, '-'), manifest, { 'assembly/network.ts': '@external("env", "fetch")\ndeclare function hostFetch(url: string): i32;\n', ...files });
    for (const allFiles of [false, true]) {
      expect(whyNotLinted('assembly/network.ts', { allFiles, files: NO_FILE_SETTINGS, root })).toBe('it is AssemblyScript, which compiles to WebAssembly, not JavaScript');
    }
    // the host side's JavaScript beside it is linted
    expect(whyNotLinted('src/host.ts', { allFiles: false, files: NO_FILE_SETTINGS, root })).toBeUndefined();
  });

  it("lints an `assembly/` folder of a package that is no AssemblyScript package (a car maker's assembly-line service)", () => {
    const root = assemblyScriptPackage('assembly-line', { name: 'assembly-line', dependencies: { express: '^4.0.0' } }, { 'assembly/stations.ts': 'export const x = 1;\n' });
    expect(whyNotLinted('assembly/stations.ts', { allFiles: false, files: NO_FILE_SETTINGS, root })).toBeUndefined();
  });
});

describe('Storybook stories', () => {
  it("leave a `stories/` folder out when its package runs Storybook, and lint one that is a product's feature", () => {
    const ui = packageWith('storybook-ui', { name: 'ui', devDependencies: { '@storybook/react': '^8.0.0' } });
    const social = packageWith('social-app', { name: 'social', dependencies: { express: '^4.0.0' } });
    expect(whyNotLinted('src/stories/Header.tsx', { allFiles: false, files: NO_FILE_SETTINGS, root: ui })).toBe('it is an example by its package: a Storybook story');
    expect(whyNotLinted('src/stories/Header.tsx', { allFiles: true, files: NO_FILE_SETTINGS, root: ui })).toBeUndefined();
    expect(whyNotLinted('src/stories/feed.ts', { allFiles: false, files: NO_FILE_SETTINGS, root: social })).toBeUndefined();
    expect(fileRole({ path: join(ui, 'src/stories/Header.tsx'), text: 'export const x = 1;\n' }, NO_FILE_SETTINGS)).toBe('example');
    // `*.stories.*` files by their name, anywhere
    expect(roleFromPath('src/components/Button.stories.tsx')).toBe('example');
  });
});

describe('roleFromPath', () => {
  it.each([
    ['src/orders/service.ts', 'product'],
    ['packages/sdk/src/client.ts', 'product'],
    ['src/bin/cli.ts', 'product'],
    ['src/orders/service.test.ts', 'test'],
    ['src/__tests__/service.ts', 'test'],
    ['packages/adapters/__e2etests__/harness.ts', 'test'],
    ['src/__internal__/orders.ts', 'product'],
    ['test/helpers.ts', 'test'],
    // a CLI's `test` command (met on appcenter-cli, the thirty-fourth round: `appcenter test run` uploads test files);
    // its own tests are still tests
    ['src/commands/test/lib/uploader.ts', 'product'],
    ['src/commands/test/__tests__/uploader.ts', 'test'],
    ['packages/cli/test/commands.ts', 'test'],
    // a published SDK's request mocks for its end-to-end suites
    ['src/mocks/createCardToken.ts', 'test'],
    ['examples/basic/index.ts', 'example'],
    ['packages/sdk/example/upload.js', 'example'],
    ['samples/quickstart.mjs', 'example'],
    ['scripts/release.mjs', 'script'],
    ['packages/web/scripts/codegen.ts', 'script'],
    ['tools/generate-types.ts', 'tooling'],
    ['packages/web/tools/icons.mjs', 'tooling'],
    ['tooling/lint/rules.ts', 'tooling'],
    // a maintainers' code generator (met on datocms's clients, the thirty-fourth round), not one inside a source tree
    ['generate/loadSchema.ts', 'tooling'],
    ['packages/cma-client/codegen/resources.ts', 'tooling'],
    ['src/generate/image.ts', 'product'],
    // a `tools` folder inside a source tree is what the product runs: an agent's or an MCP server's tools
    ['packages/components/nodes/tools/Calendar/core.ts', 'product'],
    ['server/tools/search.ts', 'product'],
    ['packages/agent/src/tools/weather.ts', 'product'],
    ['apps/api/src/agents/tools/lookup.ts', 'product'],
    ['.github/actions/notify/index.js', 'tooling'],
    ['vite.config.ts', 'tooling'],
    ['packages/web/next.config.mjs', 'tooling'],
    ['benchmarks/throughput.ts', 'benchmark'],
    ['bench/parse.js', 'benchmark'],
    ['src/parser.bench.ts', 'benchmark'],
    ['src/api/schema.gen.ts', 'generated'],
    ['src/graphql/operations.generated.ts', 'generated'],
    ['src/__generated__/client.ts', 'generated'],
    ['src/proto/orders_pb.js', 'generated'],
    // named by convention rather than by the usual folder names
    ['ecosystem-tests/cloudflare-worker/src/upload.ts', 'test'],
    ['packages/api/integration_tests/orders.ts', 'test'],
    ['ecosystem-tests/deno/main_test.ts', 'test'],
    ['extra/push-examples/typescript-fetch/index.ts', 'example'],
    ['src/contest/ranking.ts', 'product'],
    ['src/testing-library.ts', 'product'],
    // packaging smoke tests, and scaffolds a CLI copies into its users' projects
    ['testProjects/esm/index.js', 'test'],
    ['packages/sdk/test-projects/bundler/main.ts', 'test'],
    ['src/functions-templates/javascript/hello/index.mjs', 'template'],
    ['server/emails/templates/InviteEmail.tsx', 'product'],
    // data migrations and seeds, run once by a tool; a feature named after migrating stays product code
    ['apps/api/migrations/expire-at/expire-at.migration.ts', 'script'],
    ['src/database/seeds/users.ts', 'script'],
    ['apps/webapp/seed-webhook-deliveries.ts', 'script'],
    // test tooling in packages or folders of its own, load tests, vendored minified bundles
    ['packages/test-harness/src/run.ts', 'test'],
    // a hand try-out app for an embeddable widget (a newsletter server's visualisation sub-app, the thirty-seventh round)
    ['mvis/test-embed/index.js', 'test'],
    // an end-to-end harness package or folder; a word that merely contains the letters stays product code
    ['packages/amplify-e2e-core/src/utils/api.ts', 'test'],
    ['packages/util-mock/src/__e2e__/utils/index.ts', 'test'],
    ['apps/web-e2e/src/support/app.po.ts', 'test'],
    ['packages/e2ee-messaging/src/send.ts', 'product'],
    ['packages/testing/src/simple-graphql-client.ts', 'test'],
    // plugins and fixtures a dev server loads to reproduce an issue by hand
    ['packages/dev-server/test-plugins/issue-1664/issue-1664.ts', 'test'],
    ['src/test-fixtures/orders.ts', 'test'],
    ['packages/dev-server/load-testing/init-load-test.ts', 'benchmark'],
    ['theme/assets/speedscope/speedscope.min.js', 'generated'],
    ['backend/plugins/frontline_api/src/public/widget/messengerWidget.bundle.js', 'generated'],
    ['src/bundle.ts', 'product'],
    ['prisma/seed.ts', 'script'],
    ['src/features/migration/import-from-notion.ts', 'product'],
    ['src/seedling/garden.ts', 'product'],
    // a dot-folder of CI scripts; browser test runners' folders, their set-up and helpers with them
    ['.scripts/compare-database.js', 'script'],
    ['packages/app/playwright/global-setup.ts', 'test'],
    ['packages/browser/testcafe/helpers.js', 'test'],
    ['apps/web/cypress/support/commands.ts', 'test'],
    ['src/scrapers/puppeteer/crawl.ts', 'product'],
    // `script/`, singular, at the root or in a package; inside a source tree, an app's own scripting feature
    ['script/bootstrap.ts', 'script'],
    ['packages/store/script/rename-zones.ts', 'script'],
    ['src/script/interpreter.ts', 'product'],
    ['packages/editor/src/script/runner.ts', 'product'],
    // model evaluations: `*.eval.ts` anywhere, an `evals/` folder at the root or in a package; inside a source tree,
    // an LLM platform's own evaluation feature
    ['packages/digest/evals/judges.ts', 'test'],
    ['packages/digest/src/prompts/summary.eval.ts', 'test'],
    ['evals/tone.ts', 'test'],
    ['web/src/features/evals/run-evaluation.ts', 'product'],
    // the apps a repository's own suites start, and a package's playground; inside a source tree, the product's words
    ['fixtures/worker-app/src/index.js', 'test'],
    ['packages/cli/__fixtures__/config/app.ts', 'test'],
    ['src/fixtures/schedule-service.ts', 'product'],
    ['packages/vite-plugin/playground/node-compat/worker/index.ts', 'example'],
    ['packages/editor/src/playground/run-snippet.ts', 'product'],
    ['packages/digest/src/summary.ts', 'product'],
  ])('%s is %s', (path, role) => {
    expect(roleFromPath(path)).toBe(role);
  });

  it('never counts the folders above the one being linted', () => {
    expect(fileRole({ path: '/home/me/scripts/service/src/app.ts', relativePath: 'src/app.ts' }, NO_FILE_SETTINGS)).toBe('product');
  });
});

describe('generated code', () => {
  it.each([
    ['// Code generated by protoc-gen-ts. DO NOT EDIT.\nexport const x = 1;\n'],
    ['/* eslint-disable */\n/**\n * @generated by graphql-codegen\n */\nexport const x = 1;\n'],
    ['#!/usr/bin/env node\n// This file is auto-generated from openapi.yaml\nfetch(url);\n'],
  ])('is told by the comments that open the file: %j', (text) => {
    expect(hasGeneratedHeader(text)).toBe(true);
    expect(fileRole({ path: '/repo/src/api.ts', relativePath: 'src/api.ts', text }, NO_FILE_SETTINGS)).toBe('generated');
  });

  it('is not told by a comment further down', () => {
    expect(hasGeneratedHeader("import { v4 } from 'uuid';\n// ids are auto-generated by the database\nexport const id = v4();\n")).toBe(false);
  });
});

describe('roles from the code and the package', () => {
  it('tells a test suite by its code, wherever it is', () => {
    const suite = "import { expect } from 'vitest';\ndescribe('uploads', () => {\n  it('sends a File', async () => { await fetch(url); });\n});\n";
    expect(fileRole({ path: '/repo/checks/upload.ts', relativePath: 'checks/upload.ts', text: suite }, NO_FILE_SETTINGS)).toBe('test');
    expect(fileRole({ path: '/repo/checks/deno.ts', text: "Deno.test('upload', async () => { await fetch(url); });\n" }, NO_FILE_SETTINGS)).toBe('test');
    // a function named test, called in the code, is not a suite
    expect(fileRole({ path: '/repo/src/probe.ts', text: 'export async function test(url: string) { return fetch(url); }\nawait test(process.argv[2]);\n' }, NO_FILE_SETTINGS)).toBe('product');
  });

  it('tells a suite run on a condition or per case, and a module using the test runner, as test code', () => {
    // an evaluation suite against a paid model, skipped without a key, in a file named *.eval.ts
    const evaluation = "import { expect as check } from 'vitest';\nconst key = process.env.MODEL_KEY;\ndescribe.skipIf(!key)('answers', () => {});\n";
    expect(fileRole({ path: '/repo/src/agent.eval.ts', relativePath: 'src/agent.eval.ts', text: evaluation }, NO_FILE_SETTINGS)).toBe('test');
    expect(fileRole({ path: '/repo/src/cases.ts', text: "it.each([[1], [2]])('case %s', async (n) => { await fetch('/x/' + n); });\n" }, NO_FILE_SETTINGS)).toBe('test');
    expect(fileRole({ path: '/repo/src/retry-helpers.ts', text: "import type { Mock } from 'bun:test';\nimport { expect } from 'bun:test';\nexport const seen = (mock: Mock) => expect(mock).toHaveBeenCalled();\n" }, NO_FILE_SETTINGS)).toBe('test');
    // the runner's configuration, or a package whose name only starts like one, is not
    expect(fileRole({ path: '/repo/src/setup.ts', text: "import { defineConfig } from 'vitest/config';\nimport { api } from 'vitest-api-client';\nexport default defineConfig({});\n" }, NO_FILE_SETTINGS)).toBe('product');
  });

  it("tells a Cucumber suite's step definitions and support code by the Gherkin specs beside them", () => {
    // met on screwdriver (the thirty-third round): a helper of the functional suite opening pull requests on GitHub
    const root = packageWith('functional', { scripts: { functional: 'cucumber-js' } });
    mkdirSync(join(root, 'features', 'support'), { recursive: true });
    mkdirSync(join(root, 'features', 'step_definitions'), { recursive: true });
    writeFileSync(join(root, 'features', 'pull-requests.feature'), 'Feature: pull requests\n');
    // a front end's own help-desk feature holds no spec
    const app = packageWith('help-desk', {});
    mkdirSync(join(app, 'src', 'features', 'support'), { recursive: true });
    const role = (path: string) => fileRole({ path, text: 'export {};\n' }, NO_FILE_SETTINGS);
    expect(role(join(root, 'features', 'support', 'github.js'))).toBe('test');
    expect(role(join(root, 'features', 'step_definitions', 'pr.steps.js'))).toBe('test');
    expect(role(join(root, 'src', 'server.js'))).toBe('product');
    expect(role(join(app, 'src', 'features', 'support', 'tickets.ts'))).toBe('product');
  });

  it('reads a folder of scripts from the npm scripts that run its files', () => {
    const root = packageWith('scripted', {
      main: 'server/index.js',
      scripts: {
        'start-server': 'node server/server.js',
        migrate: 'node server/migrate.js',
        'download-dist': 'node extra/download-dist.js',
        'release-final': 'node ./extra/release/release.mjs && npm publish',
        'reset-password': 'node --no-warnings extra/reset-password.js',
        lint: 'eslint src/a.ts src/b.ts',
        codegen: 'tsx tools-internal/codegen.ts',
      },
    });
    const role = (path: string) => fileRole({ path: join(root, path), text: 'export {};\n' }, NO_FILE_SETTINGS);
    expect(role('extra/download-dist.js')).toBe('script');
    expect(role('extra/push-examples/index.js')).toBe('script');
    // one file run from extra/release, but it is below extra/
    expect(role('extra/release/lib.mjs')).toBe('script');
    // the service's own folder, a linter's arguments, and a folder with one script stay product code
    expect(role('server/migrate.js')).toBe('product');
    expect(role('src/a.ts')).toBe('product');
    expect(role('tools-internal/codegen.ts')).toBe('product');
  });

  it("takes a folder whose files scripts named as the service's processes run for the service, not for scripts", () => {
    // a queue worker run as two processes: one enqueues the jobs, the other works them; each with a dev and a start script
    const worker = packageWith('queue-worker', {
      scripts: {
        build: 'tsc',
        'start-main': 'npm run build && node dist/main.js',
        'start-workers': 'npm run build && node dist/workers.js',
        'dev-main': 'tsx --watch src/main.ts',
        'dev-workers': 'tsx --watch src/workers.ts',
      },
    });
    const role = (path: string) => fileRole({ path: join(worker, path), text: 'export {};\n' }, NO_FILE_SETTINGS);
    expect(role('src/main.ts')).toBe('product');
    expect(role('src/clients/registry.ts')).toBe('product');
    // one process per script, named after it (`start:npm-worker`, `dev:api`)
    const processes = packageWith('registry-workers', {
      scripts: { 'start:npm-worker': 'node src/bin/npm-worker.js', 'dev:pypi-worker': 'tsx src/bin/pypi-worker.ts', 'serve:api': 'node src/bin/api.js' },
    });
    expect(fileRole({ path: join(processes, 'src/bin/npm-worker.js'), text: 'export {};\n' }, NO_FILE_SETTINGS)).toBe('product');
    // one-off tasks and tests named after dev or start are still scripts
    const tasks = packageWith('dev-tasks', {
      scripts: { start: 'node server.js', 'dev:seed-users': 'tsx chores/seed-users.ts', 'dev:reset': 'tsx chores/reset.ts', 'start:e2e': 'node chores/e2e-server.js' },
    });
    expect(fileRole({ path: join(tasks, 'chores/reset.ts'), text: 'export {};\n' }, NO_FILE_SETTINGS)).toBe('script');
    expect(fileRole({ path: join(tasks, 'chores/helpers.ts'), text: 'export {};\n' }, NO_FILE_SETTINGS)).toBe('script');
  });

  it('reads past the runtime options that take a value (a loader, a preload) to the file the script runs', () => {
    const root = packageWith('loaded', {
      type: 'module',
      scripts: {
        start: 'node --loader ./alias-loader.mjs src/server.js',
        'db:create': 'node --loader ./alias-loader.mjs ./bin/database/create.js',
        'db:drop': 'node --import ./register.mjs -r dotenv/config ./bin/database/drop.js',
      },
    });
    const role = (path: string) => fileRole({ path: join(root, path), text: 'export {};\n' }, NO_FILE_SETTINGS);
    // the database set-up scripts and the helpers beside them are scripts, not the service
    expect(role('bin/database/utils.js')).toBe('script');
    expect(role('bin/database/create.js')).toBe('script');
    // what `start` runs is the service, and the loader beside package.json is not a script folder
    expect(role('src/server.js')).toBe('product');
    expect(role('src/helpers/http.js')).toBe('product');
    expect(role('alias-loader.mjs')).toBe('product');
  });
});

describe('overrides', () => {
  const settings: FileSettings = {
    roles: { 'scripts/release/**': 'product', 'src/legacy/**': 'example', 'src/proto/**': 'generated' },
    environments: { 'apps/dashboard/**': 'browser' },
  };

  it('take precedence over the path and the header, at any depth', () => {
    expect(fileRole({ path: '/repo/scripts/release/publish.ts', relativePath: 'scripts/release/publish.ts' }, settings)).toBe('product');
    expect(fileRole({ path: '/repo/src/legacy/old.ts', relativePath: 'src/legacy/old.ts' }, settings)).toBe('example');
    expect(fileRole({ path: '/repo/src/proto/orders.ts', text: 'export {};' }, settings)).toBe('generated');
    expect(fileRole({ path: '/repo/scripts/other.ts', relativePath: 'scripts/other.ts' }, settings)).toBe('script');
  });

  it('say where a file runs', () => {
    expect(fileEnvironment('/repo/apps/dashboard/src/api.ts', 'export {};', settings)).toBe('browser');
  });
});

describe('fileEnvironment', () => {
  it('reads the directives and the shebang', () => {
    expect(fileEnvironment('/repo/src/a.ts', "'use client';\nexport {};", NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment('/repo/src/a.ts', '/** actions */\n"use server";\nexport {};', NO_FILE_SETTINGS)).toBe('server');
    expect(fileEnvironment('/repo/src/a.ts', '#!/usr/bin/env node\nexport {};', NO_FILE_SETTINGS)).toBe('cli');
  });

  it('reads the package: a front end, a server, a bin', () => {
    const web = packageWith('web', { dependencies: { react: '^19', 'react-dom': '^19' }, devDependencies: { vite: '^7' } });
    const api = packageWith('api', { dependencies: { express: '^5' } });
    const tool = packageWith('tool', { bin: { tool: './src/cli.js' } });
    expect(fileEnvironment(join(web, 'src/api.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(api, 'src/routes.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('server');
    expect(fileEnvironment(join(tool, 'src/cli.js'), 'export {};', NO_FILE_SETTINGS)).toBe('cli');
    expect(fileEnvironment(join(tool, 'src/lib.js'), 'export {};', NO_FILE_SETTINGS)).toBe('cli');
  });

  it('reads a front end whose only server framework is a devDependency (a static proxy for previews) as the browser', () => {
    const spa = packageWith('spa-with-proxy', { dependencies: { react: '^19', 'react-dom': '^19' }, devDependencies: { vite: '^7', express: '^5' } });
    expect(fileEnvironment(join(spa, 'src/api/client.ts'), "export const get = (path: string) => fetch(`${API}${path}`);\n", NO_FILE_SETTINGS)).toBe('browser');
    // the proxy itself imports the framework: that file is the server
    expect(fileEnvironment(join(spa, 'proxy.js'), "import express from 'express';\nexpress().listen(8080);\n", NO_FILE_SETTINGS)).toBe('server');
    // a front end that ships its server (the framework among its dependencies), and a server that tests with one among
    // its devDependencies, stay servers
    const shipped = packageWith('spa-with-server', { dependencies: { react: '^19', 'react-dom': '^19', express: '^5' }, devDependencies: { vite: '^7' } });
    expect(fileEnvironment(join(shipped, 'src/api/client.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('server');
    const service = packageWith('dev-only-service', { devDependencies: { fastify: '^5', typescript: '^5' } });
    expect(fileEnvironment(join(service, 'src/routes.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('server');
  });

  it('reads a desktop app (Electron) as client code, its main process included; a service beside it stays a server', () => {
    // electron and electron-builder as devDependencies, an embedded server and database among its dependencies
    const agent = packageWith('desktop-agent', { private: true, dependencies: { express: '^4', mysql2: '^3', 'node-fetch': '^2' }, devDependencies: { electron: '^38', 'electron-builder': '^25' } });
    expect(fileEnvironment(join(agent, 'src/main/api.ts'), "import * as fs from 'node:fs';\nexport const push = (url: string) => fetch(url, { method: 'POST' });\n", NO_FILE_SETTINGS)).toBe('browser');
    // a library of the desktop apps, with only an electron-builder configuration to say so
    const lib = packageWith('desktop-lib', { private: true, main: './src/index.js', dependencies: { knex: '^3' } });
    writeFileSync(join(lib, 'electron-builder.yml'), 'appId: com.example.desktop\n');
    expect(fileEnvironment(join(lib, 'src/states/connectivity.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('browser');
    // the manifest an Electron app ships in its bundle (electron-builder's two-package layout): no electron, but its
    // builder's configuration, or a library that only runs inside Electron
    const bundled = packageWith('desktop-bundle', { private: true, main: 'index.js', build: { appId: 'com.example.agent', mac: {}, win: {} }, dependencies: { 'node-fetch': '^2' } });
    expect(fileEnvironment(join(bundled, 'src/api.ts'), "import * as fs from 'node:fs';\nexport {};", NO_FILE_SETTINGS)).toBe('browser');
    const store = packageWith('desktop-store', { private: true, dependencies: { 'electron-store': '^8', 'node-fetch': '^2' } });
    expect(fileEnvironment(join(store, 'src/api.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('browser');
    // control: a server the desktop apps embed, listing an Electron-only library and an Electron error tracker
    const core = packageWith('embedded-core', { dependencies: { '@nestjs/core': '^11', 'electron-store': '^8', '@sentry/electron': '^7' } });
    expect(fileEnvironment(join(core, 'src/storage.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('server');
    // a module using Electron's API, in a package that does not list electron (the monorepo's root does)
    const service = packageWith('desktop-service', { dependencies: { express: '^4' } });
    expect(fileEnvironment(join(service, 'src/window.ts'), "import { BrowserWindow } from 'electron';\nexport {};", NO_FILE_SETTINGS)).toBe('browser');
    // controls: the Node service's own modules, and a monorepo root keeping electron for its apps' builds
    expect(fileEnvironment(join(service, 'src/push.ts'), "import fetch from 'node-fetch';\nexport {};", NO_FILE_SETTINGS)).toBe('server');
    const built = packageWith('build-settings-service', { build: { target: 'node20' }, dependencies: { express: '^4' } });
    expect(fileEnvironment(join(built, 'src/routes.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('server');
    const root = packageWith('desktop-monorepo', { private: true, workspaces: ['apps/*'], dependencies: { '@nestjs/core': '^11' }, devDependencies: { electron: '^38' } });
    expect(fileEnvironment(join(root, 'src/main.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('server');
  });

  it("reads a page's store or router module as browser code, in a package that serves its build with a server of its own", () => {
    // a Vue dashboard whose package also lists the small server that serves its build (met in the thirtieth round)
    const dashboard = packageWith('bot-dashboard', { dependencies: { fastify: '^4', '@fastify/static': '^7' }, devDependencies: { vite: '^5', vue: '^3', vuex: '^4' } });
    expect(fileEnvironment(join(dashboard, 'src/store/index.ts'), "import { createStore } from 'vuex';\nexport const store = createStore({});\n", NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(dashboard, 'src/routes.ts'), "import { createRouter, createWebHistory } from 'vue-router';\nexport {};\n", NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(dashboard, 'src/stores/auth.ts'), "import { defineStore } from 'pinia';\nexport {};\n", NO_FILE_SETTINGS)).toBe('browser');
    // control: the server that serves the build
    expect(fileEnvironment(join(dashboard, 'serve.js'), "import Fastify from 'fastify';\nconst app = Fastify();\n", NO_FILE_SETTINGS)).toBe('server');
  });

  it('reads an AMD module and a service worker as browser code, in a package that also has a server', () => {
    const forum = packageWith('forum', { dependencies: { express: '^5' } });
    const adminPage = "'use strict';\ndefine('admin/users', ['api', 'alerts'], (api, alerts) => {\n  return { init() { api.get('/admin/users'); } };\n});\n";
    const worker = "self.addEventListener('fetch', (event) => {\n  event.respondWith(fetch(event.request));\n});\n";
    expect(fileEnvironment(join(forum, 'public/src/admin/users.js'), adminPage, NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(forum, 'public/src/worker.js'), worker, NO_FILE_SETTINGS)).toBe('browser');
    // `self` as a saved `this`, and a `define` that is a method of something else, say nothing of the browser
    const emitter = 'const self = this;\nself.addEventListener(\'close\', () => self.flush());\nregistry.define(\'x\', [1]);\n';
    expect(fileEnvironment(join(forum, 'src/socket.js'), emitter, NO_FILE_SETTINGS)).toBe('server');
  });

  it("does not take a type or a schema enum of a server library for server code, nor a comment naming one", () => {
    const plain = packageWith('plain-models', { private: true });
    const at = (text: string) => fileEnvironment(join(plain, 'src/models/account.js'), text, NO_FILE_SETTINGS);
    // a JSDoc type, a type-only import, inline type specifiers: erased, they run nowhere
    expect(at('/**\n * @returns {Promise<import("@prisma/client").User | null>}\n */\nexport const current = () => fetch("/api/me");\n')).toBe('unknown');
    expect(at("import type { User } from '@prisma/client';\nexport const name = (user: User) => user.name;\n")).toBe('unknown');
    expect(at("import { type Request, type Response } from 'express';\nexport const ok = (_: Request, res: Response) => res;\n")).toBe('unknown');
    // Prisma's enums have a browser build: a page may import them
    expect(at("import { Role } from '@prisma/client';\nexport const isAdmin = (role: Role) => role === Role.ADMIN;\n")).toBe('unknown');
    // the client itself, and a value import after a type-only one (no semicolons), are the server's
    expect(at("import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n")).toBe('server');
    expect(at("import type { Request } from 'express'\nimport { Router } from 'express'\nexport const router = Router()\n")).toBe('server');
    expect(at("// the server uses require('fs') here\nexport {};\n")).toBe('unknown');
  });

  it('reads a standalone Nitro server (a proxy in front of a third-party API) as a server', () => {
    const proxy = packageWith('nitro-proxy', { private: true, devDependencies: { nitropack: '^2.9', ofetch: '^1.3' } });
    expect(fileEnvironment(join(proxy, 'routes/tmdb/[...path].ts'), 'export default defineEventHandler(() => 1);', NO_FILE_SETTINGS)).toBe('server');
  });

  it('reads a browser build that is also the main one (a universal UMD client) as no sign of the browser', () => {
    const universal = packageWith('universal-client', { version: '1.0.0', main: './dist/umd/client.min.js', browser: './dist/umd/client.min.js', module: './dist/index.mjs' });
    expect(fileEnvironment(join(universal, 'src/transport.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('unknown');
    // a browser build of its own beside the main one: the package is made for the browser
    const split = packageWith('split-client', { version: '1.0.0', main: './dist/node.js', browser: './dist/browser.js' });
    expect(fileEnvironment(join(split, 'src/transport.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('browser');
    // but its Node half, the module sending over Node's own http (met on influxdb-client-js), is no page's
    expect(fileEnvironment(join(split, 'src/impl/node/transport.ts'), "import * as https from 'https';\nexport const send = https.request;\n", NO_FILE_SETTINGS)).toBe('unknown');
    expect(fileEnvironment(join(split, 'src/impl/node/gzip.js'), "const zlib = require('zlib');\nmodule.exports = zlib.gzipSync;\n", NO_FILE_SETTINGS)).toBe('unknown');
    // a type from it, or a mention in a comment, says nothing
    expect(fileEnvironment(join(split, 'src/impl/types.ts'), "import type { IncomingMessage } from 'http';\n// uses require('http') in node\nexport type R = IncomingMessage;\n", NO_FILE_SETTINGS)).toBe('browser');
    // unless the package names the Node versions its main build runs on: an SDK for both (met on dropbox-sdk-js)
    const both = packageWith('both-sdk', { version: '1.0.0', main: 'cjs/index.js', module: 'es/index.js', browser: 'dist/sdk.min.js', engines: { node: '>=22' } });
    expect(fileEnvironment(join(both, 'src/auth.js'), 'export {};', NO_FILE_SETTINGS)).toBe('unknown');
  });

  it('reads a package whose browser field maps its platform files to browser ones as no browser package', () => {
    const universal = packageWith('universal-exporter', {
      version: '1.0.0', main: 'build/src/index.js',
      browser: { './src/platform/index.ts': './src/platform/browser/index.ts', './build/src/platform/index.js': './build/src/platform/browser/index.js' },
    });
    // the Node platform's file is what Node loads; the browser one still shows the browser by its code
    expect(fileEnvironment(join(universal, 'src/platform/node/send.ts'), "import * as https from 'https';\nexport const post = https.request;\n", NO_FILE_SETTINGS)).toBe('unknown');
    expect(fileEnvironment(join(universal, 'src/platform/browser/send.ts'), 'export const post = (body: string) => navigator.sendBeacon(\'/v1/spans\', body);\n', NO_FILE_SETTINGS)).toBe('browser');
  });

  it('counts a package that ships a command as a tool, even when it starts a local server of its own', () => {
    const devTool = packageWith('dev-tool', { bin: { devtool: './bin/run.js' }, dependencies: { express: '^5' } });
    expect(fileEnvironment(join(devTool, 'src/commands/invoke.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('cli');
  });

  it('counts a plugin that gives a command-line tool its commands as the tool, though it ships no bin', () => {
    const oclifPlugin = packageWith('deploy-plugin', { main: './dist/index.js', oclif: { commands: './dist/commands' } });
    expect(fileEnvironment(join(oclifPlugin, 'src/commands/deploy.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('cli');
    const toolPlugin = packageWith('exec-plugin', { main: './dist/index.js', 'snapper-cli': { commands: ['./dist/exec.js'] } });
    expect(fileEnvironment(join(toolPlugin, 'src/stop.js'), 'export {};', NO_FILE_SETTINGS)).toBe('cli');
    // a script named `commands` is no tool's command list
    const library = packageWith('plain-library', { main: './dist/index.js', scripts: { commands: 'node list.js' } });
    expect(fileEnvironment(join(library, 'src/index.js'), 'export {};', NO_FILE_SETTINGS)).toBe('unknown');
  });

  it('counts a command built with a front-end bundler as a tool, unless its code shows the browser', () => {
    const cli = packageWith('bundled-cli', { bin: { app: './dist/index.js' }, devDependencies: { vite: '^7' } });
    expect(fileEnvironment(join(cli, 'src/commands/dump.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('cli');
    expect(fileEnvironment(join(cli, 'src/ui/panel.ts'), "import { createRoot } from 'react-dom/client';\nexport {};", NO_FILE_SETTINGS)).toBe('browser');
  });

  it('reads a package\'s public/ folder, served to browsers as it is, as a page\'s (met on saltcorn, tuned on)', () => {
    const server = packageWith('low-code-server', { dependencies: { express: '^5', pg: '^8' } });
    // a vendored editor's loader the server hands out as a static file
    expect(fileEnvironment(join(server, 'public/monaco/loader.js'), "fetch('/monaco/editor.main.js');", NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(server, 'src/public/widgets.js'), 'export {};', NO_FILE_SETTINGS)).toBe('browser');
    // a route module named for what it serves is the server's own
    expect(fileEnvironment(join(server, 'routes/public.ts'), "import express from 'express';\nexport {};", NO_FILE_SETTINGS)).toBe('server');
    // a folder of the server's code that happens to be called public, deeper down, is not a static folder
    expect(fileEnvironment(join(server, 'src/api/public/feeds.ts'), "import express from 'express';\nexport {};", NO_FILE_SETTINGS)).toBe('server');
  });

  it('reads a Capacitor app, whose scripts add its device platforms, as running where the person is (met on saltcorn)', () => {
    const mobile = packageWith('mobile-app', { scripts: { build: 'webpack', 'add-platform': 'npx cap add' }, dependencies: { 'universal-router': '^9', 'crypto-browserify': '^3' } });
    expect(fileEnvironment(join(mobile, 'src/helpers/api.js'), 'export async function apiCall() {}', NO_FILE_SETTINGS)).toBe('browser');
    // Node's modules bundled for a browser say nothing by themselves: a server's data layer ships them for its mobile build
    const data = packageWith('data-layer', { dependencies: { 'crypto-browserify': '^3', 'stream-browserify': '^3', 'node-fetch': '^2' } });
    expect(fileEnvironment(join(data, 'src/actions.ts'), "import fetch from 'node-fetch';\nexport {};", NO_FILE_SETTINGS)).not.toBe('browser');
    const ionic = packageWith('ionic-app', { dependencies: { '@ionic/react': '^8', '@capacitor/core': '^6' } });
    expect(fileEnvironment(join(ionic, 'src/api.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('browser');
  });

  it("reads the markers a bundler enforces: *.client.*, a client-only/ folder, the client-only and server-only imports", () => {
    const app = packageWith('remix-app', { dependencies: { '@remix-run/react': '^2', hono: '^4' } });
    // a `.client` module is kept out of the server bundle, even under server/
    expect(fileEnvironment(join(app, 'server/api/ai/detect-fields.client.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(app, 'lib/client-only/download-pdf.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(app, 'lib/limits.ts'), "import 'client-only';\nexport {};", NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(app, 'components/Limits.tsx'), "import 'server-only';\nexport {};", NO_FILE_SETTINGS)).toBe('server');
    // a file merely named after a client, or a client-only folder's sibling, says nothing
    expect(fileEnvironment(join(app, 'server/api/stripe-client.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('server');
    // outside a full-stack framework, `*.client.ts` is a client OF something: a NestJS service's client of another
    const service = packageWith('nest-orders', { dependencies: { '@nestjs/common': '^10', axios: '^1' } });
    expect(fileEnvironment(join(service, 'src/clients/billing.client.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('unknown');
    // nor does Next.js give the name a meaning: saleor's CMS app keeps the Builder.io API client, which its webhook
    // routes call, in `builder-io.client.ts`; where it runs is its importers' to say, as for any module of the app
    const next = packageWith('next-cms-app', { dependencies: { next: '^15', react: '^19' } });
    expect(environmentIsDeclared(join(next, 'src/modules/providers/builder-io.client.ts'), 'export {};', NO_FILE_SETTINGS)).toBe(false);
    expect(environmentIsDeclared(join(app, 'app/routes/download.client.ts'), 'export {};', NO_FILE_SETTINGS)).toBe(true);
    expect(fileEnvironment(join(app, 'server/client-only-notes/x.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('server');
  });

  it('tells the server files of a full-stack framework from its pages', () => {
    const app = packageWith('next-app', { dependencies: { next: '^16', react: '^19' } });
    expect(fileEnvironment(join(app, 'app/api/orders/route.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('server');
    expect(fileEnvironment(join(app, 'pages/api/orders.ts'), 'export {};', NO_FILE_SETTINGS)).toBe('server');
    expect(fileEnvironment(join(app, 'components/Orders.tsx'), 'export {};', NO_FILE_SETTINGS)).toBe('browser');
  });

  it('reads the code where the package says nothing: DOM globals, front-end imports, components', () => {
    const plain = packageWith('plain', { name: 'plain' });
    expect(fileEnvironment(join(plain, 'src/a.js'), "document.querySelector('form');", NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(plain, 'src/a.js'), "import { useState } from 'react';", NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(plain, 'src/main.ts'), "import { bootstrapApplication } from '@angular/platform-browser';", NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(plain, 'src/Users.vue'), '', NO_FILE_SETTINGS)).toBe('browser');
    // a browser extension's background worker, by its APIs (a package with no dependencies)
    expect(fileEnvironment(join(plain, 'src/background.ts'), "chrome.alarms.onAlarm.addListener(refresh);", NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(plain, 'src/a.ts'), "const browser = await launch(); await browser.newPage();", NO_FILE_SETTINGS)).toBe('unknown');
    // a Node worker driving a headless browser: the functions it hands the page run there, not in the module
    const driver = "export async function titleOf(page: Page) {\n  const heading = await page.evaluate(() => document.querySelector('h1')?.textContent);\n  const links = await page.$$eval('a', (anchors) => anchors.map((a) => a.href + window.location.search));\n  return heading ?? links[0];\n}\n";
    expect(fileEnvironment(join(plain, 'src/title.ts'), driver, NO_FILE_SETTINGS)).toBe('unknown');
    expect(fileEnvironment(join(plain, 'src/title.ts'), `${driver}export const here = () => document.title;\n`, NO_FILE_SETTINGS)).toBe('browser');
    // isomorphic code testing for the DOM is not browser code
    expect(fileEnvironment(join(plain, 'src/a.js'), "if (typeof window !== 'undefined') window.addEventListener('x', f);", NO_FILE_SETTINGS)).toBe('unknown');
    // but a module making the browser's peer connections or media streams runs in a page, whatever it tests for (an
    // SDK's calls module asking `typeof window` only to say whether calls are supported)
    const calls = "export const supported = () => typeof window !== 'undefined';\nexport function connect() { return new window.RTCPeerConnection({ iceServers: [] }); }";
    expect(fileEnvironment(join(plain, 'src/webrtc/call.ts'), calls, NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(plain, 'src/webrtc/group.ts'), 'export const silent = () => new MediaStream();', NO_FILE_SETTINGS)).toBe('browser');
  });

  it("counts a Next.js App Router page as server code (a server component) unless it says 'use client'", () => {
    const app = packageWith('next-pages', { dependencies: { next: '^16', react: '^19' } });
    expect(fileEnvironment(join(app, 'app/pricing/page.tsx'), 'export {};', NO_FILE_SETTINGS)).toBe('server');
    expect(fileEnvironment(join(app, 'src/app/layout.tsx'), 'export {};', NO_FILE_SETTINGS)).toBe('server');
    expect(fileEnvironment(join(app, 'app/pricing/page.tsx'), "'use client';\nexport {};", NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(app, 'app/pricing/plan-card.tsx'), 'export {};', NO_FILE_SETTINGS)).toBe('browser');
  });

  it("takes a Next.js module that imports the framework's server-side types for server code", () => {
    const app = packageWith('next-dashboard', { dependencies: { next: '^14', react: '^18', 'react-dom': '^18', axios: '^1' } });
    // a helper of getServerSideProps in src/lib: it is handed the request's context, so it runs on the server
    const helper = "import axios from 'axios';\nimport type { GetServerSidePropsContext } from 'next';\nexport const exchange = (ctx: GetServerSidePropsContext) => axios.post(url, ctx.query);";
    expect(fileEnvironment(join(app, 'src/lib/oauth.ts'), helper, NO_FILE_SETTINGS)).toBe('server');
    expect(fileEnvironment(join(app, 'src/lib/api.ts'), "import { NextApiRequest, NextApiResponse } from 'next';\nexport {};", NO_FILE_SETTINGS)).toBe('server');
    // a page's types say nothing of where a module runs; a page itself holds both halves, told apart per call
    expect(fileEnvironment(join(app, 'src/lib/layout.ts'), "import type { NextPage } from 'next';\nexport {};", NO_FILE_SETTINGS)).toBe('browser');
    expect(fileEnvironment(join(app, 'src/pages/index.tsx'), "import { GetServerSideProps } from 'next';\nexport {};", NO_FILE_SETTINGS)).toBe('browser');
  });

  it("takes a module importing what only Node has for server code, whatever its package or extension say", () => {
    const emails = packageWith('emails', { dependencies: { react: '^19', 'react-dom': '^19', nodemailer: '^8' } });
    const templates = "import React from 'react';\nimport { createTransport } from 'nodemailer';\nexport {};";
    expect(fileEnvironment(join(emails, 'src/index.tsx'), templates, NO_FILE_SETTINGS)).toBe('server');
    expect(fileEnvironment(join(emails, 'src/Welcome.tsx'), "import React from 'react';\nexport {};", NO_FILE_SETTINGS)).toBe('browser');
    const terminal = packageWith('terminal-ui', { bin: { shop: './bin/run.js' }, dependencies: { react: '^19', ink: '^6' } });
    expect(fileEnvironment(join(terminal, 'src/ui/Tasks.tsx'), "import { render } from 'ink';\nexport {};", NO_FILE_SETTINGS)).toBe('cli');
  });

  it('reads a package.json again once the project model forgets its modules (a dependency was added in the editor)', () => {
    const app = packageWith('growing', { dependencies: {} });
    const file = join(app, 'src/orders.ts');
    expect(fileEnvironment(file, 'export {};', NO_FILE_SETTINGS)).toBe('unknown');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ dependencies: { express: '^5' } }));
    forgetAllModules();
    expect(fileEnvironment(file, 'export {};', NO_FILE_SETTINGS)).toBe('server');
  });
});

describe('the rules', () => {
  const gap = "export const load = () => fetch('https://api.example.com/orders');\n";
  const lint = (text: string, settings?: object) => {
    const config = [...(plugin.configs.recommended as unknown as Linter.Config[]), ...(settings ? [{ settings: { resilint: settings } }] : [])];
    return new Linter({ configType: 'flat' }).verify(text, config, { filename: 'src/orders.ts' }).map((message) => message.ruleId);
  };

  it('leave generated code alone: its fix belongs in the generator', () => {
    expect(lint(gap)).toEqual(['resilint/require-timeout']);
    expect(lint(`// @generated by openapi-typescript-codegen\n${gap}`)).toEqual([]);
  });

  it('follow the roles set in settings.resilint.files, both ways', () => {
    expect(lint(`// @generated by openapi-typescript-codegen\n${gap}`, { files: { roles: { 'src/orders.ts': 'product' } } })).toEqual(['resilint/require-timeout']);
    expect(lint(gap, { files: { roles: { 'src/*.ts': 'example' } } })).toEqual([]);
  });

  it('fail with the key to change on invalid file settings', () => {
    expect(() => lint(gap, { files: { roles: { 'src/**': 'sample' } } })).toThrow("Invalid settings.resilint.files.roles['src/**']: it must be one of product, test, example, template, docs, script, tooling, benchmark, generated");
  });
});
