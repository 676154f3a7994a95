import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A front end's API client kept as a workspace package of its own: one HTTP client instance on a base URL that is a
// path of the page's origin (`/api`), made in one module, and route helpers in others calling it. Its modules say
// nothing of where they run; that a front end depends on the package, and that only a page can resolve the base,
// does. require-timeout and no-unprotected-call leave those calls to `checkOwnOrigin`, as they leave a page's
// `fetch('/api/...')`.

const root = mkdtempSync(join(tmpdir(), 'resilint-api-client-'));
function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
const manifest = (value: object) => JSON.stringify(value);
write('package.json', manifest({ name: 'tasks', private: true, workspaces: ['apps/*', 'packages/*'] }));
// the front end and what it depends on
write('apps/web/package.json', manifest({ name: '@tasks/web', dependencies: { next: '^15', react: '^19', 'react-dom': '^19', '@tasks/api': 'workspace:*', '@tasks/storage': 'workspace:*' } }));
write('packages/api/package.json', manifest({ name: '@tasks/api', main: 'dist/index.js', dependencies: { axios: '^1', ky: '^1' } }));
// a client package only a worker uses, and a server package that uses the front end's client
write('apps/worker/package.json', manifest({ name: '@tasks/worker', dependencies: { '@tasks/queue-client': 'workspace:*' } }));
write('packages/queue-client/package.json', manifest({ name: '@tasks/queue-client', main: 'dist/index.js', dependencies: { axios: '^1' } }));
write('apps/server/package.json', manifest({ name: '@tasks/server', dependencies: { express: '^5', '@tasks/api': 'workspace:*' } }));
// a front end's library that is itself a server (it ships an express middleware)
write('packages/storage/package.json', manifest({ name: '@tasks/storage', main: 'dist/index.js', dependencies: { axios: '^1', express: '^5' } }));

/** Writes an instance module beside `helperPath` (at `instance.ts`) with these creation options, and returns the helper's path. */
function clientPackage(folder: string, options: string, library: 'axios' | 'ky' = 'axios'): string {
  const create = library === 'axios' ? `axiosBase.create(${options})` : `kyBase.create(${options})`;
  const imports = library === 'axios' ? "import axiosBase from 'axios';" : "import kyBase from 'ky';";
  write(`${folder}/instance.ts`, `${imports}\nexport const createClient = () => ${create};\nexport const api = createClient();\n`);
  return join(root, folder, 'helpers.ts');
}

const helperImport = "import { api } from './instance';\n";
const routeHelpers = [
  `${helperImport}export const getTask = (id: string) => api.get(\`/tasks/\${id}\`);\n`,
  `${helperImport}import { routeFor } from './paths';\nexport const moveTask = (id: string, column: string) => api.patch(routeFor('/tasks/{id}/move', { id }), { column });\n`,
];

function findings(code: string, filename: string, options: object = {}, rule = 'require-timeout'): string[] {
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    { rules: { [`resilint/${rule}`]: ['error', options] } },
  ];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename })
    .filter((message) => message.ruleId === `resilint/${rule}` || message.fatal)
    .map((message) => message.messageId ?? message.message);
}

describe("a front end's API client package", () => {
  const relative = clientPackage('packages/api/src/tasks', "{ baseURL: '/api' }");

  it.each(routeHelpers)('leaves a route helper on the shared instance on a path base to checkOwnOrigin: %j', (code) => {
    expect(findings(code, relative)).toEqual([]);
    expect(findings(code, relative, { checkOwnOrigin: true })).toEqual(['missingTimeout']);
  });

  it('reads the base the same way when the instance is made in the same module, and for ky', () => {
    const sameModule = "import axios from 'axios';\nconst api = axios.create({ baseURL: `/api/v2/` });\nexport const listTasks = () => api.get('/tasks');\n";
    expect(findings(sameModule, join(root, 'packages/api/src/tasks/list.ts'))).toEqual([]);
    const kyHelper = clientPackage('packages/api/src/labels', "{ prefixUrl: '/api' }", 'ky');
    expect(findings(`${helperImport}export const labels = () => api.get('labels').json();\n`, kyHelper)).toEqual([]);
  });

  it('leaves an unhandled call of the shared instance, from the page, to checkOwnOrigin in no-unprotected-call', () => {
    const floating = `${helperImport}export const touch = (id: string) => { api.post(\`/tasks/\${id}/seen\`); };\n`;
    expect(findings(floating, relative, {}, 'no-unprotected-call')).toEqual([]);
    expect(findings(floating, relative, { checkOwnOrigin: true }, 'no-unprotected-call')).toEqual(['floating']);
  });

  it('reports a base URL with a host, a protocol-relative one, or one read from a setting', () => {
    const absolute = clientPackage('packages/api/src/billing', "{ baseURL: 'https://billing.example.com/v1' }");
    expect(findings(routeHelpers[0]!, absolute)).toEqual(['missingTimeout']);
    const protocolRelative = clientPackage('packages/api/src/cdn', "{ baseURL: '//cdn.example.com' }");
    expect(findings(routeHelpers[0]!, protocolRelative)).toEqual(['missingTimeout']);
    const configured = clientPackage('packages/api/src/configured', "{ baseURL: process.env.TASKS_API_URL ?? '/api' }");
    expect(findings(routeHelpers[0]!, configured)).toEqual(['missingTimeout']);
  });

  it('reports an absolute URL called on the instance: the base does not apply to it', () => {
    expect(findings(`${helperImport}export const avatar = () => api.get('https://avatars.example.com/u/1');\n`, relative)).toEqual(['missingTimeout']);
  });

  it('reports a module of the package that shows it runs on a server', () => {
    const serverModule = `import { readFile } from 'node:fs/promises';\n${helperImport}export const upload = async (path: string) => api.post('/files', await readFile(path));\n`;
    expect(findings(serverModule, relative)).toEqual(['missingTimeout']);
  });

  it('reports a package no front end depends on, a front end\'s library that is a server, and a server using the client', () => {
    const queueHelper = clientPackage('packages/queue-client/src', "{ baseURL: '/queue' }");
    expect(findings(routeHelpers[0]!, queueHelper)).toEqual(['missingTimeout']);
    const storageHelper = clientPackage('packages/storage/src', "{ baseURL: '/files' }");
    expect(findings(routeHelpers[0]!, storageHelper)).toEqual(['missingTimeout']);
    const serverFile = write('apps/server/src/preview.ts', '');
    const fromServer = `import { createClient } from '../../../packages/api/src/tasks/instance';\nconst api = createClient();\nexport const preview = (id: string) => api.get(\`/tasks/\${id}\`);\n`;
    expect(findings(fromServer, serverFile)).toEqual(['missingTimeout']);
  });
});
