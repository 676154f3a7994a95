import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import { creationOptions, pgDriverOptionsFinding } from './creation-options.js';
import { derive, instanceFrom, io, isWholeModule, value, type CreationModel, type LibraryModel } from './model.js';

/**
 * Sequelize: `new Sequelize(uri | database, user, password, options)`, `sequelize.query(sql)`, models from
 * `sequelize.define(...)` (`User.findAll()`). A query takes no timeout of its own; with PostgreSQL,
 * `dialectOptions: { statement_timeout, query_timeout }` bound every query where Sequelize is created (reported
 * there). The pool waits at most `pool.acquire` (60 s) for a connection.
 */

const MODEL_OPERATIONS = new Set([
  'findAll', 'findOne', 'findByPk', 'findOrCreate', 'findAndCountAll', 'findCreateFind', 'create', 'bulkCreate',
  'update', 'destroy', 'restore', 'count', 'upsert', 'max', 'min', 'sum', 'increment', 'decrement', 'aggregate', 'truncate',
]);
const INSTANCE_OPERATIONS = new Set(['query', 'transaction', 'authenticate', 'sync', 'drop']);

/** The options object of `new Sequelize(...)`: the last argument. */
function optionsIndex(node: TSESTree.CallExpression | TSESTree.NewExpression): number {
  return Math.max(0, node.arguments.length - 1);
}

/** The dialect named in the options, or in a literal connection URI. */
function dialectOf(node: TSESTree.NewExpression | TSESTree.CallExpression, options: TSESTree.ObjectExpression): string | undefined {
  const facts = readOptions(options);
  const dialect = facts === 'unknown' ? undefined : facts.get('dialect');
  const target = dialect && unwrapExpression(dialect);
  if (target?.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return target.value;
  const uri = node.arguments[0];
  if (uri?.type === AST_NODE_TYPES.Literal && typeof uri.value === 'string') return /^(\w+):/.exec(uri.value)?.[1]?.replace(/^postgresql$/, 'postgres');
  return undefined;
}

const creation: CreationModel = {
  sites: [
    { module: 'sequelize', path: ['Sequelize'], how: 'new' },
    { module: 'sequelize', path: ['default'], how: 'new' },
    { module: 'sequelize-typescript', path: ['Sequelize'], how: 'new' },
  ],
  check(node, sourceCode) {
    const index = optionsIndex(node);
    const options = creationOptions(sourceCode, node, index);
    if (typeof options === 'string' || dialectOf(node, options) !== 'postgres') return undefined;
    return pgDriverOptionsFinding(sourceCode, node, options, 'dialectOptions', 'Sequelize');
  },
};

export const sequelizeLibrary: LibraryModel = {
  kind: 'sequelize',
  dataStore: true,
  title: 'Sequelize',
  modules: ['sequelize', 'sequelize-typescript'],
  typeNames: ['Sequelize'],
  takesUrl: false,
  dependencyName: 'database',
  signal: 'none',
  retries: 'only when `retry: { max }` is set (default: none)',
  fromModule(module, imported) {
    if (module !== 'sequelize' && module !== 'sequelize-typescript') return undefined;
    if (imported === 'Sequelize' || (module === 'sequelize' && isWholeModule(imported))) return value('sequelize', 'class', 'Sequelize');
    return undefined;
  },
  member(v, name) {
    if (v.role === 'class' && name === 'Sequelize') return v;
    if (v.role === 'instance') {
      if (name === 'define') return derive(v, 'define', name);
      if (name === 'models') return derive(v, 'models', name);
      if (name === 'model') return derive(v, 'model-factory', name);
      if (INSTANCE_OPERATIONS.has(name)) return derive(v, 'operation', name);
      return undefined;
    }
    if (v.role === 'models') return derive(v, 'model', name);
    if (v.role === 'model' && MODEL_OPERATIONS.has(name)) return derive(v, 'operation', `${v.name}.${name}`);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'operation') return io(`sequelize ${v.name}`, undefined, -1, undefined);
    if (v.role === 'define' || v.role === 'model-factory') {
      const name = node.arguments[0];
      return { result: derive(v, 'model', name?.type === AST_NODE_TYPES.Literal ? String(name.value) : 'Model') };
    }
    return undefined;
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'instance', node, [node.arguments[optionsIndex(node)]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'instance', options: [null] } : undefined),
  timeout: {
    levels: ['pool'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'set `dialectOptions: { statement_timeout }` where Sequelize is created',
    defaultBound: 'none (60 s to acquire a connection: `pool.acquire`)',
    isChecked: () => false,
  },
  creation,
  fix: {},
};
