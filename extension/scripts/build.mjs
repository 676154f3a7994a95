#!/usr/bin/env node
// Bundles the extension: the client (dist/client.js, which loads dist/language-client.js), the language server with
// ESLint, the plugin and its parser (dist/server.js), the rules' documentation (dist/docs/) and a copy of the
// runtime's self-contained build (dist/runtime/).
//   node scripts/build.mjs [--production] [--tests]
//     --production  minifies, and requires the runtime build to be present
//     --tests       also bundles the integration suite (dist-test/suite.js) and the end-to-end companion extension
//                   (dist-test/companion/)
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');
const extensionRoot = fileURLToPath(new URL('..', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${extensionRoot}dist`;

rmSync(dist, { recursive: true, force: true });
const shared = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  // The plugin is bundled from its sources, so the server always carries the rules as they are in this tree.
  alias: {
    'eslint-plugin-resilint': `${repositoryRoot}eslint-plugin/src/index.ts`,
    'eslint-plugin-resilint/file-roles': `${repositoryRoot}eslint-plugin/src/project/file-roles.ts`,
    // jsonc-parser's CommonJS build is a UMD wrapper whose requires esbuild cannot follow; its ES build bundles.
    'jsonc-parser': `${repositoryRoot}node_modules/jsonc-parser/lib/esm/main.js`,
  },
};
await Promise.all([
  // The entry VS Code loads is small; it loads the language client, a bundle of its own, through V8's code cache.
  build({ ...shared, entryPoints: [`${extensionRoot}src/client/extension.ts`], outfile: `${dist}/client.js`, external: ['vscode'] }),
  build({ ...shared, entryPoints: [`${extensionRoot}src/client/language-client.ts`], outfile: `${dist}/language-client.js`, external: ['vscode'] }),
  build({
    ...shared,
    entryPoints: [`${extensionRoot}src/server/server.ts`],
    outfile: `${dist}/server.js`,
    // ESLint loads jiti only to read eslint.config.ts files, which the server never does.
    external: ['jiti', 'jiti/package.json'],
    // The plugin is an ES module that reads its package.json through import.meta.url.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
]);

if (tests) {
  const distTest = `${extensionRoot}dist-test`;
  rmSync(distTest, { recursive: true, force: true });
  const testBuild = { ...shared, minify: false, sourcemap: false, external: ['vscode'] };
  await Promise.all([
    build({ ...testBuild, entryPoints: [`${extensionRoot}test/vscode/suite.ts`], outfile: `${distTest}/suite.js` }),
    build({ ...testBuild, entryPoints: [`${extensionRoot}e2e/companion/companion.ts`], outfile: `${distTest}/companion/companion.js` }),
  ]);
  copyFileSync(`${extensionRoot}e2e/companion/package.json`, `${distTest}/companion/package.json`);
}

// The rules' documentation, opened in VS Code's Markdown preview by "Show documentation" (dist/docs/<rule>.md).
mkdirSync(`${dist}/docs`, { recursive: true });
for (const page of readdirSync(`${repositoryRoot}eslint-plugin/docs/rules`).filter((name) => name.endsWith('.md'))) {
  copyFileSync(`${repositoryRoot}eslint-plugin/docs/rules/${page}`, `${dist}/docs/${page}`);
}

const runtimeBuild = `${repositoryRoot}packages/runtime/dist`;
if (existsSync(`${runtimeBuild}/resilint-runtime.js`)) {
  mkdirSync(`${dist}/runtime`, { recursive: true });
  for (const file of ['resilint-runtime.js', 'resilint-runtime.d.ts']) copyFileSync(`${runtimeBuild}/${file}`, `${dist}/runtime/${file}`);
  const { version } = JSON.parse(readFileSync(`${repositoryRoot}packages/runtime/package.json`, 'utf8'));
  writeFileSync(`${dist}/runtime/package.json`, `${JSON.stringify({ version }, null, 2)}\n`);
} else if (production) {
  throw new Error(`${runtimeBuild}/resilint-runtime.js is missing: run "npm run build -w packages/runtime" first.`);
} else {
  console.warn('warning: the runtime is not built yet, so this build offers no "add the runtime" fixes.');
}
