import type { TSESTree } from '@typescript-eslint/utils';
import { SourceEdits } from '../fixes/source-edits.js';
import { derive, instanceFrom, io, isWholeModule, value, type ClientValue, type LibraryModel } from './model.js';

/**
 * wretch: a request is built by chaining on an immutable builder (`wretch(url).headers(...).body(...)`) and sent by
 * its method (`.post()`, `.get()`, `.fetch(method)`), through fetch with no bound of its own. A signal reaches the
 * request through the builder's `.options({ signal })` (or `wretch(url, { signal })`), or the abort addon's
 * `.setTimeout(ms)` on the response chain.
 */

const SENDS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'opts', 'fetch']);

function builderFrom(v: ClientValue, node: TSESTree.CallExpression): ClientValue {
  // `.options({ signal })` adds to what the builder sends with; any other step keeps it
  return v.name === 'options' ? instanceFrom(v, 'builder', node, [node.arguments[0]], 'wretch') : derive(v, 'builder', 'wretch');
}

export const wretchLibrary: LibraryModel = {
  kind: 'wretch',
  title: 'wretch',
  modules: ['wretch'],
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in `.options({ signal })`, or the abort addon\'s `.setTimeout(ms)`',
  retries: 'only with the retry middleware',
  fromModule: (module, imported) => (module === 'wretch' && isWholeModule(imported) ? value('wretch', 'root', 'wretch') : undefined),
  member(v, name) {
    if (v.role !== 'builder') return v.role === 'root' && name === 'default' ? v : undefined;
    return SENDS.has(name) ? derive(v, 'send', name) : derive(v, 'step', name);
  },
  call(v, node) {
    if (v.role === 'root') return { result: instanceFrom(v, 'builder', node, [node.arguments[1]]) };
    if (v.role === 'step') return { result: builderFrom(v, node) };
    if (v.role !== 'send') return undefined;
    const method = v.name === 'opts' ? 'OPTIONS' : v.name === 'fetch' ? undefined : v.name.toUpperCase();
    return io('wretch', method, -1, undefined);
  },
  construct: () => undefined,
  timeout: {
    levels: ['call', 'client'],
    callOptions: [],
    instanceOptions: ['signal'],
    chainMethods: ['setTimeout'],
    remedy: 'chain `.options({ signal: AbortSignal.timeout(ms) })` before sending, or the abort addon\'s `.setTimeout(ms)`',
    defaultBound: 'none',
  },
  fix: {
    clientTimeout(_target, call) {
      const send = call.node.callee;
      if (send.type !== 'MemberExpression') return undefined;
      const option = '.options({ signal: AbortSignal.timeout(5_000) })';
      const edits = new SourceEdits();
      edits.insert(send.object.range[1], option);
      return { edits, option };
    },
  },
};
