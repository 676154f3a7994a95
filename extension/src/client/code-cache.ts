import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * What became of the code cache on a load: `used`, or why the module was compiled instead: `off` (no cache directory),
 * `absent` (no cache for this file and V8 version yet: a first load, or the file changed), `unreadable` (reading it
 * failed), `damaged` (its checksum does not hold) or `rejected` (V8 refused it, e.g. other V8 flags). A source this
 * process already compiled under the same file name V8 takes from memory, without reading the cached data: `used` too.
 */
export type CodeCacheStatus = 'used' | 'off' | 'absent' | 'unreadable' | 'damaged' | 'rejected';

export interface CodeCachedModule {
  exports: unknown;
  /** Whether the module was compiled from the cache (false on a first load, a changed file or a cache V8 refused). */
  usedCodeCache: boolean;
  codeCache: CodeCacheStatus;
  /** For `unreadable`, the error's code or message. */
  codeCacheError?: string;
  /**
   * Writes V8's code cache for the module when it has none yet. Call it once the module has done its start-up work:
   * the cache then holds every function compiled so far, not only the top level.
   */
  saveCodeCache(): void;
}

const CHECKSUM_BYTES = 20;

/**
 * Loads a bundled CommonJS file as `require` would, but compiles it with V8's code cache kept in `cacheDirectory`
 * (no cache when undefined), so later loads skip parsing and compiling it: the bulk of loading a large bundle. The
 * cache is keyed by a hash of the file's text and the V8 version, and checksummed; a missing, foreign, damaged or
 * refused cache only means an ordinary compile. Only this file is cached: unlike `module.enableCompileCache`, which
 * would cache every module the extension host loads from then on, and only their top level.
 */
export function requireWithCodeCache(file: string, cacheDirectory: string | undefined): CodeCachedModule {
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheDirectory && join(cacheDirectory, `${checksum(source).toString('hex')}-${process.versions.v8}.code-cache`);
  const read: CodeCacheRead = cacheFile ? readCodeCache(cacheFile) : { status: 'off' };
  const cachedData = read.status === 'used' ? read.data : undefined;
  // Node's own CommonJS wrapper, on the first line, so line numbers (and source maps) stay right.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const codeCache: CodeCacheStatus = cachedData !== undefined && script.cachedDataRejected === true ? 'rejected' : read.status;
  const usedCodeCache = codeCache === 'used';
  const module = { exports: {} as unknown };
  const moduleWrapper = script.runInThisContext() as (...args: unknown[]) => void;
  moduleWrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  let saved = usedCodeCache;
  return {
    exports: module.exports,
    usedCodeCache,
    codeCache,
    ...(read.status === 'unreadable' ? { codeCacheError: read.error } : {}),
    saveCodeCache() {
      if (saved || !cacheFile) return;
      saved = true;
      writeCodeCache(cacheFile, script.createCachedData());
    },
  };
}

/** What a load did with the cache, for the output channel: `code cache <status>`, and what follows from it. */
export function describeCodeCache(loaded: Pick<CodeCachedModule, 'codeCache' | 'codeCacheError'>): string {
  switch (loaded.codeCache) {
    case 'used':
      return 'code cache used';
    case 'off':
      return 'code cache off: no storage on disk';
    case 'absent':
      return 'code cache absent: compiled, cached once the server runs';
    case 'unreadable':
      return `code cache unreadable (${loaded.codeCacheError ?? 'unknown error'}): compiled instead`;
    case 'damaged':
      return 'code cache damaged: compiled instead, rewritten once the server runs';
    case 'rejected':
      return 'code cache rejected by V8: compiled instead, rewritten once the server runs';
  }
}

function checksum(data: string | Uint8Array): Buffer {
  return createHash('sha1').update(data).digest();
}

type CodeCacheRead = { status: 'used'; data: Buffer } | { status: 'off' | 'absent' | 'damaged' } | { status: 'unreadable'; error: string };

/**
 * The cached data, if the file exists and its checksum holds: V8 checks its version, flags and the source's length,
 * but in release builds not the data itself.
 */
function readCodeCache(cacheFile: string): CodeCacheRead {
  let contents: Buffer;
  try {
    contents = readFileSync(cacheFile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { status: 'absent' } : { status: 'unreadable', error: code ?? String(error) };
  }
  const data = contents.subarray(CHECKSUM_BYTES);
  return contents.length > CHECKSUM_BYTES && checksum(data).equals(contents.subarray(0, CHECKSUM_BYTES)) ? { status: 'used', data } : { status: 'damaged' };
}

/** Replaces the caches of earlier versions; written aside and renamed, so a concurrent reader never sees half a file. */
function writeCodeCache(cacheFile: string, data: Buffer): void {
  try {
    const directory = dirname(cacheFile);
    mkdirSync(directory, { recursive: true });
    const incoming = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(incoming, Buffer.concat([checksum(data), data]));
    renameSync(incoming, cacheFile);
    for (const name of readdirSync(directory)) {
      if (join(directory, name) !== cacheFile) rmSync(join(directory, name), { force: true });
    }
  } catch {
    // A cache that cannot be written (read-only or full storage) only costs the next start its compile time.
  }
}
