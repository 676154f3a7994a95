import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
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
export function isPlainFetch(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
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
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || !PLAIN_FETCH_MODULES.has(declaration.source.value)) return false;
    const specifier = definition.node;
    return specifier.type !== AST_NODE_TYPES.ImportSpecifier || importedName(specifier) === 'fetch';
  }
  if (definition.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
  // const fetch = require('node-fetch'); const { fetch } = require('undici')
  const init = unwrapExpression(definition.node.init);
  const module = init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require'
    && init.arguments[0]?.type === AST_NODE_TYPES.Literal ? init.arguments[0].value : undefined;
  return typeof module === 'string' && PLAIN_FETCH_MODULES.has(module) && (definition.node.id.type === AST_NODE_TYPES.Identifier || target.name === 'fetch');
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
}

/**
 * A fetch that gives each request a deadline on top of the signal the client passes, calling `inner`. Its
 * parameters take their types from the option it is given to (urql's `typeof fetch`, tRPC's `FetchEsque`).
 */
export function deadlineFetch(inner: string, milliseconds = '10_000'): string {
  const deadline = `AbortSignal.timeout(${milliseconds})`;
  return `(input, init) => ${inner}(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, ${deadline}]) : ${deadline} })`;
}

/** The fix of a client made with these options: its `fetch` becomes a deadline fetch around the one given, or the global one. */
export function deadlineFetchFix(options: TSESTree.ObjectExpression, fetch: TSESTree.Node | undefined): (target: FixTarget) => { edits: SourceEdits; option: string } {
  return ({ sourceCode }) => {
    const edits = new SourceEdits();
    edits.replace(options.range, objectTextWith(sourceCode, options, { set: [['fetch', deadlineFetch(fetch ? sourceCode.getText(fetch) : 'fetch')]] }));
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
