import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('../src/', import.meta.url);
const sources = readdirSync(srcDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(new URL(file, srcDir), 'utf8') }));

describe('portability (Node, browsers, Deno, Bun)', () => {
  it('imports only its own files: no dependencies, no node: modules', () => {
    const imports = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(([, specifier]) => `${file}: ${specifier}`),
    );
    expect(imports.length).toBeGreaterThan(10);
    expect(imports.filter((entry) => !/: \.\/[\w-]+\.js$/.test(entry))).toEqual([]);
  });

  it('uses no Node-only globals', () => {
    const nodeOnly = /\b(process|Buffer|require|global|setImmediate|__dirname)\b(?!\w)/;
    const hits = sources.flatMap(({ file, text }) =>
      text
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line) && nodeOnly.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });
});
