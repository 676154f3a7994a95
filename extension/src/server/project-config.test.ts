import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ResilintLinter } from './linting.js';
import { ResilintService } from './service.js';
import { TestHost, plugin, runtime } from './test-support.js';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
let workspace: string;
let host: TestHost;
let service: ResilintService;
let trusted: boolean;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'resilint-project-config-'));
  host = new TestHost();
  host.folders = [pathToFileURL(workspace).href];
  trusted = true;
  host.workspaceTrusted = () => trusted;
  service = new ResilintService(new ResilintLinter(plugin, tsParser as never), host, () => runtime);
});

afterEach(() => rmSync(workspace, { recursive: true, force: true }));

function write(relativePath: string, text: string): string {
  const path = join(workspace, relativePath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function open(relativePath: string, text = 'export const load = () => fetch("/orders");\n'): TextDocument {
  const document = TextDocument.create(pathToFileURL(write(relativePath, text)).href, 'typescript', 1, text);
  host.documents.set(document.uri, document);
  return document;
}

// What `import resilint from 'eslint-plugin-resilint'` gives a project's config: ESLint checks each configured
// rule against the project's own copy of the plugin (here a stand-in that takes any options).
const PLUGIN = "const resilint = { rules: { 'bare-fetch': { meta: { schema: false }, create: () => ({}) } } };\n";

const severities = async (document: TextDocument) => (await service.lintDocument(document))!.map((diagnostic) => diagnostic.severity);

// ESLint lints a .ts file only where a config object's `files` matches it, as TypeScript projects' configs do.
describe("the project's own ESLint config, in a trusted workspace", () => {
  it('turns a rule off or up for the files it covers; resilint.rules still wins', async () => {
    write('services/billing/eslint.config.mjs', `${PLUGIN}export default [{ files: ['**/*.ts'], plugins: { resilint }, rules: { 'resilint/bare-fetch': 'off' } }];\n`);
    write('services/search/eslint.config.js', `${PLUGIN}module.exports = [{ files: ['**/*.ts'], plugins: { resilint }, rules: { 'resilint/bare-fetch': 'error' } }];\n`);
    write('services/search/package.json', '{ "type": "commonjs" }\n');
    expect(await severities(open('services/billing/src/charges.ts'))).toEqual([]);
    expect(await severities(open('services/search/src/query.ts'))).toEqual([DiagnosticSeverity.Error]);
    // No config above this file: the bundled `recommended`.
    expect(await severities(open('services/shipping/src/rates.ts'))).toEqual([DiagnosticSeverity.Warning]);
    expect(host.logs.filter((line) => line.includes('Using the resilint/* rules'))).toHaveLength(2);

    host.settings = { rules: { 'bare-fetch': 'warn' } };
    service.configurationChanged();
    expect(await severities(open('services/billing/src/charges.ts'))).toEqual([DiagnosticSeverity.Warning]);
  });

  it("gives the rules the config's settings.resilint, under resilint.settings", async () => {
    write('eslint.config.mjs', "export default [{ files: ['**/*.ts'], settings: { resilint: { runtimeModule: '#policies' } } }];\n");
    const document = open('src/orders.ts');
    const actions = await service.codeActions(document, (await service.lintDocument(document))!);
    const wrap = await service.resolveCodeAction(actions.find((action) => action.title.startsWith('Wrap in timeout()'))!);
    expect(JSON.stringify(wrap.edit)).toContain("import { timeout } from '#policies';");
  });

  it('reads a config again when it changes on disk', async () => {
    const config = write('eslint.config.mjs', `${PLUGIN}export default [{ files: ['**/*.ts'], plugins: { resilint }, rules: { 'resilint/bare-fetch': 'off' } }];\n`);
    const document = open('src/orders.ts');
    expect(await severities(document)).toEqual([]);
    writeFileSync(config, `${PLUGIN}export default [{ files: ['**/*.ts'], plugins: { resilint }, rules: { 'resilint/bare-fetch': 'error' } }];\n`);
    utimesSync(config, new Date(), new Date(Date.now() + 5000));
    const relinted: string[] = [];
    host.openDocuments = () => [...host.documents.values()];
    host.lintLater = (uri) => relinted.push(uri);
    service.filesChanged([config]);
    expect(relinted).toEqual([document.uri]);
    expect(await severities(document)).toEqual([DiagnosticSeverity.Error]);
  });

  it('lints with the defaults, and says so once, when the config throws or gives a rule options it rejects', async () => {
    write('broken/eslint.config.mjs', "throw new Error('missing environment variable DATABASE_URL');\n");
    // Options the project's copy of the plugin takes and the bundled one rejects (another version).
    write('strict/eslint.config.mjs', `${PLUGIN}export default [{ files: ['**/*.ts'], plugins: { resilint }, rules: { 'resilint/bare-fetch': ['error', { deadline: 5 }] } }];\n`);
    const broken = open('broken/src/a.ts');
    expect(await severities(broken)).toEqual([DiagnosticSeverity.Warning]);
    expect(await severities(broken)).toEqual([DiagnosticSeverity.Warning]);
    expect(await severities(open('broken/src/b.ts'))).toEqual([DiagnosticSeverity.Warning]);
    const loadErrors = host.logs.filter((line) => line.includes('missing environment variable DATABASE_URL'));
    expect(loadErrors).toEqual([expect.stringMatching(/^error: Could not load .*broken\/eslint\.config\.mjs, so Resilint lints with its bundled defaults there until it changes: .*DATABASE_URL/)]);

    expect(await severities(open('strict/src/a.ts'))).toEqual([DiagnosticSeverity.Warning]);
    expect(host.logs.some((line) => /^error: The resilint\/\* rules of .*strict\/eslint\.config\.mjs do not apply/.test(line))).toBe(true);
  });

  it('skips an eslint.config.ts with a line saying why', async () => {
    write('eslint.config.ts', `${PLUGIN}export default [{ files: ['**/*.ts'], plugins: { resilint }, rules: { 'resilint/bare-fetch': 'off' } }];\n`);
    expect(await severities(open('src/a.ts'))).toEqual([DiagnosticSeverity.Warning]);
    expect(host.logs.some((line) => line.includes('eslint.config.ts (a TypeScript config needs jiti'))).toBe(true);
  });
});

describe('in an untrusted workspace', () => {
  it('does not load the config, says so once, and uses it once the workspace is trusted', async () => {
    trusted = false;
    write('eslint.config.mjs', "globalThis.resilintConfigLoaded = true;\nexport default [{ files: ['**/*.ts'], rules: { 'resilint/bare-fetch': 'off' } }];\n");
    const document = open('src/a.ts');
    expect(await severities(document)).toEqual([DiagnosticSeverity.Warning]);
    expect(await severities(open('src/b.ts'))).toEqual([DiagnosticSeverity.Warning]);
    expect((globalThis as { resilintConfigLoaded?: boolean }).resilintConfigLoaded).toBeUndefined();
    expect(host.logs.filter((line) => line.includes('The workspace is not trusted'))).toHaveLength(1);

    trusted = true;
    service.trustChanged();
    expect(await severities(document)).toEqual([]);
  });
});

describe("the files the project's ESLint configs choose", () => {
  const linted = () => [...host.published.entries()].filter(([, diagnostics]) => diagnostics.length > 0).map(([uri]) => uri.slice(pathToFileURL(workspace).href.length + 1)).sort();

  it('skips the files its ignores skip, open or in the whole workspace, and lints those no `files` pattern covers', async () => {
    write('eslint.config.mjs', "export default [{ files: ['src/**/*.ts'] }, { ignores: ['src/vendor/**'] }];\n");
    write('src/orders.ts', 'fetch("/orders");\n');
    write('src/vendor/sdk.ts', 'fetch("/sdk");\n');
    write('lib/shared.ts', 'fetch("/shared");\n');
    expect(await service.lintWorkspace()).toMatchObject({ files: 2, findings: 2 });
    expect(linted()).toEqual(['lib/shared.ts', 'src/orders.ts']);
    const vendored = open('src/vendor/sdk.ts', 'fetch("/sdk");\n');
    expect(await service.lintDocument(vendored)).toEqual([]);
    expect(host.logs).toContain(`info: Not linting ${join(workspace, 'src/vendor/sdk.ts')}: the ignores of ${join(workspace, 'eslint.config.mjs')} skip it.`);
  });

  it('gives each package of a monorepo the config ESLint 10 uses: the nearest above the file, even above the workspace folder', async () => {
    write('eslint.config.mjs', `${PLUGIN}export default [{ files: ['**/*.ts'], plugins: { resilint }, rules: { 'resilint/bare-fetch': 'error' } }];\n`);
    write('packages/legacy/eslint.config.mjs', `${PLUGIN}export default [{ files: ['**/*.ts'], plugins: { resilint }, rules: { 'resilint/bare-fetch': 'off' } }];\n`);
    expect(await severities(open('packages/legacy/src/a.ts'))).toEqual([]);
    expect(await severities(open('packages/api/src/a.ts'))).toEqual([DiagnosticSeverity.Error]);
    // the editor opened on one package: the repository's config above it still applies, as it does for ESLint
    host.folders = [pathToFileURL(join(workspace, 'packages/api')).href];
    const opened = new ResilintService(new ResilintLinter(plugin, tsParser as never), host, () => runtime);
    expect((await opened.lintDocument(open('packages/api/src/b.ts')))!.map((diagnostic) => diagnostic.severity)).toEqual([DiagnosticSeverity.Error]);
  });

  it("uses the workspace folder's config for every file when the project's own ESLint is 9, which looks configs up from its working directory", async () => {
    write('node_modules/eslint/package.json', '{ "name": "eslint", "version": "9.39.1" }\n');
    write('eslint.config.mjs', `${PLUGIN}export default [{ files: ['**/*.ts'], plugins: { resilint }, rules: { 'resilint/bare-fetch': 'error' } }];\n`);
    write('packages/legacy/eslint.config.mjs', `${PLUGIN}export default [{ files: ['**/*.ts'], plugins: { resilint }, rules: { 'resilint/bare-fetch': 'off' } }];\n`);
    expect(await severities(open('packages/legacy/src/a.ts'))).toEqual([DiagnosticSeverity.Error]);
  });

  it("chooses the linted files with the config's settings.resilint.files, as the rules do", async () => {
    write('eslint.config.mjs', "export default [{ files: ['**/*.ts'], settings: { resilint: { files: { roles: { 'scripts/release/**': 'product', 'src/legacy/**': 'example' } } } } }];\n");
    write('src/orders.ts', 'fetch("/orders");\n');
    write('src/legacy/old.ts', 'fetch("/old");\n');
    write('scripts/release/publish.ts', 'fetch("/publish");\n');
    write('scripts/seed.ts', 'fetch("/seed");\n');
    await service.lintWorkspace();
    expect(linted()).toEqual(['scripts/release/publish.ts', 'src/orders.ts']);
    expect(await service.lintDocument(open('src/legacy/old.ts', 'fetch("/old");\n'))).toEqual([]);
    // resilint.settings.files, when set, is the one that counts, in the selection as in the rules
    host.settings = { settings: { files: { roles: {} } } };
    service.configurationChanged();
    expect(await service.lintDocument(open('scripts/release/publish.ts', 'fetch("/publish");\n'))).toEqual([]);
  });

  it('lints the files the CLI lints with --use-eslint-config, by the same file roles', { timeout: 60_000 }, async () => {
    const plugin = pathToFileURL(join(REPOSITORY, 'eslint-plugin/dist/index.js')).href;
    write('eslint.config.mjs', `import resilint from '${plugin}';\nexport default [...resilint.configs.recommended, { files: ['**/*.ts'], settings: { resilint: { files: { roles: { 'scripts/release/**': 'product', 'src/legacy/**': 'example' } } } } }];\n`);
    for (const path of ['src/orders.ts', 'src/legacy/old.ts', 'scripts/release/publish.ts', 'scripts/seed.ts', 'test/orders.test.ts']) {
      write(path, `export const call = () => fetch('https://api.example.com/${path}');\n`);
    }
    await service.lintWorkspace();
    const cli = spawnSync(process.execPath, [join(REPOSITORY, 'eslint-plugin/bin/resilint.js'), '--use-eslint-config', '--format', 'json'], { cwd: workspace, encoding: 'utf8' });
    const reported = (JSON.parse(cli.stdout) as { filePath: string; messages: unknown[] }[])
      .filter((result) => result.messages.length > 0).map((result) => relative(workspace, result.filePath).split(sep).join('/')).sort();
    expect(reported).toEqual(['scripts/release/publish.ts', 'src/orders.ts']);
    expect(linted()).toEqual(reported);
  });
});
