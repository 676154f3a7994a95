import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { projectFileExists, readProjectFile, walkProjectFiles } from './files.js';
import { nearestPackage } from './package-info.js';

/**
 * An undici dispatcher a package sets for its whole process at boot (`setGlobalDispatcher(new Agent({ headersTimeout,
 * bodyTimeout }))`, anything-llm's `server/utils/boot/patchSdkTimeouts.js` for slow local models): every global
 * `fetch` of that process gives up after that long without a byte. It is a bound, though rarely one a request should
 * wait (ten minutes holds a route's socket and its caller); require-timeout still reports the calls, and names it
 * rather than saying they wait forever. Only the linted file's own package counts: another package of a monorepo is
 * another process.
 */
export interface ProcessWideBound {
  /** The file that sets it, relative to its package. */
  readonly file: string;
  /** The longest silence allowed, as written and, when its constants say, in words: `timeoutMs (10 minutes by default)`. */
  readonly wait: string;
}

const SETS_GLOBAL_DISPATCHER = /\bsetGlobalDispatcher\s*\(\s*new\s+(?:[\w$]+\.)?Agent\s*\(\s*\{([^}]*)\}/;
const SOURCE_FILE = /\.[cm]?[jt]s$/;
/** A package walked for its boot code: past this many files (a monorepo's root) nothing is looked for. */
const MAX_FILES = 5_000;

const boundByPackage = new Map<string, ProcessWideBound | null>();

/** The process-wide fetch bound of the package the file sits in, when one of its modules sets one. */
export function processWideFetchBound(file: string): ProcessWideBound | undefined {
  const info = nearestPackage(dirname(isAbsolute(file) ? file : resolve(file)));
  if (!info) return undefined;
  let bound = boundByPackage.get(info.directory);
  if (bound === undefined) {
    bound = findBound(info.directory) ?? null;
    boundByPackage.set(info.directory, bound);
  }
  return bound ?? undefined;
}

function findBound(directory: string): ProcessWideBound | undefined {
  let files = 0;
  let found: ProcessWideBound | undefined;
  walkProjectFiles(directory, {
    // a folder with a package.json of its own is another package (another process)
    enterFolder: (path) => !projectFileExists(join(path, 'package.json')),
    file(path, name) {
      if (++files > MAX_FILES) return false;
      if (!SOURCE_FILE.test(name) || /\.(?:test|spec)\./.test(name)) return true;
      const text = readProjectFile(path);
      const options = text?.includes('setGlobalDispatcher') ? SETS_GLOBAL_DISPATCHER.exec(text)?.[1] : undefined;
      const wait = options && silenceAllowed(options, text!);
      if (wait) found = { file: relative(directory, path).split('\\').join('/'), wait };
      return found === undefined;
    },
  });
  return found;
}

/** The smaller of the two timeouts set (both must be: either alone leaves the other wait at undici's default). */
function silenceAllowed(options: string, text: string): string | undefined {
  const headers = /\bheadersTimeout\s*:\s*([\w$.]+)/.exec(options)?.[1];
  const body = /\bbodyTimeout\s*:\s*([\w$.]+)/.exec(options)?.[1];
  if (!headers || !body) return undefined;
  const [headersMs, bodyMs] = [milliseconds(headers, text, 0), milliseconds(body, text, 0)];
  const shorter = headersMs !== undefined && bodyMs !== undefined && bodyMs < headersMs ? body : headers;
  const ms = shorter === headers ? headersMs : bodyMs;
  if (ms === 0) return undefined; // 0 turns the timeout off
  const words = ms === undefined ? undefined : inWords(ms);
  if (/^[\d_]+$/.test(shorter)) return words;
  return words ? `\`${shorter}\` (${words} by default)` : `\`${shorter}\``;
}

const MAX_CONSTANT_HOPS = 3;

/** `600_000`, `10 * 60 * 1000`, or a name the file gives such a value (`let timeoutMs = DEFAULT_TIMEOUT_MS`). */
function milliseconds(expression: string, text: string, hops: number): number | undefined {
  const product = expression.replaceAll('_', '');
  if (/^\d+(?:\s*\*\s*\d+)*$/.test(product)) return product.split('*').reduce((total, factor) => total * Number(factor), 1);
  if (hops >= MAX_CONSTANT_HOPS || !/^[A-Za-z_$][\w$]*$/.test(expression)) return undefined;
  const initial = new RegExp(`\\b(?:const|let|var)\\s+${expression.replace(/\$/g, '\\$')}\\s*=\\s*([\\w$\\s*]+?)\\s*[;\\n]`).exec(text)?.[1];
  return initial === undefined ? undefined : milliseconds(initial.trim(), text, hops + 1);
}

function inWords(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  if (ms % 1000 === 0) return `${ms / 1000} seconds`;
  return `${ms} ms`;
}

/** Files changed: look again when next asked. */
export function forgetProcessWideBounds(): void {
  boundByPackage.clear();
}
