import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The file system as the project model sees it: texts the editor holds for open documents win over the disk, and
 * what was asked of the disk is remembered (a lint run asks the same few questions thousands of times). The language
 * server sets and clears editor texts and forgets what changed on disk.
 */
const editorTexts = new Map<string, string>();
const existence = new Map<string, 'file' | 'directory' | null>();
const realpaths = new Map<string, string>();

const MAX_REMEMBERED = 200_000;

function kindOf(path: string): 'file' | 'directory' | null {
  if (editorTexts.has(path)) return 'file';
  let kind = existence.get(path);
  if (kind === undefined) {
    try {
      const stat = statSync(path, { throwIfNoEntry: false });
      kind = stat ? (stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : null) : null;
    } catch {
      kind = null;
    }
    if (existence.size > MAX_REMEMBERED) existence.clear();
    existence.set(path, kind);
  }
  return kind;
}

export function projectFileExists(path: string): boolean {
  return kindOf(path) === 'file';
}

export function projectDirectoryExists(path: string): boolean {
  return kindOf(path) === 'directory';
}

export function projectRealpath(path: string): string {
  let real = realpaths.get(path);
  if (real === undefined) {
    try {
      real = realpathSync.native(path); // the system's own call: the JavaScript one stats every segment of the path
    } catch {
      real = path;
    }
    if (realpaths.size > MAX_REMEMBERED) realpaths.clear();
    realpaths.set(path, real);
  }
  return real;
}

/** The file's text (the editor's, when it holds the file open), or undefined when it cannot be read. */
export function readProjectFile(path: string): string | undefined {
  const open = editorTexts.get(path);
  if (open !== undefined) return open;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * A copy of a string that shares no memory with the text it was cut from. V8 keeps a substring (a specifier matched in
 * a module's text, an import's source in a linted file's tree) as a view of the whole text: kept in a cache for the
 * process, it kept every text it was cut from (18 MiB in a cold lint of outline).
 */
export function ownCopy(text: string): string {
  return (` ${text}`).slice(1);
}

/** The editor holds `path` open with this text (undefined: closed, the disk's text counts again). */
export function setEditorText(path: string, text: string | undefined): void {
  if (text === undefined) editorTexts.delete(path);
  else editorTexts.set(path, text);
  existence.delete(path);
}

/** Files were created, deleted or renamed on disk: forget what was remembered of them. */
export function forgetFileSystem(): void {
  existence.clear();
  realpaths.clear();
}

/** Folders never holding the project's own source: dependencies, build output, caches, version control. */
const SKIPPED_FOLDER = /^(?:node_modules|bower_components|dist|build|out|coverage|\..+)$/;

/**
 * Walks the files below `root`, depth first, leaving out the folders above and those `enterFolder` refuses. `file`
 * returns false to stop the walk; then so does this (a bound was reached).
 */
export function walkProjectFiles(
  root: string,
  visit: { enterFolder?: (path: string) => boolean; file: (path: string, name: string) => boolean },
): boolean {
  const queue = [root];
  while (queue.length > 0) {
    const directory = queue.pop()!;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDER.test(entry.name) && (visit.enterFolder?.(path) ?? true)) queue.push(path);
      } else if (!visit.file(path, entry.name)) {
        return false;
      }
    }
  }
  return true;
}

/** Comments, in a text read as text: a `//` after `:` or a quote is a URL's or a string's, not one. */
const COMMENTS = /\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/[^\n]*/g;

/** A module's text without its comments, which may show code (`graph.setOptions({ timeout })`) nothing runs. */
export function withoutComments(text: string): string {
  return text.replace(COMMENTS, '$1');
}
