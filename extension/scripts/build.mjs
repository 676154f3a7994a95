#!/usr/bin/env node
// Bundles the extension: the client (dist/client.js, which loads dist/language-client.js), the language server with
// ESLint, the plugin and its parser (dist/server.js), the rules' documentation (dist/docs/) and a copy of the
// runtime's self-contained build (dist/runtime/).
//   node scripts/build.mjs [--production] [--tests]
//     --production  minifies, and requires the runtime build to be present
//     --tests       also bundles the integration suite (dist-test/suite.js) and the end-to-end companion extension
//                   (dist-test/companion/)
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions, copyBundledRuntime, serverBundleOptions } from './server-bundle.mjs';

const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');
const extensionRoot = fileURLToPath(new URL('..', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${extensionRoot}dist`;

rmSync(dist, { recursive: true, force: true });
const shared = bundleOptions(production);
await Promise.all([
  // The entry VS Code loads is small; it loads the language client, a bundle of its own, through V8's code cache.
  build({ ...shared, entryPoints: [`${extensionRoot}src/client/extension.ts`], outfile: `${dist}/client.js`, external: ['vscode'] }),
  build({ ...shared, entryPoints: [`${extensionRoot}src/client/language-client.ts`], outfile: `${dist}/language-client.js`, external: ['vscode'] }),
  build(serverBundleOptions(production, `${dist}/server.js`)),
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

copyBundledRuntime(dist, production);
