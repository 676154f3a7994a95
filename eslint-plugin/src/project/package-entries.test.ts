import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { inPublishedPackage, isNamedByPackage } from './package-info.js';

// A repository whose root package.json still has npm init's `"main": "index.js"`, with no such file: a maintainer's
// translation script in `extras/translator/index.mjs`, run by hand against a model on the maintainer's machine, is
// not what the package ships. A library naming its built `dist/index.js` (not built in the checkout) still ships
// `src/index.ts`, and one whose `index.js` is there ships it.
const root = mkdtempSync(join(tmpdir(), 'resilint-package-entries-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

const translatorScript = `import fs from 'node:fs';
async function translate(text, language) {
  const response = await fetch('http://127.0.0.1:11434/api/generate', { method: 'POST', body: JSON.stringify({ prompt: language + ': ' + text }) });
  return (await response.json()).response;
}
async function translateAll(language) {
  const strings = JSON.parse(fs.readFileSync('strings.json', 'utf8'));
  for (const key of Object.keys(strings)) strings[key] = await translate(strings[key], language);
  fs.writeFileSync(language + '.json', JSON.stringify(strings));
}
await translateAll(process.argv[2]);
`;
const librarySource = `export async function release(tag: string) {
  const response = await fetch('https://api.releases.example/v1/' + tag);
  return response.json();
}
await release(process.argv[2] ?? 'latest');
`;

write('app/package.json', JSON.stringify({ name: 'app', version: '1.0.0', main: 'index.js', type: 'module' }));
write('app/extras/translator/index.mjs', translatorScript);
write('built/package.json', JSON.stringify({ name: 'built-library', version: '1.0.0', main: 'dist/index.js', type: 'module' }));
write('built/src/index.ts', librarySource);
write('plain/package.json', JSON.stringify({ name: 'plain-library', version: '1.0.0', main: 'index.js' }));
write('plain/index.js', 'module.exports = {};\n');
write('plain/lib/index.mjs', translatorScript);

function findings(file: string): string[] {
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), config, { filename: file })
    .map((message) => `${message.line} ${message.ruleId ?? 'fatal'}`);
}

describe("a package's entry that is not there", () => {
  it('names nothing: a root\'s leftover `"main": "index.js"` makes no `index.*` below it an entry, nor the root a published package', () => {
    expect(isNamedByPackage(join(root, 'app/extras/translator/index.mjs'))).toBe(false);
    expect(inPublishedPackage(join(root, 'app/extras/translator/index.mjs'))).toBe(false);
    expect(findings(join(root, 'app/extras/translator/index.mjs'))).toEqual([]);
  });

  it('still names built output not built yet, and a file that is there', () => {
    expect(isNamedByPackage(join(root, 'built/src/index.ts'))).toBe(true);
    expect(inPublishedPackage(join(root, 'built/src/index.ts'))).toBe(true);
    expect(findings(join(root, 'built/src/index.ts'))).toEqual(['2 resilint/require-timeout', '5 resilint/no-unprotected-call']);
    expect(isNamedByPackage(join(root, 'plain/lib/index.mjs'))).toBe(true);
    expect(inPublishedPackage(join(root, 'plain/lib/index.mjs'))).toBe(true);
  });
});
