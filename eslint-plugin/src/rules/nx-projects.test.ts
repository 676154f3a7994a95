import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// require-timeout in an Nx workspace with one package.json at its root for every project, listing React and NestJS
// alike: each project's project.json says where its code runs. A web project's API links and HTTP instance are a
// page's (waved through unless checkOwnOrigin); a Node project's stay reported.
const workspace = mkdtempSync(join(tmpdir(), 'resilint-nx-workspace-'));
const write = (path: string, text: string | object): string => {
  const file = join(workspace, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof text === 'string' ? text : JSON.stringify(text));
  return file;
};
write('package.json', {
  name: '@ledger/source',
  private: true,
  dependencies: { react: '^18', 'react-dom': '^18', '@apollo/client': '^3', axios: '^1', '@nestjs/core': '^10', '@nestjs/common': '^10' },
  devDependencies: { nx: '^19', '@nx/webpack': '^19', '@nx/vite': '^19' },
});
write('nx.json', { npmScope: 'ledger' });
const build = (executor: string, options: object = {}) => ({ projectType: 'application', targets: { build: { executor, options } } });
write('apps/ledger-console/project.json', build('@nx/webpack:webpack', { compiler: 'babel', main: 'apps/ledger-console/src/main.tsx', index: 'apps/ledger-console/src/index.html' }));
write('apps/ledger-admin/project.json', build('@nx/vite:build', { outputPath: 'dist/apps/ledger-admin' }));
write('apps/ledger-legacy/project.json', build('@nrwl/web:webpack', { main: 'apps/ledger-legacy/src/main.tsx' }));
write('apps/ledger-api/project.json', { projectType: 'application', targets: { build: { executor: '@nx/webpack:webpack', options: { target: 'node', compiler: 'tsc', main: 'apps/ledger-api/src/main.ts' } }, serve: { executor: '@nx/js:node' } } });
write('apps/ledger-worker/project.json', build('@nx/node:build', { main: 'apps/ledger-worker/src/main.ts' }));
write('apps/ledger-jobs/project.json', { projectType: 'application', targets: { serve: { executor: '@nx/js:node', options: { buildTarget: 'ledger-jobs:build' } } } });

/** The console's GraphQL links to its own API, and an axios instance for its file storage, in `.ts` modules. */
const apolloLinks = `import { ApolloClient, InMemoryCache, createHttpLink } from '@apollo/client';
import { LEDGER_GRAPHQL_URL } from './settings';
const ledgerLink = createHttpLink({ uri: LEDGER_GRAPHQL_URL });
export const ledgerClient = new ApolloClient({ link: ledgerLink, cache: new InMemoryCache() });
`;
const storageInstance = `import axios from 'axios';
import { STATEMENTS_URL } from './settings';
const statements = axios.create({ baseURL: STATEMENTS_URL });
export const statementFile = async (id: string) => (await statements.get('/files/' + id)).data;
`;

function findings(code: string, file: string, options: object = {}): string[] {
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    { rules: { 'resilint/require-timeout': ['error', options] } },
  ];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename: file })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => message.messageId ?? message.message);
}

describe('require-timeout: an Nx project built for the web, under a root manifest that also lists NestJS', () => {
  it.each([
    ['@nx/webpack:webpack (no target: the web)', 'apps/ledger-console/src/ledger-client.ts'],
    ['@nx/vite:build', 'apps/ledger-admin/src/data/ledger-client.ts'],
    ['@nrwl/web:webpack', 'apps/ledger-legacy/src/ledger-client.ts'],
  ])("leaves a page's API link and HTTP instance alone: %s (the instance reported with checkOwnOrigin)", (_, path) => {
    const links = write(path, apolloLinks);
    const storage = write(path.replace('ledger-client', 'statements'), storageInstance);
    expect(findings(apolloLinks, links)).toEqual([]);
    expect(findings(storageInstance, storage)).toEqual([]);
    expect(findings(storageInstance, storage, { checkOwnOrigin: true })).toEqual(['missingTimeout']);
  });

  it.each([
    ['@nx/webpack:webpack with target node', 'apps/ledger-api/src/statements/statements.service.ts'],
    ['@nx/node:build', 'apps/ledger-worker/src/statements.ts'],
    ['served by @nx/js:node', 'apps/ledger-jobs/src/statements.ts'],
    ['a library with no project.json, under the root manifest', 'libs/statements/src/index.ts'],
  ])("reports a Node project's API link and HTTP instance: %s", (_, path) => {
    expect(findings(storageInstance, write(path, storageInstance))).toEqual(['missingTimeout']);
    expect(findings(apolloLinks, write(path.replace(/\.ts$/, '-graph.ts'), apolloLinks))).toEqual(['missingClientTimeout']);
  });
});
