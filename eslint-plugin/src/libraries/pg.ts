import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { CALL, findModuleReferences, moduleTrace, type TraceMap } from '../analysis/module-references.js';
import { isSet, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { creationLabel, setCreationOptions } from './creation-options.js';
import { derive, instanceFrom, io, isWholeModule, value, type CreationFinding, type LibraryModel, type OptionFacts } from './model.js';

/**
 * node-postgres: `Pool` and `Client`; a query is bounded by `statement_timeout`/`query_timeout` on the pool or client.
 * Judged where the pool or client is made, once, as the place its fix belongs (a pool exported to a dozen store
 * modules drew a finding at every query, none with a fix, on the forty-second held-out round): options written
 * there, or held in a variable that visibly sets no timeout (an object literal, or what `pg-connection-string`
 * parses out of a connection string, as pg itself does with `connectionString`), or none at all. Queries are not
 * judged: a pool whose creation is not seen (injected, typed) may be bounded there.
 */

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

type SourceCode = Readonly<TSESLint.SourceCode>;

const TIMEOUT_OPTIONS = ['statement_timeout', 'query_timeout', 'options'];
const CREATION_FIX = [['statement_timeout', '5_000'], ['query_timeout', '10_000'], ['connectionTimeoutMillis', '10_000']] as const;
const CONNECTION_STRING_PARSE: TraceMap = { 'pg-connection-string': moduleTrace({ parse: { [CALL]: 'parse' } }, { parse: { [CALL]: 'parse' } }) };

/** A variable's single value, and whether a later write may give it a timeout (`config.query_timeout = ...`). */
function heldValue(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
  const variable = sourceCode.getScope(identifier).references.find((reference) => reference.identifier === identifier)?.resolved;
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || !def.node.init) return undefined;
  for (const reference of variable.references) {
    if (reference.init) continue;
    if (reference.isWrite()) return undefined;
    const member = reference.identifier.parent;
    if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier) {
      const written = member.parent.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member;
      const key = !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
      if (written && (key === undefined || TIMEOUT_OPTIONS.includes(key))) return undefined;
      continue;
    }
    // handed to something that may add options (`Object.assign(config, ...)`, `configure(config)`), or to the creation itself
    const call = reference.identifier.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(reference.identifier as TSESTree.Identifier)) return undefined;
  }
  return def.node.init;
}

/**
 * `new Pool(options)` whose options visibly set no timeout: written in place, held in a variable, or none given (pg
 * then reads only the `PG*` environment variables).
 */
function unboundedCreation(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode): CreationFinding | undefined {
  const argument = node.arguments[0];
  const options = argument?.type === AST_NODE_TYPES.Identifier ? heldValue(sourceCode, argument) : argument;
  const init = options && unwrapExpression(options);
  if (init?.type === AST_NODE_TYPES.ObjectExpression) {
    const facts = readOptions(init);
    if (facts === 'unknown' || timeoutInOptionsString(facts) || ['statement_timeout', 'query_timeout'].some((key) => isSet(facts.get(key)))) return undefined;
  } else if (argument !== undefined && (argument.type !== AST_NODE_TYPES.Identifier || init?.type !== AST_NODE_TYPES.CallExpression
    || !findModuleReferences(sourceCode, CONNECTION_STRING_PARSE).some((reference) => reference.node === init))) {
    return undefined;
  }
  return {
    label: creationLabel(sourceCode, node),
    remedy: 'set `statement_timeout` and `query_timeout` (and `connectionTimeoutMillis`) where it is created: its options set none, so a query, or a connect to a server that stalls, waits forever',
    fix: (target) => setCreationOptions(target, node, 0, CREATION_FIX),
  };
}

export const pgLibrary: LibraryModel = {
  kind: 'pg',
  dataStore: true,
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
  call(v, node) {
    // `client.query(new Cursor(sql))`: a submittable (pg-cursor, pg-query-stream) is no options object; the query is
    // bounded by the pool's or client's options only
    if ((v.role === 'pool-query' || v.role === 'client-query') && node.arguments[0] && unwrapExpression(node.arguments[0]).type === AST_NODE_TYPES.NewExpression) {
      return io('pg query', undefined, -1, undefined);
    }
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
    levels: ['pool'],
    callOptions: [],
    instanceOptions: ['statement_timeout', 'query_timeout'],
    chainMethods: [],
    remedy: 'set `statement_timeout` or `query_timeout` where the pool or client is created',
    defaultBound: 'none',
    // judged where the pool or client is made (below)
    isChecked: () => false,
  },
  creation: {
    sites: ['Client', 'Pool'].flatMap((name) => [
      { module: 'pg', path: [name], how: 'new' as const },
      { module: 'pg', path: ['default', name], how: 'new' as const },
    ]).concat([{ module: 'pg-pool', path: ['default'], how: 'new' }]),
    check: unboundedCreation,
  },
  fix: {},
};
