import { Minimatch } from 'minimatch';

// Globs as VS Code's own `files.exclude` reads them: relative to the workspace folder, `**/` for any depth.
const MATCH_OPTIONS = { dot: true } as const;

/**
 * Checks `resilint.exclude`: the globs kept, and a sentence for each entry dropped, saying what to write instead.
 */
export function readExclude(value: unknown): { globs: string[]; problems: string[] } {
  const example = 'such as ["src/generated/**", "**/*.gen.ts"]';
  if (!Array.isArray(value)) return { globs: [], problems: [`resilint.exclude must be a list of globs relative to the workspace folder, ${example}.`] };
  const globs: string[] = [];
  const problems: string[] = [];
  for (const entry of value) {
    if (typeof entry !== 'string' || entry.trim() === '') {
      problems.push(`resilint.exclude: ${JSON.stringify(entry)} is not a glob; write one ${example.replace('such as ', 'like those in ')}.`);
    } else if (/^([\\/]|[A-Za-z]:)/.test(entry) || entry.split(/[\\/]/).includes('..')) {
      problems.push(`resilint.exclude: "${entry}" must be relative to the workspace folder and stay inside it, ${example}.`);
    } else if (/^[!#]/.test(entry)) {
      // minimatch would read these as a negation (excluding every other file) or a comment (nothing).
      problems.push(`resilint.exclude: "${entry}" starts with "${entry[0]}"; list only the globs to exclude, ${example}.`);
    } else {
      globs.push(entry);
    }
  }
  return { globs, problems };
}

const compiled = new WeakMap<readonly string[], { glob: string; matcher: Minimatch }[]>();

/**
 * The first glob of `globs` that excludes the file or folder at `relativePath` (relative to its workspace folder):
 * one that matches the path or a folder above it, so `src/generated` excludes everything inside that folder.
 */
export function excludingGlob(relativePath: string, globs: readonly string[]): string | undefined {
  if (globs.length === 0) return undefined;
  let matchers = compiled.get(globs);
  if (!matchers) {
    matchers = globs.map((glob) => ({ glob, matcher: new Minimatch(toPosix(glob).replace(/^\.\//, '').replace(/\/$/, ''), MATCH_OPTIONS) }));
    compiled.set(globs, matchers);
  }
  const parts = toPosix(relativePath).split('/');
  for (let length = parts.length; length > 0; length -= 1) {
    const path = parts.slice(0, length).join('/');
    const match = matchers.find(({ matcher }) => matcher.match(path));
    if (match) return match.glob;
  }
  return undefined;
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}
