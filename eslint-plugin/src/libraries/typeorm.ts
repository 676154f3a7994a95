import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import { creationOptions, pgDriverOptionsFinding } from './creation-options.js';
import { derive, instanceFrom, io, value, type CreationModel, type LibraryModel } from './model.js';

/**
 * TypeORM: `new DataSource({ type: 'postgres', ... })`, `dataSource.getRepository(User).find()`, `dataSource.manager`,
 * an injected `Repository<User>` or `EntityManager`, query builders ending in `getMany()`. A query takes no timeout of
 * its own (`maxQueryExecutionTime` only logs); with PostgreSQL, `extra: { statement_timeout }` (handed to the pg
 * pool) bounds every query where the DataSource is created, which is reported there.
 */

const OPERATIONS = new Set([
  'find', 'findBy', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findAndCount', 'findAndCountBy',
  'count', 'countBy', 'exists', 'existsBy', 'sum', 'average', 'minimum', 'maximum', 'save', 'insert', 'update',
  'upsert', 'delete', 'remove', 'softDelete', 'softRemove', 'restore', 'recover', 'increment', 'decrement', 'query',
  'clear', 'preload', 'findByIds', 'transaction',
]);
const QUERY_BUILDER_ENDS = new Set([
  'getMany', 'getOne', 'getOneOrFail', 'getRawMany', 'getRawOne', 'getCount', 'getManyAndCount', 'getExists',
  'execute', 'stream',
]);
const CLASSES = new Set(['DataSource', 'Repository', 'EntityManager', 'Connection']);
const POSTGRES = new Set(['postgres', 'cockroachdb', 'aurora-postgres']);

const creation: CreationModel = {
  sites: [
    { module: 'typeorm', path: ['DataSource'], how: 'new' },
    { module: 'typeorm', path: ['createConnection'], how: 'call' },
  ],
  check(node, sourceCode) {
    const options = creationOptions(sourceCode, node, 0);
    if (typeof options === 'string') return undefined;
    const facts = readOptions(options);
    if (facts === 'unknown') return undefined;
    const type = facts.get('type');
    const typeName = type && unwrapExpression(type);
    if (typeName?.type !== AST_NODE_TYPES.Literal || typeof typeName.value !== 'string' || !POSTGRES.has(typeName.value)) return undefined;
    return pgDriverOptionsFinding(sourceCode, node, options, 'extra', 'the DataSource');
  },
};

export const typeormLibrary: LibraryModel = {
  kind: 'typeorm',
  dataStore: true,
  title: 'TypeORM',
  modules: ['typeorm'],
  typeNames: [...CLASSES],
  takesUrl: false,
  dependencyName: 'database',
  signal: 'none',
  retries: 'never',
  fromModule(module, imported) {
    if (module !== 'typeorm') return undefined;
    if (CLASSES.has(imported)) return value('typeorm', 'class', imported);
    if (imported === 'createConnection') return value('typeorm', 'create', imported);
    return undefined;
  },
  member(v, name) {
    if (v.role === 'datasource' || v.role === 'manager' || v.role === 'repository') {
      if (name === 'manager') return derive(v, 'manager', name);
      if (name === 'getRepository' || name === 'getTreeRepository' || name === 'withRepository') return derive(v, 'repository-factory', name);
      if (name === 'createQueryBuilder') return derive(v, 'builder-factory', name);
      if (OPERATIONS.has(name)) return derive(v, 'operation', name);
      return undefined;
    }
    if (v.role === 'builder') return derive(v, QUERY_BUILDER_ENDS.has(name) ? 'builder-end' : 'builder-step', name);
    return undefined;
  },
  call(v, node) {
    switch (v.role) {
      case 'operation':
      case 'builder-end':
        return io(`typeorm ${v.name}`, undefined, -1, undefined);
      case 'repository-factory':
        return { result: derive(v, 'repository') };
      case 'builder-factory':
      case 'builder-step':
        return { result: derive(v, 'builder') };
      case 'create':
        return { result: instanceFrom(v, 'datasource', node, [node.arguments[0]]) };
      default:
        return undefined;
    }
  },
  construct: (v, node) => (v.role === 'class' && v.name === 'DataSource' ? instanceFrom(v, 'datasource', node, [node.arguments[0]]) : undefined),
  instanceOfType(v) {
    if (v.role !== 'class') return undefined;
    const role = v.name === 'Repository' ? 'repository' : v.name === 'EntityManager' ? 'manager' : 'datasource';
    return { ...v, role, options: [null] };
  },
  timeout: {
    levels: ['pool'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'set `extra: { statement_timeout }` where the DataSource is created',
    defaultBound: 'none',
    isChecked: () => false,
  },
  creation,
  fix: {},
};
