import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { methodFromOptions } from '../analysis/syntax.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { io, value, type LibraryModel } from './model.js';

/**
 * @sapphire/fetch (the Sapphire framework's Discord bots): `fetch(url, [init], [type])` hands its init to the global
 * fetch as it is (3.0.5, `dist/cjs/index.cjs`: `globalThis.fetch(url, { ...options, body })`), so only a `signal` in
 * the init bounds it. A result type in the init's place (`fetch(url, FetchResultTypes.JSON)`) means no init at all:
 * the fix writes one before the type.
 */

const MODULE = '@sapphire/fetch';
const FIX_SIGNAL = 'signal: AbortSignal.timeout(5_000)';

/** The call's init: its second argument, unless that is the result type (a string, a `FetchResultTypes` member). */
function initOf(node: TSESTree.CallExpression): TSESTree.CallExpressionArgument | undefined {
  const second = node.arguments[1];
  if (!second) return undefined;
  if (second.type === AST_NODE_TYPES.Literal && typeof second.value === 'string') return undefined;
  const namesType = second.type === AST_NODE_TYPES.MemberExpression && !second.computed && second.object.type === AST_NODE_TYPES.Identifier
    && /ResultTypes$/.test(second.object.name);
  return namesType ? undefined : second;
}

export const sapphireFetchLibrary: LibraryModel = {
  kind: 'sapphire-fetch',
  title: '`@sapphire/fetch`',
  modules: [MODULE],
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the init (the second argument, before the result type)',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && imported === 'fetch' ? value('sapphire-fetch', 'fetch', 'fetch') : undefined),
  member: () => undefined,
  call(v, node) {
    if (v.role !== 'fetch') return undefined;
    const init = initOf(node);
    return io('fetch', init ? methodFromOptions(init) : 'GET', init ? 1 : -1, 'signal');
  },
  construct: () => undefined,
  timeout: {
    levels: ['call'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `signal: AbortSignal.timeout(ms)` in its init',
    defaultBound: 'none (the global fetch\'s: 300 s for the headers in Node)',
  },
  fix: {
    optionsIndex: (call) => (initOf(call.node as TSESTree.CallExpression) ? 1 : undefined),
    nativeTimeout: (_call, milliseconds) => ({ key: 'signal', value: `AbortSignal.timeout(${milliseconds})` }),
    // no init: one holding the signal, before the result type (or after the URL)
    clientTimeout(target, call) {
      const node = call.node as TSESTree.CallExpression;
      const [url, second] = node.arguments;
      if (!url || initOf(node) || node.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      const edits = new SourceEdits();
      if (second) edits.insert(second.range[0], `{ ${FIX_SIGNAL} }, `);
      else edits.insert(url.range[1], `, { ${FIX_SIGNAL} }`);
      return { edits, option: FIX_SIGNAL };
    },
  },
};
