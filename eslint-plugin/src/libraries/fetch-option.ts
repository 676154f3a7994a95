import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import { importedProjectFunction } from '../analysis/imported-from.js';
import { isFunction as isFunctionNode, walk } from '../analysis/loops.js';
import { helperFunction } from '../analysis/pass-through-helpers.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { creationOptions } from './creation-options.js';
import type { OptionFacts } from './model.js';

/**
 * The `fetch` option of clients that send through a fetch they are given (urql, tRPC links): the plain fetch bounds
 * nothing, a fetch of the app's own may. These clients always pass a signal of their own (to cancel an operation
 * torn down), so a deadline must be combined with it, not put in its place.
 */

/** Modules whose fetch has no timeout of its own. */
const PLAIN_FETCH_MODULES = new Set(['node-fetch', 'undici', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'unfetch', '@whatwg-node/fetch']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);

/** `fetch` (the global), `globalThis.fetch`, or a fetch imported or required from node-fetch, undici... */
export function isPlainFetch(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, wrappers = true): boolean {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    return !target.computed && target.property.type === AST_NODE_TYPES.Identifier && target.property.name === 'fetch'
      && target.object.type === AST_NODE_TYPES.Identifier && GLOBAL_OBJECTS.has(target.object.name);
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(target), target);
  const definition = variable?.defs[0];
  if (!definition) return target.name === 'fetch';
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return false;
    if (!PLAIN_FETCH_MODULES.has(declaration.source.value)) return wrappers && forwardsToPlainFetch(target, sourceCode);
    const specifier = definition.node;
    return specifier.type !== AST_NODE_TYPES.ImportSpecifier || importedName(specifier) === 'fetch';
  }
  if (definition.type === 'FunctionName') return wrappers && forwardsToPlainFetch(target, sourceCode);
  if (definition.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
  if (isFunctionNode(definition.node.init)) return wrappers && forwardsToPlainFetch(target, sourceCode);
  // const fetch = require('node-fetch'); const { fetch } = require('undici')
  const init = unwrapExpression(definition.node.init);
  const module = init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require'
    && init.arguments[0]?.type === AST_NODE_TYPES.Literal ? init.arguments[0].value : undefined;
  return typeof module === 'string' && PLAIN_FETCH_MODULES.has(module) && (definition.node.id.type === AST_NODE_TYPES.Identifier || target.name === 'fetch');
}

/** Words that say a function sets a deadline or takes a signal of its own. */
const BOUNDS_ITSELF = /signal|timeout|abort|deadline/i;

/**
 * `export default async (path, options = {}) => fetch(url, { ...options, headers })`: a function of the project (of
 * this module, or imported) that sends with a plain fetch the options its caller gives, adding no signal and no
 * timeout of its own: handed to a client as its `fetch`, it bounds nothing.
 */
function forwardsToPlainFetch(target: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const local = helperFunction(sourceCode, target);
  const found = local ? { source: sourceCode, fn: local } : importedProjectFunction(sourceCode, target);
  if (!found) return false;
  const { source, fn } = found;
  const options = fn.params[1];
  const name = (options?.type === AST_NODE_TYPES.AssignmentPattern ? options.left : options);
  if (name?.type !== AST_NODE_TYPES.Identifier || BOUNDS_ITSELF.test(source.text.slice(fn.range[0], fn.range[1]))) return false;
  let sends = false;
  walk(fn.body, source.visitorKeys, (node) => {
    if (sends || node.type !== AST_NODE_TYPES.CallExpression) return !sends;
    const init = node.arguments[1] ? unwrapExpression(node.arguments[1]) : undefined;
    const handsOn = init?.type === AST_NODE_TYPES.Identifier ? init.name === name.name
      : init?.type === AST_NODE_TYPES.ObjectExpression && init.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement
        && property.argument.type === AST_NODE_TYPES.Identifier && property.argument.name === name.name);
    sends = handsOn === true && node.callee.type === AST_NODE_TYPES.Identifier && isPlainFetch(node.callee, source, false);
    return true;
  });
  return sends;
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
}

/**
 * A fetch that gives each request a deadline on top of the signal the client passes, calling `inner`. Its
 * parameters take their types from the option it is given to (urql's `typeof fetch`, tRPC's `FetchEsque`).
 */
export function deadlineFetch(inner: string, milliseconds = '10_000', parameterTypes = false): string {
  const deadline = `AbortSignal.timeout(${milliseconds})`;
  // a fetch of the project's own keeps its own parameter types, so the link accepts the new function as it did the old
  const parameters = parameterTypes ? `(input: Parameters<typeof ${inner}>[0], init?: Parameters<typeof ${inner}>[1])` : '(input, init)';
  return `${parameters} => ${inner}(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, ${deadline}]) : ${deadline} })`;
}

/** The fix of a client made with these options: its `fetch` becomes a deadline fetch around the one given, or the global one. */
export function deadlineFetchFix(options: TSESTree.ObjectExpression, fetch: TSESTree.Node | undefined): (target: FixTarget) => { edits: SourceEdits; option: string } {
  return ({ sourceCode, filename }) => {
    const edits = new SourceEdits();
    const own = fetch !== undefined && fetch.type === AST_NODE_TYPES.Identifier && !isPlainFetch(fetch, sourceCode, false);
    const typed = own && /\.[cm]?tsx?$/.test(filename);
    edits.replace(options.range, objectTextWith(sourceCode, options, { set: [['fetch', deadlineFetch(fetch ? sourceCode.getText(fetch) : 'fetch', undefined, typed)]] }));
    return { edits, option: 'fetch' };
  };
}

/** A client made with options read here whose `fetch`, if it has one, is a plain fetch: what its creation check goes on from. */
export interface PlainFetchCreation {
  readonly options: TSESTree.ObjectExpression;
  readonly facts: OptionFacts;
  readonly fetch: TSESTree.Node | undefined;
}

/** Undefined when the options cannot be read here or bring a fetch of the app's own (which may bound it). */
export function plainFetchCreation(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): PlainFetchCreation | undefined {
  const options = creationOptions(sourceCode, node, 0);
  if (typeof options === 'string') return undefined;
  const facts = readOptions(options);
  if (facts === 'unknown') return undefined;
  const fetch = facts.get('fetch');
  return fetch && !isPlainFetch(fetch, sourceCode) ? undefined : { options, facts, fetch };
}
