import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asObject, propertyKey, skipTransparentParents } from '../analysis/syntax.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { derive, isWholeModule, objectArgumentIndex, value, type LibraryModel } from './model.js';

/**
 * node:net and node:tls `connect`/`createConnection`: a raw TCP (or TLS) connection. Its failure is an 'error' event,
 * and nothing bounds it by default: a host that accepts the connection and never answers (or never finishes the TLS
 * handshake) holds the socket, and whoever waits on it, for ever. `timeout` in the options (or `socket.setTimeout`)
 * only emits 'timeout'; the fix ends the socket there.
 */

const MODULES = ['net', 'tls', 'node:net', 'node:tls'];
const CONNECTS = new Set(['connect', 'createConnection']);
const LOOPBACK = /^(localhost|127(\.\d+){3}|::1|\[::1\])$/i;

export const nodeNetLibrary: LibraryModel = {
  kind: 'net',
  title: 'node:net / node:tls sockets',
  modules: MODULES,
  typeNames: [],
  takesUrl: false,
  dependencyName: 'socket',
  signal: '`signal` in the options (node:net)',
  retries: 'never',
  fromModule(module, imported) {
    if (!MODULES.includes(module)) return undefined;
    const root = value('net', 'root', module.replace('node:', ''));
    return isWholeModule(imported) ? root : nodeNetLibrary.member(root, imported);
  },
  member: (v, name) => (v.role === 'root' && CONNECTS.has(name) && (name === 'connect' || v.name === 'net') ? derive(v, 'connect', `${v.name}.${name}`) : undefined),
  call(v, node) {
    if (v.role !== 'connect') return undefined;
    // (options, listener?), (port, host?, listener?), and for tls (port, host?, options?, listener?)
    const optionsIndex = objectArgumentIndex(node, 0, -1);
    return { io: { label: v.name, httpMethod: undefined, optionsIndex, signalOption: 'signal', emitsErrors: true } };
  },
  construct: () => undefined,
  timeout: {
    levels: ['call'],
    callOptions: ['timeout'],
    instanceOptions: [],
    chainMethods: ['setTimeout'],
    cancelMethods: ['destroy', 'end'],
    remedy: 'set a socket timeout that destroys the socket (`socket.setTimeout(ms, () => socket.destroy(...))`)',
    defaultBound: 'none',
    // a local socket (a Unix socket path, a loopback address) or a TLS layer over a socket made elsewhere is not a
    // dependency across the network: what bounds the latter is the socket it wraps. A socket returned as it is made
    // (a proxy's `connect = () => tls.connect(...)` an agent calls) is bounded by whoever uses it (the request it carries)
    isChecked: (call) => call.node === undefined || (!connectsLocally(call.node) && !returnedAsMade(call.node)),
  },
  fix: {
    clientTimeout(target, call) {
      const edits = new SourceEdits();
      const type = call.label.startsWith('tls') ? 'import(\'node:tls\').TLSSocket' : 'import(\'node:net\').Socket';
      const self = /\.[cm]?tsx?$/.test(target.filename) ? `this: ${type}` : '';
      edits.insert(call.node.range[1], `.setTimeout(10_000, function (${self}) { this.destroy(new Error('Connection timed out')); })`);
      return { edits, option: 'setTimeout(10_000)' };
    },
  },
};

function connectsLocally(node: TSESTree.CallExpression): boolean {
  const [first, second] = node.arguments;
  if (!first) return true;
  const options = asObject(first);
  if (options) {
    return options.properties.some((property) => {
      if (property.type !== AST_NODE_TYPES.Property) return false;
      const key = propertyKey(property);
      return key === 'path' || key === 'socket' || (key === 'host' && isLoopback(property.value));
    });
  }
  // (path) is a Unix socket or a Windows pipe; (port, 'localhost') a local process
  if (first.type === AST_NODE_TYPES.Literal) return typeof first.value === 'string' && !/^\d+$/.test(first.value);
  if (first.type === AST_NODE_TYPES.Identifier && /path|sock|pipe|ipc/i.test(first.name)) return true;
  return second !== undefined && isLoopback(second);
}

function returnedAsMade(node: TSESTree.CallExpression): boolean {
  const made = skipTransparentParents(node);
  const parent = made.parent;
  return parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === made);
}

function isLoopback(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && LOOPBACK.test(node.value);
}
