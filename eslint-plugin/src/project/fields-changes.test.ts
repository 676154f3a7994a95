import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { projectModel } from './index.js';

// One module gives a context object two clients (`$.api = axios.create(...)`, `$.files = axios.create(...)`), and
// steps in other modules call them through the context. Both names are answered by evaluating that one module; when it
// changes (an option added to the first client moves the second), each name is found again in its current text.
const scratch = mkdtempSync(join(tmpdir(), 'resilint-fields-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

mkdirSync(join(scratch, 'src/steps'), { recursive: true });
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'field-app', private: true, type: 'module', dependencies: { axios: '^1.7.0' } }));
const contextModule = join(scratch, 'src/context.js');
const makeContext = (apiOptions: string) => [
  "import axios from 'axios';",
  'export function makeContext() {',
  '  const $ = {};',
  `  $.api = axios.create(${apiOptions});`,
  "  $.files = axios.create({ baseURL: 'https://files.example.com' });",
  '  return $;',
  '}',
  '',
].join('\n');
writeFileSync(contextModule, makeContext("{ baseURL: 'https://api.example.com' }"));

const config = plugin.configs.recommended as unknown as Linter.Config[];
const linter = new Linter({ configType: 'flat', cwd: scratch });
const step = join(scratch, 'src/steps/sync.js');

/** The rules reporting on a step calling `$.<name>.get(...)`. */
function reportsOnCallOf(name: string): string[] {
  writeFileSync(step, '');
  const code = `export default { async run($) { return $.${name}.get('/items'); } };\n`;
  return linter.verify(code, config, { filename: step }).map((message) => message.ruleId ?? message.message);
}

describe('clients a package gives a context object', () => {
  it('are each found in the module that makes them', () => {
    expect(reportsOnCallOf('api')).toEqual(['resilint/require-timeout']);
    expect(reportsOnCallOf('files')).toEqual(['resilint/require-timeout']);
  });

  it('are evaluated again once their module changed on disk', () => {
    writeFileSync(contextModule, makeContext("{ baseURL: 'https://api.example.com', timeout: 5_000 }"));
    projectModel.fileChanged(contextModule);
    expect(reportsOnCallOf('api')).toEqual([]);
    expect(reportsOnCallOf('files')).toEqual(['resilint/require-timeout']);
  });

  it('are evaluated again once their module changed in the editor, and as on disk when it is closed unsaved', () => {
    projectModel.documentChanged(contextModule, makeContext("{ baseURL: 'https://api.example.com' }"));
    expect(reportsOnCallOf('api')).toEqual(['resilint/require-timeout']);
    projectModel.documentChanged(contextModule, undefined);
    expect(reportsOnCallOf('api')).toEqual([]);
  });
});
