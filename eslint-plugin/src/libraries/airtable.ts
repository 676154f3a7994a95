import type { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * airtable.js (0.12): `new Airtable({ apiKey, requestTimeout }).base(id)` (or `Airtable.base(id)` after
 * `Airtable.configure`), a base that is called for a table (`base('Tasks')`, `base.table('Tasks')`), and the table's
 * `create`, `update`, `replace`, `destroy`, `find` and `select(params).all()` / `.firstPage()` / `.eachPage()`. Every
 * request is aborted after `requestTimeout`, 300 s by default, so none waits for ever; a 429 is retried by the library
 * with backoff. Its requests take no idempotency key, so a create sent again after a failure that came after it
 * landed (a timeout, a lost connection) makes the records twice. What tells a failure that did not land is its error:
 * an `Airtable.Error` with a status the server answered with (a lost connection or a timeout has none, and 0.12 has
 * no upsert to make a create safe to send again); a 5xx is the one worth another attempt (a 4xx fails again).
 */

const MODULE = 'airtable';
/** `update` is a PATCH, but of given fields of given records: sent twice, it leaves them as once, like a PUT. */
const TABLE_CALLS: Record<string, string> = { create: 'POST', update: 'PUT', replace: 'PUT', destroy: 'DELETE', find: 'GET' };
const QUERY_CALLS = new Set(['all', 'firstPage', 'eachPage']);

export const airtableLibrary: LibraryModel = {
  kind: 'airtable',
  title: 'Airtable (`airtable`)',
  modules: [MODULE],
  typeNames: ['Airtable.Base', 'Airtable.Table'],
  takesUrl: false,
  dependencyName: 'airtable',
  signal: 'none',
  retries: 'a 429 with backoff (unless `noRetryIfRateLimited`)',
  notAppliedCondition(error, sourceCode) {
    const airtable = defaultImportName(sourceCode);
    return airtable && `${error} instanceof ${airtable}.Error && ${error}.statusCode >= 500`;
  },
  fromModule: (module, imported) => (module === MODULE && isWholeModule(imported) ? value('airtable', 'class', 'Airtable') : undefined),
  member(v, name) {
    if (v.role === 'class') {
      if (name === 'base') return derive(v, 'base-factory');
      return name === 'Base' || name === 'Table' ? derive(v, 'type', name) : undefined;
    }
    if (v.role === 'client') return name === 'base' ? derive(v, 'base-factory') : undefined;
    if (v.role === 'base') return name === 'table' ? derive(v, 'table-factory') : undefined;
    if (v.role === 'table') {
      if (name === 'select') return derive(v, 'query-factory');
      return name in TABLE_CALLS ? derive(v, 'operation', name) : undefined;
    }
    return v.role === 'query' && QUERY_CALLS.has(name) ? derive(v, 'operation', `select().${name}`) : undefined;
  },
  call(v) {
    switch (v.role) {
      case 'base-factory':
        return { result: derive(v, 'base', 'base') };
      case 'base':
      case 'table-factory':
        return { result: derive(v, 'table', 'table') };
      case 'query-factory':
        return { result: derive(v, 'query', 'query') };
      case 'operation':
        return io(`Airtable table.${v.name}`, TABLE_CALLS[v.name] ?? 'GET', -1, undefined);
      default:
        return undefined;
    }
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[0]]) : undefined),
  instanceOfType(v) {
    if (v.role !== 'type') return undefined;
    return v.name === 'Base' ? { ...v, role: 'base', name: 'base', options: [] } : { ...v, role: 'table', name: 'table', options: [] };
  },
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['requestTimeout'],
    chainMethods: [],
    remedy: "keep airtable.js's `requestTimeout` (300 s by default) or set a shorter one",
    defaultBound: '300 s (`requestTimeout`)',
    boundedByDefault: true,
    isChecked: () => false,
  },
  fix: {},
};

/** The name this file gives airtable.js's default export as a value (`import Airtable from 'airtable'`). */
function defaultImportName(sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.source.value !== MODULE || statement.importKind === 'type') continue;
    const specifier = statement.specifiers.find((candidate) => candidate.type === AST_NODE_TYPES.ImportDefaultSpecifier);
    if (specifier) return specifier.local.name;
  }
  return undefined;
}
