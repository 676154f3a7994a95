// Writes docs/libraries.md from the library models (dist/libraries), or with --check fails when it is out of date.
// Run after `npm run build`, like eslint-doc-generator.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LIBRARIES } from '../dist/libraries/index.js';

const target = fileURLToPath(new URL('../docs/libraries.md', import.meta.url));

const LEVELS = { call: 'each call', client: 'where the client is created', pool: 'the pool or connection only', none: 'nothing' };
const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
const code = (names) => names.map((name) => `\`${name}\``).join(', ');

function reportedWhere(library) {
  const timeout = library.timeout;
  if (!timeout) return 'never (bounded by its transport)';
  // an ordinary query or request stands for the library's calls (not a connect, and ioredis rather than node-redis)
  const perCall = timeout.isChecked === undefined || timeout.isChecked({ label: '', flavor: 'ioredis', setting: undefined }) !== false;
  if (perCall && library.creation) return 'each call, and where it is created';
  if (perCall) return 'each call';
  return library.creation ? 'where it is created' : 'never';
}

const rows = LIBRARIES.map((library) => {
  const timeout = library.timeout;
  // a fetch's instance options are those of its dispatcher, said so below
  const instance = timeout?.dispatcher && timeout.callOptions.length === 0 ? [] : timeout?.instanceOptions ?? [];
  const options = timeout ? [...new Set([...timeout.callOptions, ...instance, ...timeout.chainMethods.map((name) => `.${name}()`)])] : [];
  return [
    library.title,
    code([...library.modules, ...(library.modulePattern ? [library.modulePattern] : [])]),
    library.typeNames.length ? library.typeNames.map((name) => (name.includes(' ') ? name : `\`${name}\``)).join(', ') : '',
    timeout ? timeout.levels.map((level) => LEVELS[level]).join('; ') : 'its transport',
    timeout?.defaultBound ?? '',
    [options.length ? code(options) : '', ...(timeout?.dispatcher ? [`a \`${timeout.dispatcher.option}\` created with ${code(timeout.instanceOptions)}`] : [])].filter(Boolean).join('; '),
    library.signal,
    library.retries,
    reportedWhere(library),
  ].map(cell);
});

const header = ['library', 'modules', 'types recognised in annotations', 'a call is bounded by', 'default bound', 'options that bound it', 'signal', 'retries by itself', '`require-timeout` reports'];
const text = `# Client libraries

What the rules know of each client library, generated from its model in \`src/libraries/\` by
\`scripts/libraries-doc.mjs\` (\`npm run docs -w eslint-plugin-resilint\`; \`npm run docs:check\` fails when it is out
of date). A library bounded where its client, pool or connection is created is reported there, once, with a fix
there; one whose calls cannot take a bound of their own is never reported call by call. Options that cannot be read
in the file (built elsewhere, spread, injected clients) count as bounded. Your own clients are described in
\`settings.resilint.clients\` (see the README).

| ${header.join(' | ')} |
| ${header.map(() => '---').join(' | ')} |
${rows.map((row) => `| ${row.join(' | ')} |`).join('\n')}
`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: out of date
  }
  if (current !== text) {
    console.error('docs/libraries.md is out of date: run `npm run docs -w eslint-plugin-resilint`.');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
