// Writes src/libraries/octokit-endpoints.ts (Octokit's REST methods that send a POST) from the endpoint table of
// @octokit/plugin-rest-endpoint-methods, or with --check fails when it is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const target = fileURLToPath(new URL('../src/libraries/octokit-endpoints.ts', import.meta.url));
const require = createRequire(import.meta.url);
// the table is not among the package's exports: read it beside the entry point
const entry = require.resolve('@octokit/plugin-rest-endpoint-methods');
const { default: endpoints } = await import(pathToFileURL(join(dirname(entry), 'generated', 'endpoints.js')).href);
const { VERSION } = await import(pathToFileURL(join(dirname(entry), 'version.js')).href);

const posts = [];
for (const [group, methods] of Object.entries(endpoints)) {
  for (const [method, [route]] of Object.entries(methods)) {
    if (route.startsWith('POST ')) posts.push(`${group}.${method}`);
  }
}
posts.sort();

const text = `// Written by scripts/octokit-endpoints.mjs from @octokit/plugin-rest-endpoint-methods ${VERSION}; run it again to update.

/** Octokit's REST methods (\`octokit.rest.<group>.<method>\`) whose request is a POST, as \`<group>.<method>\`. */
export const OCTOKIT_POST_METHODS: ReadonlySet<string> = new Set([
${posts.map((name) => `  '${name}',`).join('\n')}
]);
`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(`${target} is out of date: run node scripts/octokit-endpoints.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${posts.length} POST methods to ${target}`);
}
