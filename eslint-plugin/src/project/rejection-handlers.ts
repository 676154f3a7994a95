import { readProjectFile } from './files.js';
import { resolveProjectModule } from './resolution.js';

/**
 * Whether a process the package starts installs a handler for unhandled rejections that lets the process go on
 * (`process.on('unhandledRejection', (reason) => logger.error(reason))`): there a dropped promise's failure is logged,
 * not fatal, as it is under Node's default. A handler that exits, kills or throws keeps the default's cost.
 * Read from the text of the files that start the package's processes (see `processFiles`), as the handler is set once,
 * where the process starts.
 */
export function logsUnhandledRejections(startFiles: readonly string[]): boolean {
  return startFiles.some((file) => installsLoggingHandler(file) || startedModules(file).some(installsLoggingHandler));
}

function installsLoggingHandler(file: string): boolean {
  const text = readProjectFile(file);
  return text !== undefined && text.includes('unhandledRejection')
    && handlersIn(text).some((handler) => INLINE_FUNCTION.test(handler) && !ENDS_PROCESS.test(handler));
}

/**
 * The modules of the package a start file loads (`const Server = require('../dist')`, `import { start } from
 * './src/server'`), where the process's set-up often lives; a built folder stands for its source (`../dist` is
 * `../src`). One step only: the handler is installed near where the process starts.
 */
function startedModules(file: string): string[] {
  const text = readProjectFile(file);
  if (text === undefined) return [];
  const modules = new Set<string>();
  for (const match of text.matchAll(RELATIVE_LOAD)) {
    const specifier = match[1] ?? match[2]!;
    const found = resolveProjectModule(specifier, file) ?? resolveProjectModule(specifier.replace(BUILT_FOLDER, '$1src$2'), file);
    if (found) modules.add(found);
    if (modules.size >= MAX_STARTED_MODULES) break;
  }
  return [...modules];
}

const RELATIVE_LOAD = /\brequire\s*\(\s*['"`](\.{1,2}\/[^'"`]*)['"`]\s*\)|\bfrom\s*['"`](\.{1,2}\/[^'"`]*)['"`]/g;
const BUILT_FOLDER = /(^|\/)(?:dist|lib|build|out)(\/|$)/;
const MAX_STARTED_MODULES = 8;

const INSTALL = /\bprocess\s*\.\s*(?:on|once|addListener|prependListener)\s*\(\s*['"`]unhandledRejection['"`]\s*,/g;
/** A handler written in place; one named elsewhere (`process.on('unhandledRejection', onRejection)`) is not read. */
const INLINE_FUNCTION = /^\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*=>|\w+\s*=>)/;
const ENDS_PROCESS = /\bprocess\s*\.\s*(?:exit|kill|abort)\b|\bthrow\b/;
/** Enough for a handler that logs; a longer one is read up to here. */
const MAX_HANDLER = 2_000;

/** The text of each handler installed, up to the parenthesis closing the `process.on(` call. */
function handlersIn(text: string): string[] {
  const handlers: string[] = [];
  for (const match of text.matchAll(INSTALL)) {
    const start = match.index + match[0].length;
    let depth = 1;
    let end = start;
    while (end < text.length && end - start < MAX_HANDLER && depth > 0) {
      const char = text[end++];
      if (char === '(') depth++;
      else if (char === ')') depth--;
    }
    handlers.push(text.slice(start, end));
  }
  return handlers;
}
