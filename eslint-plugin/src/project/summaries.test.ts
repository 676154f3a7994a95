import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { projectModel } from './index.js';

// A barrel re-exporting large modules: each module's tree is dropped soon after its summary (the trees kept are
// bounded by their source's size), and a name asked later is answered from what the module exports, kept apart from
// the tree. A module that changes must be read again, its exports with it.
const scratch = mkdtempSync(join(tmpdir(), 'resilint-summaries-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Larger than half the trees kept: summarising one of these modules drops the other's tree. */
const PADDING = `/*${' padding'.repeat(20_000)} */\n`;
const forwarding = (name: string) => `export async function ${name}(path: string, init?: RequestInit) { return fetch(path, init); }\n`;

mkdirSync(join(scratch, 'src/api'), { recursive: true });
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'barrel-app', private: true }));
writeFileSync(join(scratch, 'src/api/index.ts'), "export * from './orders';\nexport * from './users';\n");
writeFileSync(join(scratch, 'src/api/orders.ts'), `${PADDING}${forwarding('getOrder')}`);
writeFileSync(join(scratch, 'src/api/users.ts'), `${PADDING}${forwarding('getUser')}`);

const config = plugin.configs.recommended as unknown as Linter.Config[];
const linter = new Linter({ configType: 'flat', cwd: scratch });
const route = join(scratch, 'src/route.ts');

/** The rules reporting on a call of `name`, imported from the barrel (and the message of a failure to lint). */
function reportsOnCallOf(name: string): string[] {
  const code = `import { ${name} } from './api';\nexport const load = () => ${name}('/a');\n`;
  return linter.verify(code, config, { filename: route }).map((message) => message.ruleId ?? message.message);
}

describe('summaries behind a barrel of large modules', () => {
  it('follow each name to the module exporting it, whichever trees were dropped', () => {
    expect(reportsOnCallOf('getOrder')).toEqual(['resilint/require-timeout']);
    expect(reportsOnCallOf('getUser')).toEqual(['resilint/require-timeout']);
    expect(reportsOnCallOf('getNothing')).toEqual([]);
    expect(reportsOnCallOf('getOrder')).toEqual(['resilint/require-timeout']);
  });

  it('see a name a module exports once it changed on disk', () => {
    expect(reportsOnCallOf('getTeam')).toEqual([]);
    const users = join(scratch, 'src/api/users.ts');
    writeFileSync(users, `${PADDING}${forwarding('getUser')}${forwarding('getTeam')}`);
    projectModel.fileChanged(users);
    expect(reportsOnCallOf('getTeam')).toEqual(['resilint/require-timeout']);
    expect(reportsOnCallOf('getUser')).toEqual(['resilint/require-timeout']);
  });

  it('see a name a module exports once it changed in the editor, and lose it when closed unsaved', () => {
    const orders = join(scratch, 'src/api/orders.ts');
    expect(reportsOnCallOf('getInvoice')).toEqual([]);
    projectModel.documentChanged(orders, `${PADDING}${forwarding('getOrder')}${forwarding('getInvoice')}`);
    expect(reportsOnCallOf('getInvoice')).toEqual(['resilint/require-timeout']);
    projectModel.documentChanged(orders, undefined);
    expect(reportsOnCallOf('getInvoice')).toEqual([]);
    expect(reportsOnCallOf('getOrder')).toEqual(['resilint/require-timeout']);
  });
});

// A workspace package whose entry exports an object of its helpers (`export default { request }`), the helper
// imported from a module of its own; another package takes the helper out of that object (met on a CLI monorepo's
// WebDriver package, after its held-out round).
const workspace = mkdtempSync(join(tmpdir(), 'resilint-object-barrel-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));
mkdirSync(join(workspace, 'packages/utils/src'), { recursive: true });
mkdirSync(join(workspace, 'packages/driver/src'), { recursive: true });
writeFileSync(join(workspace, 'package.json'), JSON.stringify({ name: 'hub-tools', private: true, workspaces: ['packages/*'] }));
writeFileSync(join(workspace, 'packages/utils/package.json'), JSON.stringify({ name: '@hub/utils', main: 'src/index.js' }));
writeFileSync(join(workspace, 'packages/driver/package.json'), JSON.stringify({ name: '@hub/driver', main: 'src/driver.js', dependencies: { '@hub/utils': '1.0.0' } }));
writeFileSync(join(workspace, 'packages/utils/src/request.js'), `import https from 'node:https';
export function request(url, options = {}) {
  return new Promise((resolve, reject) => {
    https.request(url, options, resolve).on('error', reject).end();
  });
}
export default request;
`);

describe('an object of helpers as a package\'s default export', () => {
  const driver = join(workspace, 'packages/driver/src/driver.js');
  const lint = (entry: string, use: string) => {
    writeFileSync(join(workspace, 'packages/utils/src/index.js'), entry);
    projectModel.fileChanged(join(workspace, 'packages/utils/src/index.js'));
    const workspaceLinter = new Linter({ configType: 'flat', cwd: workspace });
    return workspaceLinter.verify(use, config, { filename: driver }).map((message) => message.ruleId ?? message.message);
  };

  it('reaches the helper through the object, destructured or as a member', () => {
    const entry = "import request from './request.js';\nexport default { request };\n";
    expect(lint(entry, "import utils from '@hub/utils';\nconst { request } = utils;\nexport const status = (hub) => request(`${hub}/status`);\n"))
      .toEqual(['resilint/require-timeout']);
    expect(lint(entry, "import utils from '@hub/utils';\nexport const status = (hub) => utils.request(`${hub}/status`);\n"))
      .toEqual(['resilint/require-timeout']);
  });

  it('judges a call of the helper by what it passes', () => {
    const entry = "import { request } from './request.js';\nexport default { get: request };\n";
    expect(lint(entry, "import utils from '@hub/utils';\nexport const status = (hub) => utils.get(`${hub}/status`, { signal: AbortSignal.timeout(5_000) });\n"))
      .toEqual([]);
    expect(lint(entry, "import utils from '@hub/utils';\nexport const status = (hub) => utils.get(`${hub}/status`);\n"))
      .toEqual(['resilint/require-timeout']);
  });
});
