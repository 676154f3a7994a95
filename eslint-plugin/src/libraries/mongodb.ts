import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { asObject, propertyKey } from '../analysis/syntax.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { staticPropertyName } from '../analysis/member-syntax.js';
import { creationLabel, setCreationOption } from './creation-options.js';
import { derive, instanceFrom, io, isWholeModule, value, type ClientValue, type CreationModel, type LibraryModel } from './model.js';

/** The MongoDB driver: `MongoClient` -> `db()` -> `collection()`; an operation takes `maxTimeMS`/`timeoutMS` in its options. */

/** Where each collection operation takes its options (`updateOne(filter, update, options)`). */
const COLLECTION_OPTIONS: Record<string, number> = {
  find: 1, findOne: 1, insertOne: 1, insertMany: 1, updateOne: 2, updateMany: 2, replaceOne: 2, deleteOne: 1,
  deleteMany: 1, aggregate: 1, countDocuments: 1, estimatedDocumentCount: 0, distinct: 2, findOneAndUpdate: 2,
  findOneAndReplace: 2, findOneAndDelete: 1, bulkWrite: 1, createIndex: 1, createIndexes: 1, dropIndex: 1, drop: 0,
};
const DB_OPTIONS: Record<string, number> = { command: 1, createCollection: 1, dropDatabase: 0, listCollections: 1, aggregate: 1, stats: 0 };

function commandSetsTimeLimit(call: ExternalCall): boolean {
  const document = call.node.arguments[0];
  const literal = document && asObject(document);
  return literal !== undefined && literal.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyKey(property) === 'maxTimeMS');
}

const BOUNDING = ['socketTimeoutMS', 'timeoutMS'];
const FIX_SOCKET_TIMEOUT = '30_000';

/**
 * `client = await MongoClient.connect(uri, options)` (or `new MongoClient`) inside a function, into a module variable:
 * a client connected once and reached by other modules through what this one exports (`Collections.jobs()`), whose
 * operations cannot see how it was made. With no `socketTimeoutMS` (the driver's default is 0) it is reported there.
 */
const creation: CreationModel = {
  sites: [{ module: 'mongodb', path: ['MongoClient'], how: 'new' }, { module: 'mongodb', path: ['MongoClient', 'connect'], how: 'call' }],
  check(node, sourceCode) {
    if (!connectedIntoModuleVariable(sourceCode, node)) return undefined;
    const index = 1; // `MongoClient.connect(uri, options)` and `new MongoClient(uri, options)` alike
    const options = node.arguments[index];
    if (options && !optionsLeaveUnbounded(sourceCode, options)) return undefined;
    if (node.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return undefined;
    return {
      label: creationLabel(sourceCode, node),
      remedy: 'set `socketTimeoutMS` where it connects: the client is kept in a module variable other modules reach through its exports, and their operations cannot see how it was made',
      fix: (target) => setCreationOption(target, node, index, 'socketTimeoutMS', FIX_SOCKET_TIMEOUT),
    };
  },
};

/** The creation (awaited or not) is assigned, inside a function, to a `let` declared at the top of the module. */
function connectedIntoModuleVariable(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.AwaitExpression || current.parent?.type === AST_NODE_TYPES.TSAsExpression) current = current.parent;
  const assignment = current.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== current || assignment.left.type !== AST_NODE_TYPES.Identifier) return false;
  const target = assignment.left;
  const variable = sourceCode.getScope(assignment).references.find((reference) => reference.identifier === target)?.resolved;
  const declaration = variable?.defs[0]?.parent;
  return declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.kind === 'let'
    && (declaration.parent?.type === AST_NODE_TYPES.Program || declaration.parent?.parent?.type === AST_NODE_TYPES.Program)
    && sourceCode.getScope(assignment).variableScope.type !== 'module';
}

/**
 * Options that visibly set no socket bound: a literal whose spreads are `const` locals holding literals, changed
 * afterwards only by writes of other keys (`settings.auth = ...`). Anything else may set one.
 */
function optionsLeaveUnbounded(sourceCode: Readonly<TSESLint.SourceCode>, options: TSESTree.Node): boolean {
  const literal = asObject(options);
  if (!literal) return false;
  return literal.properties.every((property) => {
    if (property.type === AST_NODE_TYPES.Property) {
      const key = propertyKey(property);
      return key !== undefined && !BOUNDING.includes(key);
    }
    return property.argument.type === AST_NODE_TYPES.Identifier && spreadLocalLeavesUnbounded(sourceCode, property.argument);
  });
}

function spreadLocalLeavesUnbounded(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = sourceCode.getScope(identifier).references.find((reference) => reference.identifier === identifier)?.resolved;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || !def.node.init || !optionsLeaveUnbounded(sourceCode, def.node.init)) return false;
  return variable!.references.every((reference) => {
    if (reference.init || reference.identifier === identifier) return true;
    if (reference.isWrite()) return false;
    const parent = reference.identifier.parent;
    const member = parent?.type === AST_NODE_TYPES.TSAsExpression ? parent.parent : parent;
    const written = member?.type === AST_NODE_TYPES.MemberExpression && member.parent?.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member;
    const key = written ? staticPropertyName(member) : undefined;
    return key !== undefined && !BOUNDING.includes(key);
  });
}

/**
 * `client.db()`, `db.collection(name)`: a part of the client. Given no options of its own it is still the client made
 * at `new MongoClient(uri)`, whose `socketTimeoutMS` bounds each of its operations: so its calls are judged together,
 * once, where the client is made (a store class's dozen queries share one fix).
 */
