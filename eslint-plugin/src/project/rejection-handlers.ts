import { readProjectFile } from './files.js';

/**
 * Whether a process the package starts installs a handler for unhandled rejections that lets the process go on
 * (`process.on('unhandledRejection', (reason) => logger.error(reason))`): there a dropped promise's failure is logged,
 * not fatal, as it is under Node's default. A handler that exits, kills or throws keeps the default's cost.
 * Read from the text of the files that start the package's processes (see `processFiles`), as the handler is set once,
 * where the process starts.
 */
export function logsUnhandledRejections(startFiles: readonly string[]): boolean {
  return startFiles.some((file) => {
    const text = readProjectFile(file);
    return text !== undefined && text.includes('unhandledRejection')
      && handlersIn(text).some((handler) => INLINE_FUNCTION.test(handler) && !ENDS_PROCESS.test(handler));
  });
}

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
