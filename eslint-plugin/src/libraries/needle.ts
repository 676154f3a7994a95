import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asObject, unwrapExpression } from '../analysis/syntax.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { derive, HTTP_METHODS, io, isFunctionNode, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * needle: `needle(method, url, data, options)` (a promise when no callback is given), `needle.request(method, url,
 * data, options, callback)`, `needle.get(url, options, callback)`, `needle.post(url, data, options, callback)`.
 * Only the connection is bounded by default: `open_timeout` (alias `timeout`) is 10 s, while `response_timeout` (the
 * wait for the answer) and `read_timeout` (the wait for its body) are 0, so a server that accepts the connection and
 * never answers is waited for forever. A call is bounded by `response_timeout` or `read_timeout`, or a `signal`
 * (needle 3.1 on); `timeout` alone is not a bound.
 */

/** Methods with no body: their options come second. `delete` takes data, as `post` does. */
const BODILESS = new Set(['get', 'head']);
const METHODS = new Set(HTTP_METHODS);
const TIMEOUTS = 'response_timeout: 10_000, read_timeout: 30_000';

/** A callback: a function, or a variable named as one (`done`, `cb`, `callback`). */
function isCallback(node: TSESTree.Node | undefined): boolean {
  return isFunctionNode(node) || (node?.type === AST_NODE_TYPES.Identifier && /^(cb|callback|done|next)$/i.test(node.name));
}

/** Where a call's options go: third for `needle(...)` and `needle.request(...)`, after the URL or the data otherwise. */
function optionsIndexOf(call: TSESTree.CallExpression): number {
  const callee = call.callee;
  const method = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  if (method === undefined || method === 'request') return 3;
  return BODILESS.has(method) ? 1 : 2;
}

/** `needle('get', url)`: the method named by the first argument. */
function namedMethod(node: TSESTree.CallExpression): string | undefined {
  const first = node.arguments[0];
  return first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value.toUpperCase() : undefined;
}

/**
 * The response and read timeouts set in the call's options: merged into the literal, spread over options held in a
 * variable, or added as the options argument, before the callback when there is one (`needle.get(url, (err, res) => ...)`).
 */
function withTimeouts(sourceCode: Readonly<TSESLint.SourceCode>, call: ExternalCall): SourceEdits | undefined {
  const node = call.node;
  const index = optionsIndexOf(node);
  const args = node.arguments;
  if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const edits = new SourceEdits();
  const given = args[index];
  if (given && !isCallback(given)) {
    const object = asObject(given);
    const target = unwrapExpression(given);
    if (object) edits.replace(object.range, objectTextWith(sourceCode, object, { set: [['response_timeout', '10_000'], ['read_timeout', '30_000']] }));
    else if (target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression) edits.replace(given.range, `{ ...${sourceCode.getText(given)}, ${TIMEOUTS} }`);
    else return undefined;
    return edits;
  }
  // absent: after the arguments before it (the data as `null` when missing), before a callback if there is one
  const before = args.slice(0, index);
  if (before.some((arg) => isCallback(arg))) return undefined;
  const padding = Array.from({ length: index - before.length }, () => 'null');
  const added = [...padding, `{ ${TIMEOUTS} }`].join(', ');
  if (given) edits.insert(given.range[0], `${added}, `);
  else if (before.length > 0) edits.insert(before.at(-1)!.range[1], `, ${added}`);
  else return undefined;
  return edits;
}

export const needleLibrary: LibraryModel = {
  kind: 'needle',
  title: 'needle',
  modules: ['needle'],
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the options (needle 3.1 and later)',
  retries: 'never',
  fromModule: (module, imported) => {
    if (module !== 'needle') return undefined;
    const root = value('needle', 'root', 'needle');
    return isWholeModule(imported) ? root : needleLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role !== 'root') return undefined;
    if (name === 'default') return v;
    if (METHODS.has(name) || name === 'request') return derive(v, 'method', name);
    return undefined;
  },
  call(v, node) {
    // `needle.get(url, callback)`: a callback where the options go means none were given
    const optionsIndex = isCallback(node.arguments[optionsIndexOf(node)]) ? -1 : optionsIndexOf(node);
    if (v.role === 'root' || (v.role === 'method' && v.name === 'request')) {
      return io(v.role === 'root' ? 'needle' : 'needle.request', namedMethod(node), optionsIndex, undefined);
    }
    if (v.role === 'method') return io(`needle.${v.name}`, v.name.toUpperCase(), optionsIndex, undefined);
    return undefined;
  },
  construct: () => undefined,
  timeout: {
    levels: ['call'],
    // its `signal` is read from needle 3.1 on but missing from its published types: a fix never writes one
    callOptions: ['response_timeout', 'read_timeout', 'signal'],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'set `response_timeout` and `read_timeout` in its options: needle bounds only the connection by default (`timeout` is `open_timeout`, 10 s), and waits for the answer forever',
    defaultBound: 'the connection only (`open_timeout` 10 s); `response_timeout` and `read_timeout` 0 (none)',
  },
  fix: {
    optionsIndex: (call) => optionsIndexOf(call.node),
    clientTimeout(target, call) {
      const edits = withTimeouts(target.sourceCode, call);
      return edits && { edits, option: TIMEOUTS };
    },
  },
};
