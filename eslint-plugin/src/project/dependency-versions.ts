import { dirname, join } from 'node:path';
import { readProjectFile } from './files.js';
import { lockedVersion } from './locked-versions.js';

/**
 * The version of a dependency a file is written against: the installed package's own version when a
 * `node_modules` on the way up holds it, else the version a lock file on the way up pins, else the lowest version
 * the nearest package.json that declares it allows (`^3.2.0` -> 3.2; `catalog:` is the range the root's catalog
 * gives). Some libraries took an option only from some version on (resend's `signal`); a fix
 * must compile against the version the project uses.
 */

export interface Version {
  readonly major: number;
  readonly minor: number;
}

const LOWEST_VERSION = /(\d+)(?:\.(\d+))?/;
/** `3.600.0` in a manifest: a version pinned there, not a range. */
const EXACT_VERSION = /^=?\d+\.\d+\.\d+(?:-[\w.]+)?$/;

const byDirectory = new Map<string, Version | null>();
const MAX_REMEMBERED = 10_000;

export function dependencyVersion(file: string, name: string): Version | undefined {
  return versionFrom(dirname(file), name, 0, true) ?? undefined;
}

/**
 * The version installed, locked or pinned exactly in a manifest, leaving ranges out: what the project runs, where a
 * range's lowest version would only say what it may run (`^3.700.0` installs the newest 3.x today).
 */
export function pinnedVersion(file: string, name: string): Version | undefined {
  return versionFrom(dirname(file), name, 0, false) ?? undefined;
}

function versionFrom(directory: string, name: string, depth: number, ranges: boolean): Version | null {
  const key = `${directory}\0${name}\0${ranges}`;
  const known = byDirectory.get(key);
  if (known !== undefined) return known;
  const declared = declaredRange(directory, name);
  let found = parse(installedVersion(directory, name)) ?? parse(lockedVersion(directory, name))
    ?? (declared !== undefined && (ranges || EXACT_VERSION.test(declared)) ? parse(declared) : null);
  const parent = dirname(directory);
  if (!found && parent !== directory && depth < 40) found = versionFrom(parent, name, depth + 1, ranges);
  if (byDirectory.size >= MAX_REMEMBERED) byDirectory.clear();
  byDirectory.set(key, found);
  return found;
}

function installedVersion(directory: string, name: string): string | undefined {
  const version = manifest(join(directory, 'node_modules', name, 'package.json'))?.['version'];
  return typeof version === 'string' ? version : undefined;
}

/** Where a manifest gives ranges: its dependencies, and the catalogs (bun's and pnpm's) a workspace root keeps for them. */
const RANGE_FIELDS: readonly (readonly string[])[] = [
  ...['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].map((field) => [field]),
  ['catalog'], ['workspaces', 'catalog'],
];

function declaredRange(directory: string, name: string): string | undefined {
  const own = manifest(join(directory, 'package.json'));
  for (const path of RANGE_FIELDS) {
    let ranges: unknown = own;
    for (const key of path) ranges = typeof ranges === 'object' && ranges !== null ? (ranges as Record<string, unknown>)[key] : undefined;
    const range = typeof ranges === 'object' && ranges !== null ? (ranges as Record<string, unknown>)[name] : undefined;
    // `catalog:`, `workspace:*`: the version is given elsewhere, higher up (a name after the colon is no version)
    if (typeof range === 'string' && !/^(?:catalog|workspace|link|file|portal):/.test(range)) return range;
  }
  return undefined;
}

function parse(range: string | undefined): Version | null {
  const match = range === undefined ? null : LOWEST_VERSION.exec(range);
  return match ? { major: Number(match[1]), minor: Number(match[2] ?? 0) } : null;
}

function manifest(path: string): Record<string, unknown> | undefined {
  const text = readProjectFile(path);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Package manifests changed: versions are read again. */
export function forgetDependencyVersions(): void {
  byDirectory.clear();
}

/** `version` is older than `since` (an unknown version is taken as current). */
export function olderThan(version: Version | undefined, since: Version): boolean {
  return version !== undefined && (version.major < since.major || (version.major === since.major && version.minor < since.minor));
}
