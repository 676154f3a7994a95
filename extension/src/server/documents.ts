// How an editor document maps to the file ESLint lints: its path, the name ESLint sees, its language.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LINTED_EXTENSIONS } from './workspace-files.js';

const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};

/** The file name ESLint sees: the real path, with an extension it matches when the document's own has none. */
export function lintFilename(document: TextDocument): string {
  const path = filePath(document.uri) ?? `/untitled/${document.uri.replace(/[^\w.-]+/g, '_')}`;
  const extension = EXTENSION_BY_LANGUAGE[document.languageId] ?? '.js';
  return LINTED_EXTENSIONS.has(extname(path)) ? path : `${path}${extension}`;
}

/** The file as saved on disk, as a document of version 0. */
export function readDocument(uri: string, path: string, warn?: (message: string) => void): TextDocument | undefined {
  try {
    return TextDocument.create(uri, languageOf(path), 0, readFileSync(path, 'utf8'));
  } catch (error) {
    warn?.(`Could not read ${path}: ${(error as Error).message}`);
    return undefined;
  }
}

/** The path of a `file:` document; other schemes (untitled, git) have none. */
export function filePath(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

/** How the log names a document: its path, or its URI when it has none. */
export function displayName(uri: string): string {
  return filePath(uri) ?? uri;
}

function languageOf(path: string): string {
  const extension = extname(path);
  if (extension === '.vue' || extension === '.svelte') return extension.slice(1);
  const react = extension === '.jsx' || extension === '.tsx';
  const typescript = /^\.[mc]?tsx?$/.test(extension);
  return `${typescript ? 'typescript' : 'javascript'}${react ? 'react' : ''}`;
}
