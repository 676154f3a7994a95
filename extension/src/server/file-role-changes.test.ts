import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import * as pluginModule from 'eslint-plugin-resilint';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ResilintLinter, type LintPlugin } from './linting.js';
import { ResilintService, type ProjectModelHooks, type ServiceHost } from './service.js';
import { WATCHED_FILES } from './watched-files.js';

// Which role a file has (product code, test code) and where it runs are decided from files beside the sources: an
// Nx project's project.json, a Jest or Vitest config naming a global set-up. When one of them changes on disk, the
// open files are linted again with their roles decided afresh, as they are when a package.json changes.
const plugin = ((pluginModule as { default?: LintPlugin }).default ?? pluginModule) as LintPlugin;
const projectModel = (pluginModule as unknown as { projectModel: ProjectModelHooks }).projectModel;

const workspaces: string[] = [];
afterAll(() => {
  for (const root of workspaces) rmSync(root, { recursive: true, force: true });
});

function workspace(files: Record<string, string | object>): (path: string, text: string | object) => string {
  const root = mkdtempSync(join(tmpdir(), 'resilint-role-files-'));
  workspaces.push(root);
  const write = (path: string, text: string | object): string => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof text === 'string' ? text : JSON.stringify(text));
    return file;
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  return write;
}

function setUp(): { server: ResilintService; open: Map<string, TextDocument>; relinted: string[] } {
  const open = new Map<string, TextDocument>();
  const relinted: string[] = [];
  const host: ServiceHost = {
    configuration: () => Promise.resolve({}),
    publishDiagnostics: () => undefined,
    log: () => undefined,
    openDocument: (uri) => open.get(uri),
    workspaceFolders: () => [],
    openDocuments: () => [...open.values()],
    lintLater: (uri) => relinted.push(uri),
  };
  return { server: new ResilintService(new ResilintLinter(plugin, tsParser as never), host, () => undefined, projectModel), open, relinted };
}

const codes = (diagnostics: Diagnostic[] | undefined): unknown[] => (diagnostics ?? []).map((diagnostic) => diagnostic.code);

async function openFile(setup: ReturnType<typeof setUp>, path: string, text: string): Promise<TextDocument> {
  const document = TextDocument.create(pathToFileURL(path).href, 'typescript', 1, text);
  setup.open.set(document.uri, document);
  return document;
}

const profileService = "import axios from 'axios';\nexport const profile = async (id: string) => (await axios.get('https://accounts.example.test/profiles/' + id)).data;\n";

describe('open files whose role a project file decides', () => {
  it('asks the client to watch project.json and JSON Jest configs', () => {
    expect(WATCHED_FILES).toContain('project.json');
    expect(WATCHED_FILES).toContain('jest.config.json');
  });

  it("are linted again, as a page's code, when their Nx project's project.json now builds them for the web", async () => {
    const write = workspace({
      'package.json': { name: '@shop/source', private: true, dependencies: { axios: '^1', react: '^18', '@nestjs/core': '^10' }, devDependencies: { nx: '^19' } },
      'nx.json': {},
      'apps/accounts/project.json': { projectType: 'application', targets: { build: { executor: '@nx/node:build', options: { main: 'apps/accounts/src/main.ts' } } } },
    });
    const file = write('apps/accounts/src/profile.ts', profileService);
    const setup = setUp();
    const document = await openFile(setup, file, profileService);
    expect(codes(await setup.server.lintDocument(document))).toContain('require-timeout');
    const projectFile = write('apps/accounts/project.json', { projectType: 'application', targets: { build: { executor: '@nx/vite:build', options: { outputPath: 'dist/apps/accounts' } } } });
    setup.server.filesChanged([projectFile]);
    expect(setup.relinted).toEqual([document.uri]);
    expect(codes(await setup.server.lintDocument(document))).not.toContain('require-timeout');
  });

  it("are linted again, as test code, when the package's Jest config now names them its global set-up", async () => {
    const startServices = "import axios from 'axios';\nexport default async function startServices() {\n  await axios.post('https://sandbox.example.test/environments', { name: 'e2e' });\n}\n";
    const write = workspace({
      'package.json': { name: 'billing', private: true, dependencies: { axios: '^1', express: '^4' }, devDependencies: { jest: '^29' } },
      'jest.config.js': "module.exports = { testEnvironment: 'node' };\n",
    });
    const file = write('start-services.ts', startServices);
    const setup = setUp();
    const document = await openFile(setup, file, startServices);
    expect(codes(await setup.server.lintDocument(document))).toContain('require-timeout');
    const config = write('jest.config.js', "module.exports = { testEnvironment: 'node', globalSetup: './start-services.ts' };\n");
    setup.server.filesChanged([config]);
    expect(setup.relinted).toEqual([document.uri]);
    expect(codes(await setup.server.lintDocument(document))).not.toContain('require-timeout');
  });
});
