import { AST_NODE_TYPES } from '../ast-node-types.js';
import { creationLabel, creationOptions, optionsBound, setCreationOption } from './creation-options.js';
import { derive, instanceFrom, io, isWholeModule, value, type CreationModel, type LibraryModel } from './model.js';

/**
 * mongoose: `mongoose.connect(uri, options)`, `mongoose.createConnection(uri, options)`, models from
 * `mongoose.model('User', schema)` or an injected `Model<User>`. A query can be bounded by `.maxTimeMS(ms)`, but the
 * connection is where every query is bounded: `socketTimeoutMS` in its options (the driver's `timeoutMS` is deprecated and has no effect), reported there
 * when missing (the driver's default waits forever on a silent server).
 */

const MODEL_OPERATIONS = new Set([
  'find', 'findOne', 'findById', 'findOneAndUpdate', 'findByIdAndUpdate', 'findOneAndDelete', 'findByIdAndDelete',
  'findOneAndReplace', 'create', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany',
  'countDocuments', 'estimatedDocumentCount', 'aggregate', 'exists', 'distinct', 'bulkWrite', 'bulkSave',
]);

const creation: CreationModel = {
  sites: ['connect', 'createConnection'].flatMap((name) => [
    { module: 'mongoose', path: ['default', name], how: 'call' as const },
    { module: 'mongoose', path: [name], how: 'call' as const },
  ]),
  check(node, sourceCode) {
    const uri = node.arguments[0];
    if (!uri || uri.type === AST_NODE_TYPES.SpreadElement) return undefined;
    if (/socketTimeoutMS/.test(sourceCode.getText(uri))) return undefined;
    const options = creationOptions(sourceCode, node, 1);
    if (options === 'unknown') return undefined;
    if (options !== 'absent' && optionsBound(options, ['socketTimeoutMS']) !== 'unbounded') return undefined;
    return {
      label: creationLabel(sourceCode, node),
      remedy: 'set `socketTimeoutMS` in the connection options',
      fix: (target) => setCreationOption(target, node, 1, 'socketTimeoutMS', '45_000'),
    };
  },
};

export const mongooseLibrary: LibraryModel = {
  kind: 'mongoose',
  dataStore: true,
  title: 'mongoose',
  modules: ['mongoose'],
  typeNames: ['Model', 'Connection'],
  takesUrl: false,
  dependencyName: 'mongo',
  signal: 'none (`maxTimeMS` on the query)',
  retries: 'the driver retries a read or write once (`retryReads`, `retryWrites`)',
  fromModule(module, imported) {
    if (module !== 'mongoose') return undefined;
    const root = value('mongoose', 'root', 'mongoose');
    return isWholeModule(imported) ? root : mongooseLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root' || v.role === 'connection') {
      if (name === 'default' && v.role === 'root') return v;
      if (name === 'model') return derive(v, 'model-factory', name);
      if (name === 'connect' || name === 'createConnection') return derive(v, name, name);
      if (name === 'connection') return derive(v, 'connection', name);
      if (v.role === 'root' && (name === 'Model' || name === 'Connection')) return derive(v, 'class', name);
      return undefined;
    }
    if (v.role === 'model' && MODEL_OPERATIONS.has(name)) return derive(v, 'operation', `${v.name}.${name}`);
    return undefined;
  },
  call(v, node) {
    switch (v.role) {
      case 'operation':
        return io(`mongoose ${v.name}`, undefined, -1, undefined);
      case 'model-factory': {
        const name = node.arguments[0];
        return { result: derive(v, 'model', name?.type === AST_NODE_TYPES.Literal ? String(name.value) : 'Model') };
      }
      case 'connect':
        return { io: { label: 'mongoose.connect', httpMethod: undefined, optionsIndex: 1, signalOption: undefined }, result: derive(v, 'root') };
      case 'createConnection':
        return { result: instanceFrom(v, 'connection', node, [node.arguments[1]]) };
      default:
        return undefined;
    }
  },
  construct: () => undefined,
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: v.name === 'Model' ? 'model' : 'connection', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['maxTimeMS'],
    instanceOptions: ['socketTimeoutMS'],
    chainMethods: ['maxTimeMS'],
    remedy: 'set `socketTimeoutMS` where the connection is made',
    defaultBound: 'none (30 s to select a server; 10 s buffering while disconnected)',
    isChecked: () => false,
  },
  creation,
  fix: {},
};
