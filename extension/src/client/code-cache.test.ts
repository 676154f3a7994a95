import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCodeCache, requireWithCodeCache, type CodeCacheStatus } from './code-cache.js';

let root: string;
let bundle: string;
let cacheDirectory: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'resilint-code-cache-'));
  mkdirSync(join(root, 'dist'));
  bundle = join(root, 'dist/bundle.js');
  cacheDirectory = join(root, 'storage/code-cache');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

// A bundle the way esbuild writes one: CommonJS, requiring Node's modules and a file beside it.
const bundleSource = (answer: string): string => `"use strict";
const { basename } = require('node:path');
const helper = require('./helper.js');
let calls = 0;
module.exports = { answer: () => ${answer}, where: () => [basename(__filename), basename(__dirname)], helped: helper(2), count: () => ++calls, thisIsExports: this === module.exports };
`;

function writeBundle(answer: string): void {
  writeFileSync(join(root, 'dist/helper.js'), 'module.exports = (n) => n * 21;\n');
  writeFileSync(bundle, bundleSource(answer));
}

interface BundleExports {
  answer(): unknown;
  where(): string[];
  helped: number;
  count(): number;
  thisIsExports: boolean;
}

function load(): { exports: BundleExports; usedCodeCache: boolean; codeCache: CodeCacheStatus; codeCacheError?: string; saveCodeCache(): void } {
  const loaded = requireWithCodeCache(bundle, cacheDirectory);
  return { ...loaded, exports: loaded.exports as BundleExports };
}

function cacheFiles(): string[] {
  return readdirSync(cacheDirectory);
}

describe('requireWithCodeCache', () => {
  it('loads a bundle as require does: exports, __filename, __dirname, requires of its own and of Node', () => {
    writeBundle("'forty-two'");
    const loaded = load().exports;
    const required = createRequire(import.meta.url)(bundle) as BundleExports;
    expect(loaded.answer()).toBe(required.answer());
    expect(loaded.where()).toEqual(['bundle.js', 'dist']);
    expect(loaded.helped).toBe(42);
    expect(loaded.thisIsExports).toBe(true);
  });

  it('compiles from the cache written by the previous load, which behaves the same, and gets a fresh module', () => {
    writeBundle("'forty-two'");
    const first = load();
    expect(first.usedCodeCache).toBe(false);
    expect(first.codeCache).toBe('absent');
    first.exports.count();
    first.saveCodeCache();
    expect(cacheFiles()).toHaveLength(1);

    const second = load();
    expect(second.usedCodeCache).toBe(true);
    expect(second.codeCache).toBe('used');
    expect(second.exports.answer()).toBe('forty-two');
    expect(second.exports.helped).toBe(42);
    expect(second.exports.count()).toBe(1);
  });

  it('writes a cache that V8 itself accepts, not only one its in-memory cache makes unnecessary', () => {
    // V8 serves a source it compiled before under the same file name from memory, without reading the cached data,
    // so a second load of the same file proves nothing; the same bundle under another name finds the same cache
    // (keyed by content) and makes V8 read it.
    writeBundle("'accepted'");
    load().saveCodeCache();
    mkdirSync(join(root, 'copy'));
    writeFileSync(join(root, 'copy/helper.js'), readFileSync(join(root, 'dist/helper.js')));
    writeFileSync(join(root, 'copy/bundle.js'), readFileSync(bundle));
    const copy = requireWithCodeCache(join(root, 'copy/bundle.js'), cacheDirectory);
    expect(copy.codeCache).toBe('used');
    expect((copy.exports as BundleExports).answer()).toBe('accepted');
  });

  it('never runs the cache of an earlier bundle, even one of the same length (V8 itself compares lengths only)', () => {
    writeBundle("'old'");
    load().saveCodeCache();
    writeBundle("'new'");
    const updated = load();
    expect(updated.usedCodeCache).toBe(false);
    expect(updated.exports.answer()).toBe('new');
    updated.saveCodeCache();
    expect(cacheFiles()).toHaveLength(1);
    expect(load().usedCodeCache).toBe(true);
  });

  it('ignores a damaged cache file, whatever the damage, and replaces it', () => {
    writeBundle('[1, 2, 3]');
    load().saveCodeCache();
    const [name] = cacheFiles();
    const cacheFile = join(cacheDirectory, name!);
    const intact = readFileSync(cacheFile);
    fc.assert(
      fc.property(fc.nat({ max: intact.length - 1 }), fc.integer({ min: 1, max: 255 }), fc.boolean(), (at, flip, truncate) => {
        const damaged = Buffer.from(intact);
        damaged[at]! ^= flip;
        writeFileSync(cacheFile, truncate ? intact.subarray(0, at) : damaged);
        const loaded = load();
        expect(loaded.usedCodeCache).toBe(false);
        // Most damage fails the checksum; a flip inside the checksum itself can only fail it too.
        expect(loaded.codeCache).toBe('damaged');
        expect(loaded.exports.answer()).toEqual([1, 2, 3]);
      }),
      { numRuns: 40 },
    );
    load().saveCodeCache();
    expect(load().usedCodeCache).toBe(true);
  });

  it('says why it compiled: a cache V8 rejects, a cache that cannot be read', () => {
    // A source no other test compiles: V8 takes a source this process compiled before from its own in-memory cache,
    // without looking at the cached data at all.
    writeBundle("'rejected'");
    const cacheFile = join(cacheDirectory, `${createHash('sha1').update(readFileSync(bundle, 'utf8')).digest('hex')}-${process.versions.v8}.code-cache`);
    mkdirSync(cacheDirectory, { recursive: true });
    // Intact and checksummed, but not V8's code cache for this source: V8 refuses it.
    const foreign = Buffer.from('not a code cache at all, but checksummed like one');
    writeFileSync(cacheFile, Buffer.concat([createHash('sha1').update(foreign).digest(), foreign]));
    const rejected = load();
    expect(rejected.codeCache).toBe('rejected');
    expect(rejected.exports.answer()).toBe('rejected');
    expect(describeCodeCache(rejected)).toBe('code cache rejected by V8: compiled instead, rewritten once the server runs');

    rmSync(cacheFile);
    mkdirSync(cacheFile);
    const unreadable = load();
    expect(unreadable.codeCache).toBe('unreadable');
    expect(unreadable.codeCacheError).toBe('EISDIR');
    expect(describeCodeCache(unreadable)).toBe('code cache unreadable (EISDIR): compiled instead');
    expect(unreadable.exports.answer()).toBe('rejected');
  });

  it('still loads when the cache cannot be written', () => {
    writeBundle("'forty-two'");
    mkdirSync(join(root, 'storage'));
    writeFileSync(cacheDirectory, 'a file where the cache directory should be');
    const loaded = load();
    expect(() => loaded.saveCodeCache()).not.toThrow();
    expect(load().exports.answer()).toBe('forty-two');
  });

  it('loads without a cache when given no cache directory', () => {
    writeBundle("'forty-two'");
    const loaded = requireWithCodeCache(bundle, undefined);
    expect(loaded.codeCache).toBe('off');
    loaded.saveCodeCache();
    expect((loaded.exports as BundleExports).answer()).toBe('forty-two');
    expect(requireWithCodeCache(bundle, undefined).usedCodeCache).toBe(false);
  });

  it('passes on an error thrown while the bundle loads, as require would', () => {
    writeFileSync(bundle, "throw new Error('broken bundle');\n");
    expect(() => load()).toThrow('broken bundle');
  });
});
