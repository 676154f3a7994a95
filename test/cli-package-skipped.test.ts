import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintJson, resilint, scratchFolder, writeProject } from './cli-run.js';

const scratch = scratchFolder('resilint-cli-package-skipped-');

// A WebAssembly plugin SDK kept beside its host (the forty-first held-out round): its AssemblyScript declares host
// functions with decorators no TypeScript parser takes, and each file was listed as "File not linted".
const HOST_AND_PLUGIN_SDK = {
  'package.json': '{ "name": "host", "dependencies": { "express": "^4.0.0" } }\n',
  'src/host.ts': "export const load = () => fetch('https://api.example.com/x');\n",
  'packages/plugin-sdk/package.json': '{ "name": "plugin-sdk", "ascMain": "assembly/index.ts" }\n',
  'packages/plugin-sdk/assembly/index.ts': '@external("env", "http_get")\ndeclare function httpGet(url: string): i32;\nexport function get(url: string): i32 { return httpGet(url); }\n',
};

describe('AssemblyScript sources', () => {
  it('are left out of a run, as not JavaScript, while the host code beside them is linted', async () => {
    const root = writeProject(join(scratch(), 'sdk'), HOST_AND_PLUGIN_SDK);
    const { run, results } = await lintJson(['.'], root);
    expect(results.map((result) => result.filePath)).toEqual([join(root, 'src/host.ts')]);
    expect(results[0]?.messages.map((message) => message.ruleId)).toContain('resilint/require-timeout');
    expect(run.code).toBe(1);
    const stylish = await resilint(['.'], root);
    expect(stylish.stdout).not.toContain('File not linted');
  });

  it('named on the command line, get a notice saying why they are not linted', async () => {
    const root = writeProject(join(scratch(), 'named'), HOST_AND_PLUGIN_SDK);
    const { run, results } = await lintJson(['packages/plugin-sdk/assembly/index.ts'], root);
    expect(run.code).toBe(0);
    expect(results.map((result) => result.messages.map((message) => message.message))).toEqual([
      ['File not linted: it is AssemblyScript, which compiles to WebAssembly, not JavaScript.'],
    ]);
  });
});

// A front end's Storybook folder (the forty-second round's multi-scrobbler): Storybook's own welcome page, written in
// MDX but saved as `.tsx`, beside sample components. Stories are examples: left out unless every file is linted.
const STORYBOOK = {
  'package.json': '{ "name": "ui", "devDependencies": { "storybook": "^8.0.0", "@storybook/react": "^8.0.0" } }\n',
  'src/stories/Configure.tsx': 'import { Meta } from "@storybook/addon-docs/blocks";\n\n<Meta title="Configure" />\n\n# Configure your project\n',
  'src/stories/Header.tsx': "export const loadUser = () => fetch('https://api.example.com/me');\n",
  'src/api.ts': "export const loadUser = () => fetch('https://api.example.com/me');\n",
};

describe('Storybook stories', () => {
  it('are left out of a default run by their package, and linted with --all-files', async () => {
    const root = writeProject(join(scratch(), 'storybook'), STORYBOOK);
    const { results } = await lintJson(['.'], root);
    expect(results.map((result) => result.filePath)).toEqual([join(root, 'src/api.ts')]);
    const every = await lintJson(['--all-files', '.'], root);
    expect(every.results.map((result) => result.filePath).sort()).toEqual(['src/api.ts', 'src/stories/Configure.tsx', 'src/stories/Header.tsx'].map((path) => join(root, path)));
  });

  it('are counted among the examples the summary says the run skipped', async () => {
    const root = writeProject(join(scratch(), 'storybook-summary'), STORYBOOK);
    const { stdout } = await resilint(['.'], root);
    expect(stdout).toContain('Skipped 2 files that are not product code by their path (2 examples); pass --all-files to lint them.');
  });
});
