import { derive, io, isSentQuery, value, type LibraryModel } from './model.js';

/**
 * Drizzle ORM: `drizzle(pool)` from `drizzle-orm/node-postgres` (and the other drivers), `db.select().from(users)`,
 * `db.query.users.findMany()`. Drizzle has no timeout of its own: queries are bounded by the driver's pool or
 * connection (pg's `statement_timeout`), where the pg model checks them.
 */

const QUERY_STARTERS = new Set(['select', 'selectDistinct', 'selectDistinctOn', 'insert', 'update', 'delete', 'execute', 'with', 'transaction', 'batch', '$count']);

function isDrizzleModule(module: string): boolean {
  return module.startsWith('drizzle-orm/');
}

export const drizzleLibrary: LibraryModel = {
  kind: 'drizzle',
  dataStore: true,
  title: 'Drizzle ORM (`drizzle-orm/*`)',
  modules: [],
  ownsModule: isDrizzleModule,
  modulePattern: 'drizzle-orm/*',
  typeNames: [],
  takesUrl: false,
  dependencyName: 'database',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (isDrizzleModule(module) && imported === 'drizzle' ? value('drizzle', 'factory', 'drizzle') : undefined),
  member(v, name) {
    if (v.role === 'db') {
      if (name === 'query') return derive(v, 'relational', name);
      return QUERY_STARTERS.has(name) ? derive(v, 'starter', name) : undefined;
    }
    if (v.role === 'relational') return derive(v, 'table', name);
    if (v.role === 'table' && (name === 'findMany' || name === 'findFirst')) return derive(v, 'operation', `${v.name}.${name}`);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'factory') return { result: { ...derive(v, 'db'), options: [null], origin: node } };
    if (v.role === 'operation') return io(`drizzle ${v.name}`, undefined, -1, undefined);
    if (v.role === 'starter') return isSentQuery(node) ? io(`drizzle ${v.name}`, undefined, -1, undefined) : { result: derive(v, 'builder') };
    return undefined;
  },
  construct: () => undefined,
  timeout: {
    levels: ['pool'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'set `statement_timeout` on the driver\'s pool',
    defaultBound: 'the driver\'s',
    isChecked: () => false,
  },
  fix: {},
};
