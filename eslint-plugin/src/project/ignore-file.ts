import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { convertIgnorePatternToMinimatch } from '@eslint/compat';
import { Minimatch } from 'minimatch';
import { MATCH_OPTIONS } from './file-settings.js';

/**
 * The project's `.eslintignore`: the files its authors said a linter should leave alone (vendored code, generated
 * output), in the gitignore syntax ESLint 8 read it in. ESLint 9 no longer reads it, oxlint still does, and so do the
 * CLI and the editor here, in the folder they lint. Its lines become flat-config globs (`@eslint/compat`), read again
 * when the file changes.
 */

const IGNORE_FILE = '.eslintignore';

interface IgnoreFile {
  readonly modified: number;
  readonly globs: readonly string[];
  readonly matchers: readonly { readonly negated: boolean; readonly matches: (path: string) => boolean }[];
}

const read = new Map<string, IgnoreFile>();
const NONE: IgnoreFile = { modified: -1, globs: [], matchers: [] };

function ignoreFile(root: string): IgnoreFile {
  const path = join(root, IGNORE_FILE);
  let modified: number;
  try {
    modified = statSync(path).mtimeMs;
  } catch {
    return NONE;
  }
  const known = read.get(root);
  if (known?.modified === modified) return known;
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    // unreadable: as if there were none
  }
  const globs = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#')).map(convertIgnorePatternToMinimatch);
  const matchers = globs.map((glob) => {
    const negated = glob.startsWith('!');
    const pattern = negated ? glob.slice(1) : glob;
    // a folder's pattern (`**/dist`, `build/`) covers what it holds
    const whole = new Minimatch(pattern.replace(/\/$/, ''), MATCH_OPTIONS);
    const within = new Minimatch(`${pattern.replace(/\/$/, '')}/**`, MATCH_OPTIONS);
    return { negated, matches: (candidate: string) => whole.match(candidate) || within.match(candidate) };
  });
  const file = { modified, globs, matchers };
  read.set(root, file);
  return file;
}

/** The `.eslintignore` of `root` as flat-config ignore globs (none when it has no such file). */
export function ignoreFileGlobs(root: string): readonly string[] {
  return ignoreFile(root).globs;
}

/** Whether the `.eslintignore` of `root` leaves out `path` (relative to `root`, with `/`): its last matching line decides. */
export function listedInIgnoreFile(root: string, path: string): boolean {
  let ignored = false;
  for (const { negated, matches } of ignoreFile(root).matchers) if (matches(path)) ignored = !negated;
  return ignored;
}
