import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isClientModule, valueFromModule } from '../libraries/index.js';
import type { ClientSetting } from '../analysis/settings.js';

/**
 * Whether an import from a client module can bring a client into the file: some name it binds is one the library's
 * model gives a value (`Sequelize`, a default or namespace import), or it binds nothing at all (`import 'x'`, kept
 * as before). `import { Op } from 'sequelize'` or `import type { WhereOptions } from 'sequelize'` binds names that
 * evaluate to nothing wherever they are used, so the file is no more likely to call a client than one without the
 * import. In outline a third of the modules the project model parsed and found nothing in were there for such an
 * import alone.
 */
export function importBindsClient(statement: TSESTree.ImportDeclaration, clients: readonly ClientSetting[]): boolean {
  const module = statement.source.value;
  if (!isClientModule(module)) return false;
  if (statement.specifiers.length === 0) return true;
  return statement.specifiers.some((specifier) => valueFromModule(module, importedName(specifier), clients) !== undefined);
}

function importedName(specifier: TSESTree.ImportClause): string {
  if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) return 'default';
  if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return '*';
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
}

const SPECIFIER = /\b(?:from|import|require)\s*\(?\s*['"]([^'"\n]+)['"]/g;
const IMPORT_CLAUSE = /\bimport\s+([^;'"]*?)\s*from\s*['"]([^'"\n]+)['"]/g;
const NAME = /^[\w$]+$/;

/**
 * The text-level `importBindsClient` for a module the project model has not parsed: whether any mention of a client
 * module in `text` may bind a client. Only `import { a, type b as c } from 'client'` (with or without `type`) whose
 * every name has no value is ruled out; anything else that names a client module (a default or namespace import, a
 * `require`, an `import()`, an `export ... from`, a clause this reading cannot split cleanly) counts, as it did
 * before this check existed.
 */
export function textBindsClient(text: string, clients: readonly ClientSetting[]): boolean {
  const mentions = new Map<string, number>();
  for (const [, specifier = ''] of text.matchAll(SPECIFIER)) {
    if (isClientModule(specifier)) mentions.set(specifier, (mentions.get(specifier) ?? 0) + 1);
  }
  if (mentions.size === 0) return false;
  const harmless = new Map<string, number>();
  for (const [, clause = '', specifier = ''] of text.matchAll(IMPORT_CLAUSE)) {
    if (!mentions.has(specifier)) continue;
    const names = namedImports(clause);
    if (names && names.every((name) => valueFromModule(specifier, name, clients) === undefined)) {
      harmless.set(specifier, (harmless.get(specifier) ?? 0) + 1);
    }
  }
  return [...mentions].some(([specifier, count]) => (harmless.get(specifier) ?? 0) < count);
}

/** The names of `{ a, type b as c }` (after an optional `type`), or undefined for any other clause. */
function namedImports(clause: string): string[] | undefined {
  const list = /^(?:type\s+)?\{([^{}]*)\}$/.exec(clause.trim())?.[1];
  if (list === undefined) return undefined;
  const names: string[] = [];
  for (const item of list.split(',')) {
    const name = item.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!.trim();
    if (name === '') continue;
    if (!NAME.test(name)) return undefined;
    names.push(name);
  }
  return names;
}
