import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import * as pluginModule from 'eslint-plugin-resilint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ResilintLinter, type LintPlugin } from './linting.js';
import { ResilintService, type ProjectModelHooks, type ServiceHost } from './service.js';

// The server keeps the project model's summaries of other modules warm and right: an open file that uses a module
// is linted again when that module changes in the editor or on disk.
const plugin = ((pluginModule as { default?: LintPlugin }).default ?? pluginModule) as LintPlugin;
const projectModel = (pluginModule as unknown as { projectModel: ProjectModelHooks }).projectModel;

const BOUNDED = "export async function apiFetch(path: string, init?: RequestInit) { return fetch(path, { signal: AbortSignal.timeout(1_000) }); }\n";
const FORWARDING = 'export async function apiFetch(path: string, init?: RequestInit) { return fetch(path, init); }\n';
const USERS = "import { apiFetch } from './http';\nexport const load = () => apiFetch('/users');\n";

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'resilint-dependents-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/http.ts'), BOUNDED);
  writeFileSync(join(root, 'src/users.ts'), USERS);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function setUp(): { server: ResilintService; open: Map<string, TextDocument>; relinted: string[]; published: Map<string, Diagnostic[]> } {
  const open = new Map<string, TextDocument>();
  const relinted: string[] = [];
  const published = new Map<string, Diagnostic[]>();
  const host: ServiceHost = {
    configuration: () => Promise.resolve({}),
    publishDiagnostics: (uri, diagnostics) => published.set(uri, diagnostics),
    log: () => undefined,
    openDocument: (uri) => open.get(uri),
    workspaceFolders: () => [],
    openDocuments: () => [...open.values()],
    lintLater: (uri) => relinted.push(uri),
  };
  const server = new ResilintService(new ResilintLinter(plugin, tsParser as never), host, () => undefined, projectModel);
  return { server, open, relinted, published };
}

const codes = (diagnostics: Diagnostic[] | undefined): unknown[] => (diagnostics ?? []).map((diagnostic) => diagnostic.code);

describe('open files that use a module', () => {
  it('are linted again when the module changes in the editor, with the editor text counting', async () => {
    const { server, open, relinted } = setUp();
    const usersUri = pathToFileURL(join(root, 'src/users.ts')).href;
    const httpUri = pathToFileURL(join(root, 'src/http.ts')).href;
    const users = TextDocument.create(usersUri, 'typescript', 1, USERS);
    open.set(usersUri, users);
    expect(codes(await server.lintDocument(users))).not.toContain('require-timeout');

    let http = TextDocument.create(httpUri, 'typescript', 1, BOUNDED);
    open.set(httpUri, http);
    await server.lintDocument(http);
    expect(relinted).toEqual([]); // opened unchanged: nothing another file sees changed

    http = TextDocument.update(http, [{ text: FORWARDING }], 2);
    open.set(httpUri, http);
    await server.lintDocument(http);
    expect(relinted).toEqual([usersUri]);
    expect(codes(await server.lintDocument(users))).toContain('require-timeout');

    // closed without saving: the disk's text counts again
    open.delete(httpUri);
    await server.forget(http);
    expect(relinted).toEqual([usersUri, usersUri]);
    expect(codes(await server.lintDocument(users))).not.toContain('require-timeout');
  });

  it('are linted again when the module changes on disk', async () => {
    const { server, open, relinted } = setUp();
    const usersUri = pathToFileURL(join(root, 'src/users.ts')).href;
    const users = TextDocument.create(usersUri, 'typescript', 1, USERS);
    open.set(usersUri, users);
    expect(codes(await server.lintDocument(users))).not.toContain('require-timeout');
    writeFileSync(join(root, 'src/http.ts'), FORWARDING);
    server.filesChanged([join(root, 'src/http.ts')]);
    expect(relinted).toEqual([usersUri]);
    expect(codes(await server.lintDocument(users))).toContain('require-timeout');
  });
});
