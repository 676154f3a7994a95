import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/** mysql and mysql2: pools and connections; a query is bounded by passing it as `{ sql, timeout }`. */

const MODULES = ['mysql', 'mysql2', 'mysql2/promise'];

export const mysqlLibrary: LibraryModel = {
  kind: 'mysql',
  dataStore: true,
  title: 'mysql / mysql2',
  modules: MODULES,
  typeNames: ['Pool', 'Connection', 'PoolConnection'],
  takesUrl: false,
  dependencyName: 'mysql',
  signal: 'none',
  retries: 'never',
  fromModule(module, imported) {
    if (!MODULES.includes(module)) return undefined;
    const root = value('mysql', 'root', 'mysql', [], undefined, module === 'mysql2/promise' ? 'promise' : 'callback');
    return isWholeModule(imported) ? root : mysqlLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (name === 'default') return v;
      if (name === 'promise') return { ...v, flavor: 'promise' };
      if (['createPool', 'createConnection', 'createPoolCluster'].includes(name)) return derive(v, 'factory', name);
      if (['Pool', 'Connection', 'PoolConnection'].includes(name)) return derive(v, 'class', name);
      return undefined;
    }
    if (v.role === 'connection') {
      if (name === 'query' || name === 'execute') return derive(v, 'query', name);
      if (name === 'getConnection') return derive(v, 'get-connection', name);
      if (name === 'promise') return derive(v, 'to-promise', name);
    }
    return undefined;
  },
  call(v, node) {
    switch (v.role) {
      case 'factory':
        // createConnection(uri) or createConnection(options): nothing given there bounds a query (no option does, and a
        // URI the file cannot read is no sign of one), so the queries are judged by what each passes
        return { result: instanceFrom(v, 'connection', node, []) };
      case 'query':
        return io(`mysql ${v.name}`, undefined, 0, undefined);
      case 'get-connection':
        return { io: { label: 'mysql getConnection', httpMethod: undefined, optionsIndex: -1, signalOption: undefined }, result: derive(v, 'connection') };
      case 'to-promise':
        return { result: { ...derive(v, 'connection'), flavor: 'promise' } };
      default:
        return undefined;
    }
  },
  construct: () => undefined,
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'connection', options: [null], flavor: 'promise' } : undefined),
  timeout: {
    levels: ['call'],
    callOptions: ['timeout'],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass the query as `{ sql, timeout }`',
    defaultBound: 'none',
    isChecked: (call) => call.label !== 'mysql getConnection',
  },
  fix: {
    clientTimeout({ sourceCode }, call, milliseconds) {
      const query = call.node.arguments[0];
      if (!query || query.type === 'SpreadElement') return undefined;
      const text =
        query.type === 'ObjectExpression'
          ? objectTextWith(sourceCode, query, { set: [['timeout', milliseconds]] })
          : `{ sql: ${sourceCode.getText(query)}, timeout: ${milliseconds} }`;
      const edits = new SourceEdits();
      edits.replace(query.range, text);
      return { edits, option: `{ sql, timeout: ${milliseconds} }` };
    },
  },
};
