import { dirname, join } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { projectFileExists, readProjectFile, walkProjectFiles } from '../project/files.js';
import { nearestPackage } from '../project/package-info.js';

/**
 * A library kept as one process-wide instance whose options any module of the app may set (fb's `FB.options`,
 * fbgraph's `graph.setOptions`): a call is bounded when the file it is in sets a bound, else when some file of its
 * package does. The package's files are read once per library and package, until a file changes.
 */

const SOURCE = /\.[cm]?[jt]sx?$/;
const MAX_FILES_VISITED = 3_000;
const MAX_FILE_CHARACTERS = 200_000;

export type SetUp = 'bounded' | 'unbounded' | 'unknown';

/**
 * How a library's process-wide options are read off a file's text (fb's `FB.options`, fbgraph's `graph.setOptions`):
 * `key` names the library in the cache, `imports` picks the files of a package that may set them up.
 */
export interface SharedSetUpScan {
  readonly key: string;
  readonly imports: RegExp;
  setUpIn(text: string): SetUp;
}

/** By library and package root. */
const byPackage = new Map<string, SetUp>();

/** A file changed, on disk or in an editor: the packages are read again when next asked (for every library scanned). */
export function forgetSharedSetUps(): void {
  byPackage.clear();
}

/** Whether some file of the package (stopping at nested packages) gives the shared instance a timeout. */
function sharedSetUp(filename: string, scan: SharedSetUpScan): SetUp {
  const root = nearestPackage(dirname(filename))?.directory;
  if (root === undefined) return 'unknown';
  const key = `${scan.key}\0${root}`;
  const cached = byPackage.get(key);
  if (cached) return cached;
  let setUp: SetUp = 'unbounded';
  let visited = 0;
  walkProjectFiles(root, {
    enterFolder: (path) => !projectFileExists(join(path, 'package.json')),
    file(path, name) {
      if (++visited > MAX_FILES_VISITED) {
        setUp = 'unknown';
        return false;
      }
      if (!SOURCE.test(name) || name.endsWith('.d.ts')) return true;
      const text = readProjectFile(path);
      if (text === undefined || text.length > MAX_FILE_CHARACTERS || !scan.imports.test(text)) return true;
      const found = scan.setUpIn(text);
      if (found !== 'unbounded') setUp = found;
      return found !== 'bounded';
    },
  });
  byPackage.set(key, setUp);
  return setUp;
}

/**
 * A process-wide instance's set-up as the file `node` is in gives it, else as some file of its package does (`scan`
 * reads each file): 'unknown' when neither can be read.
 */
export function sharedSetUpOf(node: TSESTree.Node, filename: string | undefined, scan: SharedSetUpScan): SetUp {
  const program = programOf(node);
  const here = program ? scan.setUpIn(sourceText(program)) : 'unknown';
  if (here !== 'unbounded') return here;
  return filename === undefined ? 'unknown' : sharedSetUp(filename, scan);
}

export function programOf(node: TSESTree.Node): TSESTree.Program | undefined {
  let current: TSESTree.Node = node;
  while (current.parent) current = current.parent;
  return current.type === AST_NODE_TYPES.Program ? current : undefined;
}

const textByProgram = new WeakMap<TSESTree.Program, string>();

/** The program's text, rebuilt from its tokens' values where no source is at hand (cached per program). */
export function sourceText(program: TSESTree.Program): string {
  const cached = textByProgram.get(program);
  if (cached !== undefined) return cached;
  const text = (program.tokens ?? []).map((token) => token.value).join(' ');
  textByProgram.set(program, text);
  return text;
}
