import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { addCreationOptions } from './creation-options.js';
import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel, type OptionFacts } from './model.js';

/** node-postgres: `Pool` and `Client`; a query is bounded by `statement_timeout`/`query_timeout` on the pool or client. */

/** `options: '-c statement_timeout=5s'`, or a connection string literal that sets it. */
function timeoutInOptionsString(facts: OptionFacts): 'bounded' | undefined {
  for (const key of ['options', 'connectionString']) {
    const value = facts.get(key);
    if (!value) continue;
    const target = unwrapExpression(value);
    if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string' && /statement_timeout|query_timeout/.test(target.value)) return 'bounded';
    if (target.type === AST_NODE_TYPES.TemplateLiteral && target.quasis.some((quasi) => /statement_timeout|query_timeout/.test(quasi.value.raw))) return 'bounded';
  }
  return undefined;
}

export const pgLibrary: LibraryModel = {
  kind: 'pg',
  title: 'pg (node-postgres)',
  modules: ['pg', 'pg-pool'],
  typeNames: ['Pool', 'Client', 'PoolClient'],
  takesUrl: false,
  dependencyName: 'postgres',
  signal: 'none',
  retries: 'never',
  fromModule(module, imported) {
    if (module === 'pg-pool' && isWholeModule(imported)) return value('pg', 'class', 'Pool');
    if (module !== 'pg') return undefined;
    const root = value('pg', 'root', 'pg');
    return isWholeModule(imported) ? root : pgLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (name === 'default' || name === 'native') return v;
      if (name === 'Pool' || name === 'Client' || name === 'PoolClient') return derive(v, 'class', name);
      return undefined;
    }
    if ((v.role === 'pool' || v.role === 'client') && (name === 'query' || name === 'connect')) return derive(v, `${v.role}-${name}`, name);
    return undefined;
  },
  call(v) {
    if (v.role === 'pool-query' || v.role === 'client-query') return io('pg query', undefined, 0, undefined);
    if (v.role === 'pool-connect') return { io: io('pg connect', undefined, -1, undefined).io!, result: derive(v, 'client') };
    if (v.role === 'client-connect') return io('pg connect', undefined, -1, undefined);
    return undefined;
  },
  construct(v, node) {
    if (v.role !== 'class') return undefined;
    return instanceFrom(v, v.name === 'Pool' ? 'pool' : 'client', node, node.arguments.length ? [node.arguments[0]] : []);
  },
  instanceOfType(v) {
    if (v.role !== 'class') return undefined;
    return { ...v, role: v.name === 'Pool' ? 'pool' : 'client', options: [null] };
  },
  timeout: {
    levels: ['call', 'pool'],
    callOptions: ['query_timeout', 'statement_timeout'],
    instanceOptions: ['statement_timeout', 'query_timeout'],
    chainMethods: [],
    remedy: 'set `statement_timeout` or `query_timeout` where the pool or client is created',
    defaultBound: 'none',
    // connecting is bounded by the pool's own connectionTimeoutMillis, and is not where a query hangs
    isChecked: (call) => call.label !== 'pg connect',
    readCallOptions: timeoutInOptionsString,
    readInstanceOptions: timeoutInOptionsString,
  },
  fix: {
    instanceTimeout: () => [['statement_timeout', '5_000'], ['query_timeout', '10_000']],
    clientTimeout: (target, call) => addCreationOptions(target, call, '{ statement_timeout: 5_000, query_timeout: 10_000 }'),
  },
};
