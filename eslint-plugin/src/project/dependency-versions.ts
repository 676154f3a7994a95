import { dirname, join } from 'node:path';
import { readProjectFile } from './files.js';

/**
 * The version of a dependency a file is written against: the installed package's own version when a
 * `node_modules` on the way up holds it, else the lowest version the nearest package.json that declares it
 * allows (`^3.2.0` -> 3.2). Some libraries took an option only from some version on (resend's `signal`); a fix
 * must compile against the version the project uses.
 */

export interface Version {
  readonly major: number;
  readonly minor: number;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
const LOWEST_VERSION = /(\d+)(?:\.(\d+))?/;

const byDirectory = new Map<string, Version | null>();
const MAX_REMEMBERED = 10_000;

export function dependencyVersion(file: string, name: string): Version | undefined {
  return versionFrom(dirname(file), name, 0) ?? undefined;
}

function versionFrom(directory: string, name: string, depth: number): Version | null {
  const key = `${directory}\0${name}`;
  const known = byDirectory.get(key);
  if (known !== undefined) return known;
  let found = parse(installedVersion(directory, name)) ?? parse(declaredRange(directory, name));
  const parent = dirname(directory);
  if (!found && parent !== directory && depth < 40) found = versionFrom(parent, name, depth + 1);
  if (byDirectory.size >= MAX_REMEMBERED) byDirectory.clear();
  byDirectory.set(key, found);
  return found;
}

function installedVersion(directory: string, name: string): string | undefined {
  const version = manifest(join(directory, 'node_modules', name, 'package.json'))?.['version'];
  return typeof version === 'string' ? version : undefined;
}

function declaredRange(directory: string, name: string): string | undefined {
  const own = manifest(join(directory, 'package.json'));
  for (const field of DEPENDENCY_FIELDS) {
    const dependencies = own?.[field];
    const range = typeof dependencies === 'object' && dependencies !== null ? (dependencies as Record<string, unknown>)[name] : undefined;
    if (typeof range === 'string') return range;
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
