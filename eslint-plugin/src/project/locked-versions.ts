import { join } from 'node:path';
import { readProjectFile } from './files.js';

/**
 * The version of a package a lock file in `directory` pins, read from its text: what a project that is not installed
 * here (only its sources checked out) will run, where its manifests say only `catalog:` or a wide range. Where a lock
 * holds several copies of the package (nested under other packages), the lowest: a fix must compile against each.
 */
export function lockedVersion(directory: string, name: string): string | undefined {
  for (const [file, pattern] of LOCK_ENTRIES) {
    const text = readProjectFile(join(directory, file));
    if (text === undefined) continue;
    const versions = [...text.matchAll(pattern(escaped(name)))].map((match) => match[1]!);
    if (versions.length > 0) return versions.sort(compareVersions)[0];
  }
  return undefined;
}

const VERSION = String.raw`(\d+\.\d+\.\d+[^"'\s:,()]*)`;

/** Each lock file, and where it writes a package's resolved version. */
const LOCK_ENTRIES: readonly (readonly [string, (name: string) => RegExp])[] = [
  // "node_modules/resend": { "version": "6.9.4", ... } (nested copies: "node_modules/x/node_modules/resend")
  ['package-lock.json', (name) => new RegExp(String.raw`"(?:[^"]*/)?node_modules/${name}":\s*\{\s*"version":\s*"${VERSION}"`, 'g')],
  // "resend": ["resend@6.9.4", "", {...}] (nested copies: "svix/resend": [...])
  ['bun.lock', (name) => new RegExp(String.raw`"(?:[^"]*/)?${name}":\s*\["${name}@${VERSION}"`, 'g')],
  // packages:\n  resend@6.9.4:   (v9; earlier: /resend@6.9.4: or /resend/6.9.4:)
  ['pnpm-lock.yaml', (name) => new RegExp(String.raw`^\s+'?/?${name}[@/]${VERSION}'?:`, 'gm')],
  // "resend@^6.9.4", resend@^6.0.0:\n  version "6.9.4"   (berry: version: 6.9.4)
  ['yarn.lock', (name) => new RegExp(String.raw`^"?${name}@[^\n]*:\n\s+version:?\s+"?${VERSION}`, 'gm')],
];

function escaped(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function compareVersions(a: string, b: string): number {
  const [left, right] = [a, b].map((version) => version.split(/[.-]/).slice(0, 3).map(Number));
  for (let index = 0; index < 3; index++) {
    const difference = (left![index] ?? 0) - (right![index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
