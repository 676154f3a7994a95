#!/usr/bin/env node
// Bundles the standalone language server: the same server.js as the extension's, with the runtime beside it in
// dist/runtime/, and dist/about.json, which `resilint-language-server --version` reads.
//   node scripts/build.mjs [--production]
//     --production  minifies, and requires the runtime build to be present (what `npm pack` and `npm publish` run)
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { copyBundledRuntime, serverBundleOptions } from '../../../extension/scripts/server-bundle.mjs';

const production = process.argv.includes('--production');
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const versionOf = (packageJson) => JSON.parse(readFileSync(new URL(packageJson, import.meta.url), 'utf8')).version;

rmSync(dist, { recursive: true, force: true });
await build(serverBundleOptions(production, `${dist}/server.js`));
copyBundledRuntime(dist, production);
const about = { rules: versionOf('../../../eslint-plugin/package.json'), runtime: versionOf('../../runtime/package.json') };
writeFileSync(`${dist}/about.json`, `${JSON.stringify(about, null, 2)}\n`);
