import { dirname, join } from 'node:path';
import { projectFileExists, readProjectFile, walkProjectFiles } from '../project/files.js';
import { nearestPackage } from '../project/package-info.js';

/**
 * Where the app sets up `@sendgrid/mail`'s shared service, when not in the file that sends: a worker's entry calls
 * `sgMail.setApiKey(key)` once and its jobs call `sgMail.send(...)` elsewhere. The files of the package that import the
 * module are read for what they do to it:
 * - 'bounded': one of them calls `.setTimeout(` (the service's bound; read loosely, so any such call counts);
 * - 'unbounded': one sets the service up (`.setApiKey(`) and none gives it a timeout;
 * - 'unknown': no set-up found (a service set up in another package, or by code not read here).
 * The walk is bounded (files visited, file size) and remembered per package for a few seconds.
 */
export type SetUp = 'bounded' | 'unbounded' | 'unknown';

const MODULE = '@sendgrid/mail';
const MAX_FILES_VISITED = 3_000;
const MAX_FILE_CHARACTERS = 200_000;
const CACHE_MS = 5_000;
const SOURCE = /\.[cm]?[jt]sx?$/;

const cache = new Map<string, { setUp: SetUp; at: number }>();

export function sharedMailSetUp(filename: string): SetUp {
  const root = nearestPackage(dirname(filename))?.directory;
  if (root === undefined) return 'unknown';
  const now = Date.now();
  const cached = cache.get(root);
  if (cached && now - cached.at < CACHE_MS) return cached.setUp;
  let setUp = 'unknown' as SetUp;
  let visited = 0;
  walkProjectFiles(root, {
    // another package of a monorepo sets up its own service
    enterFolder: (path) => !projectFileExists(join(path, 'package.json')),
    file(path, name) {
      if (++visited > MAX_FILES_VISITED) return false;
      if (!SOURCE.test(name) || name.endsWith('.d.ts')) return true;
      const text = readProjectFile(path);
      if (text === undefined || text.length > MAX_FILE_CHARACTERS || !text.includes(MODULE)) return true;
      if (/\.\s*setTimeout\s*\(/.test(text)) {
        setUp = 'bounded';
        return false;
      }
      if (/\.\s*setApiKey\s*\(/.test(text)) setUp = 'unbounded';
      return true;
    },
  });
  // a walk cut short by its bound has not seen every file: nothing is said then, unless a bound was found
  if (visited > MAX_FILES_VISITED && setUp === 'unbounded') setUp = 'unknown';
  cache.set(root, { setUp, at: now });
  return setUp;
}

/** Whether the file's package is ES modules (`"type": "module"`), where `@sendgrid/mail`'s service is its default import. */
export function inEsmPackage(filename: string): boolean {
  const root = nearestPackage(dirname(filename))?.directory;
  if (root === undefined) return false;
  try {
    return (JSON.parse(readProjectFile(join(root, 'package.json')) ?? '{}') as { type?: unknown }).type === 'module';
  } catch {
    return false;
  }
}