function partOf(from: ClientValue, role: string, node: TSESTree.CallExpression): ClientValue {
  const options = node.arguments[1];
  const part = instanceFrom(from, role, node, [options]);
  return options === undefined && from.origin && isClientCreation(from.origin) ? { ...part, origin: from.origin } : part;
}

/** `new MongoClient(uri, options)` or `MongoClient.connect(uri, options)`. */
function isClientCreation(node: TSESTree.Node): node is TSESTree.NewExpression | TSESTree.CallExpression {
  if (node.type === AST_NODE_TYPES.NewExpression) return true;
  return node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(node.callee) === 'connect';
}

export const mongodbLibrary: LibraryModel = {
  kind: 'mongodb',
  dataStore: true,
  title: 'mongodb',
  modules: ['mongodb'],
  typeNames: ['MongoClient', 'Db', 'Collection'],
  takesUrl: false,
  dependencyName: 'mongo',
  signal: 'none (`maxTimeMS` in the options; `timeoutMS` is deprecated and has no effect)',
  retries: 'one retry of reads and writes by default (`retryReads`, `retryWrites`)',
  fromModule(module, imported) {
    if (module !== 'mongodb') return undefined;
    const root = value('mongodb', 'root', 'mongodb');
    return isWholeModule(imported) ? root : mongodbLibrary.member(root, imported);
  },
  member(v, name) {
    switch (v.role) {
      case 'root':
        return ['MongoClient', 'Db', 'Collection'].includes(name) ? derive(v, 'class', name) : undefined;
      case 'class':
        return v.name === 'MongoClient' && name === 'connect' ? derive(v, 'static-connect', name) : undefined;
      case 'client':
        if (name === 'connect') return derive(v, 'client-connect', name);
        if (name === 'db') return derive(v, 'db-factory', name);
        return undefined;
      case 'db':
        if (name === 'collection') return derive(v, 'collection-factory', name);
        return name in DB_OPTIONS ? derive(v, 'db-op', name) : undefined;
      case 'collection':
        return name in COLLECTION_OPTIONS ? derive(v, 'collection-op', name) : undefined;
      default:
        return undefined;
    }
  },
  call(v, node) {
    switch (v.role) {
      case 'static-connect':
        return { io: { label: 'MongoClient.connect', httpMethod: undefined, optionsIndex: 1, signalOption: undefined }, result: instanceFrom(v, 'client', node, [node.arguments[1]]) };
      case 'client-connect':
        return io('mongodb connect', undefined, -1, undefined);
      case 'db-factory':
        return { result: partOf(v, 'db', node) };
      case 'collection-factory':
        return { result: partOf(v, 'collection', node) };
      case 'db-op':
        return io(`mongodb ${v.name}`, undefined, DB_OPTIONS[v.name] ?? -1, undefined);
      case 'collection-op':
        return io(`mongodb ${v.name}`, undefined, COLLECTION_OPTIONS[v.name] ?? -1, undefined);
      default:
        return undefined;
    }
  },
  construct(v, node) {
    return v.role === 'class' && v.name === 'MongoClient' ? instanceFrom(v, 'client', node, [node.arguments[1]]) : undefined;
  },
  instanceOfType(v) {
    if (v.role !== 'class') return undefined;
    const role = v.name === 'MongoClient' ? 'client' : v.name === 'Db' ? 'db' : 'collection';
    return { ...v, role, options: [null] };
  },
  creation,
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['maxTimeMS'],
    instanceOptions: ['socketTimeoutMS'],
    chainMethods: ['maxTimeMS'],
    remedy: 'set `maxTimeMS` on the operation (in the document of a `command`) or `socketTimeoutMS` on the client',
    defaultBound: 'none (30 s to select a server)',
    // connecting is bounded by serverSelectionTimeoutMS; a command is bounded by `maxTimeMS` in its own document
    isChecked: (call) =>
      call.label !== 'mongodb connect' && call.label !== 'MongoClient.connect' && !(call.label === 'mongodb command' && commandSetsTimeLimit(call)),
  },
  fix: {
    // every collection operation's options take `maxTimeMS` (index builds and `drop` too: command options)
    optionsIndex: (_call, method) => (method === undefined ? undefined : COLLECTION_OPTIONS[method]),
    nativeTimeout: (_call, milliseconds) => ({ key: 'maxTimeMS', value: milliseconds }),
    clientTimeout(target, call, milliseconds) {
      // `db.command(doc)` takes no time limit in its options: `maxTimeMS` is a field of the command document itself
      const document = call.label === 'mongodb command' ? call.node.arguments[0] : undefined;
      if (!document || document.type === AST_NODE_TYPES.SpreadElement) {
        // the client made here: `socketTimeoutMS` where it is made bounds each of its operations
        const made = call.createdBy;
        return made && isClientCreation(made) ? setCreationOption(target, made, 1, 'socketTimeoutMS', FIX_SOCKET_TIMEOUT) : undefined;
      }
      const edits = new SourceEdits();
      const literal = asObject(document);
      edits.replace(
        document.range,
        literal ? objectTextWith(target.sourceCode, literal, { set: [['maxTimeMS', milliseconds]] }) : `{ ...${target.sourceCode.getText(document)}, maxTimeMS: ${milliseconds} }`,
      );
      return { edits, option: `maxTimeMS: ${milliseconds}` };
    },
  },
};
