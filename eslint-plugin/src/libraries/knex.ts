import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { creationLabel, creationOptions, optionsBound } from './creation-options.js';
import { derive, instanceFrom, io, isSentQuery, isWholeModule, value, type CallOutcome, type ClientValue, type CreationModel, type LibraryModel } from './model.js';

/**
 * knex: `knex(config)` makes a query function; `db('users').where(...)`, `db.raw(sql)`, `db.select(...)` start a query
 * that is sent when its chain is awaited. A query is bounded by chaining `.timeout(ms, { cancel: true })`; for
 * PostgreSQL, `statement_timeout`/`query_timeout` in `connection` bound every query where knex is created, which is
 * where the fix belongs (reported once there, not at each of hundreds of queries).
 */

/** Members of a knex instance that start a query. */
const QUERY_STARTERS = new Set([
  'select', 'from', 'table', 'into', 'insert', 'update', 'del', 'delete', 'raw', 'with', 'withRecursive', 'first',
  'count', 'countDistinct', 'min', 'max', 'sum', 'avg', 'pluck', 'where', 'whereIn', 'whereRaw', 'distinct', 'upsert',
  'queryBuilder', 'union', 'unionAll',
]);
const POSTGRES_CLIENTS = new Set(['pg', 'postgres', 'postgresql', 'pg-native', 'pgnative', 'cockroachdb']);

function query(v: ClientValue, node: TSESTree.CallExpression): CallOutcome | undefined {
  return isSentQuery(node) ? io('knex query', undefined, -1, undefined) : { result: derive(v, 'builder') };
}

/** `knex({ client: 'pg', connection: {...} })` with no statement or query timeout on the connection. */
const creation: CreationModel = {
  sites: [
    { module: 'knex', path: ['default'], how: 'call' },
    { module: 'knex', path: ['knex'], how: 'call' },
    { module: 'knex', path: ['default', 'knex'], how: 'call' },
  ],
  check(node, sourceCode) {
    const options = creationOptions(sourceCode, node, 0);
    if (typeof options === 'string') return undefined;
    const facts = readOptions(options);
    if (facts === 'unknown') return undefined;
    const client = facts.get('client') ?? facts.get('dialect');
    const clientName = client && unwrapExpression(client);
    if (clientName?.type !== AST_NODE_TYPES.Literal || typeof clientName.value !== 'string' || !POSTGRES_CLIENTS.has(clientName.value)) return undefined;
    // `pool.afterCreate` usually sets the session's statement_timeout
    const pool = facts.get('pool');
    if (pool && (unwrapExpression(pool).type !== AST_NODE_TYPES.ObjectExpression || optionsBound(unwrapExpression(pool) as TSESTree.ObjectExpression, ['afterCreate']) !== 'unbounded')) return undefined;
    const connection = facts.get('connection');
    if (!connection) return undefined;
    const target = unwrapExpression(connection);
    if (target.type === AST_NODE_TYPES.ObjectExpression) {
      if (optionsBound(target, ['statement_timeout', 'query_timeout', 'options']) !== 'unbounded') return undefined;
    } else if (target.type === AST_NODE_TYPES.Literal || target.type === AST_NODE_TYPES.TemplateLiteral) {
      if (/statement_timeout|query_timeout/.test(sourceCode.getText(target))) return undefined;
    } else if (target.type !== AST_NODE_TYPES.MemberExpression || sourceCode.getText(target).indexOf('process.env') !== 0) {
      return undefined; // a connection object built elsewhere may set it
    }
    return {
      label: creationLabel(sourceCode, node),
      remedy: 'set `statement_timeout` (and `query_timeout`) in `connection`, or chain `.timeout(ms, { cancel: true })` on each query',
      fix({ sourceCode: code }) {
        const edits = new SourceEdits();
        const text = target.type === AST_NODE_TYPES.ObjectExpression
          ? objectTextWith(code, target, { set: [['statement_timeout', '5_000'], ['query_timeout', '10_000']] })
          : `{ connectionString: ${code.getText(connection)}, statement_timeout: 5_000, query_timeout: 10_000 }`;
        edits.replace(target.type === AST_NODE_TYPES.ObjectExpression ? target.range : connection.range, text);
        return { edits, option: 'statement_timeout: 5_000, query_timeout: 10_000' };
      },
    };
  },
};

export const knexLibrary: LibraryModel = {
  kind: 'knex',
  dataStore: true,
  title: 'knex',
  modules: ['knex'],
  typeNames: ['Knex', 'Knex.Transaction'],
  takesUrl: false,
  dependencyName: 'database',
  signal: 'none (`.timeout(ms, { cancel: true })` on the query)',
  retries: 'never',
  fromModule(module, imported) {
    if (module !== 'knex') return undefined;
    if (isWholeModule(imported) || imported === 'knex') return value('knex', 'factory', 'knex');
    if (imported === 'Knex') return value('knex', 'type', 'Knex');
    return undefined;
  },
  member(v, name) {
    if (v.role === 'factory' && (name === 'knex' || name === 'default')) return v;
    if (v.role === 'type' && name === 'Transaction') return derive(v, 'type', 'Knex.Transaction');
    if (v.role === 'instance') {
      if (name === 'transaction') return derive(v, 'transaction', name);
      if (QUERY_STARTERS.has(name)) return derive(v, 'starter', name);
    }
    return undefined;
  },
  call(v, node) {
    switch (v.role) {
      case 'factory':
        return { result: instanceFrom(v, 'instance', node, node.arguments.length ? [node.arguments[0]] : []) };
      case 'instance':
      case 'starter':
        return query(v, node);
      case 'transaction':
        return io('knex transaction', undefined, -1, undefined);
      default:
        return undefined;
    }
  },
  construct: () => undefined,
  instanceOfType: (v) => (v.role === 'type' ? { ...v, role: 'instance', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'pool'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: ['timeout'],
    remedy: 'chain `.timeout(ms, { cancel: true })`, or set `statement_timeout` where knex is created',
    defaultBound: 'none (60 s to acquire a connection: `acquireConnectionTimeout`)',
    // checked where knex is created: one finding there, not one per query
    isChecked: () => false,
  },
  creation,
  fix: {},
};
