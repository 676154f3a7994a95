// The language server's bundle, built the same way for the extension (extension/dist/) and for the standalone
// language server (packages/language-server/dist/): ESLint's Linter, the plugin from its sources and its parser in
// server.js, and a copy of the runtime's self-contained build beside it in runtime/, which its fixes copy or import.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
export const serverEntry = `${repositoryRoot}extension/src/server/server.ts`;

/** esbuild options every bundle of the extension shares. */
export function bundleOptions(production) {
  return {
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
      'eslint-plugin-resilint/eslint-env-comments': `${repositoryRoot}eslint-plugin/src/eslint-env-comments.ts`,
      'eslint-plugin-resilint/blanket-line-disables': `${repositoryRoot}eslint-plugin/src/blanket-line-disables.ts`,
      // jsonc-parser's CommonJS build is a UMD wrapper whose requires esbuild cannot follow; its ES build bundles.
      'jsonc-parser': `${repositoryRoot}node_modules/jsonc-parser/lib/esm/main.js`,
    },
  };
}

/** esbuild options for the server bundle written to `outfile`. */
export function serverBundleOptions(production, outfile) {
  return {
    ...bundleOptions(production),
    entryPoints: [serverEntry],
    outfile,
    // ESLint loads jiti only to read eslint.config.ts files, which the server skips (see project-config.ts).
    external: ['jiti', 'jiti/package.json'],
    // The plugin is an ES module that reads its package.json through import.meta.url.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
}

/**
 * Copies the runtime's self-contained build into `dist`/runtime, where the server looks for it. Without it the server
 * offers no "add the runtime" fixes: a production build requires it, a development build warns.
 */
export function copyBundledRuntime(dist, production) {
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
}
