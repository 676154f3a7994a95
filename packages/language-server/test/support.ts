import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const repositoryRoot = join(packageRoot, '..', '..');
export const binPath = join(packageRoot, 'bin', 'resilint-language-server.cjs');

/** The fixture's file with an unbounded `fetch`, and where (0-based, as LSP counts) its finding starts. */
export const ordersFile = join('src', 'orders.ts');
export const unboundedFetchLine = 1;

/** A fresh copy of the fixture project: the tests edit it. */
export function copyFixtureProject(): string {
  const directory = mkdtempSync(join(tmpdir(), 'resilint-ls-'));
  cpSync(fileURLToPath(new URL('fixture', import.meta.url)), directory, { recursive: true });
  return directory;
}

/** PATH as after `npm install @resilint/language-server`: its bin linked in node_modules/.bin, beside this Node. */
export function pathWithServer(): string {
  if (!existsSync(join(packageRoot, 'dist', 'server.js'))) throw new Error(`${packageRoot}dist/server.js is missing: run "npm run build" first.`);
  return [join(repositoryRoot, 'node_modules', '.bin'), dirname(process.execPath), process.env['PATH'] ?? ''].join(delimiter);
}
