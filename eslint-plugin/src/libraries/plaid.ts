import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asOptionsObject, isSet, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { derive, io, value, type InstanceOptions, type LibraryModel, type OptionFacts } from './model.js';

/**
 * plaid: an OpenAPI-generated client, `new PlaidApi(new Configuration({ basePath, baseOptions }))`, whose every
 * operation (`linkTokenCreate(request, options?)`) is a POST through the global axios. Nothing sets a timeout unless
 * `baseOptions.timeout` does for the client or the call's own axios `options` do (`{ timeout }` or `{ signal }`).
 */

const NON_CALLS = new Set(['constructor', 'configuration', 'basePath', 'axios']);

/** The options of `new Configuration({...})` handed to the client where it is created; unknown otherwise. */
function configurationOptions(node: TSESTree.NewExpression): InstanceOptions {
  const argument = node.arguments[0] && unwrapExpression(node.arguments[0]);
  if (!argument) return null;
  if (argument.type !== AST_NODE_TYPES.NewExpression || argument.callee.type !== AST_NODE_TYPES.Identifier || argument.callee.name !== 'Configuration') return null;
  const given = argument.arguments[0];
  return given ? asOptionsObject(given) ?? null : null;
}

/** `baseOptions: { timeout }` (or `signal`): axios options every call of the client starts from. */
function baseOptionsVerdict(facts: OptionFacts): 'bounded' | 'silent' | 'unknown' {
  const base = facts.get('baseOptions');
  if (!base) return 'silent';
  const target = unwrapExpression(base);
  if (target.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
  const inner = readOptions(target);
  if (inner === 'unknown') return 'unknown';
  return isSet(inner.get('timeout')) || isSet(inner.get('signal')) ? 'bounded' : 'silent';
}

export const plaidLibrary: LibraryModel = {
  kind: 'plaid',
  title: 'plaid',
  modules: ['plaid'],
  typeNames: ['PlaidApi'],
  takesUrl: false,
  dependencyName: 'plaid',
  signal: '`signal` in the axios options an operation takes last',
  retries: 'never',
  fromModule: (module, imported) => (module === 'plaid' && imported === 'PlaidApi' ? value('plaid', 'class', 'PlaidApi') : undefined),
  member: (v, name) => (v.role === 'client' && !NON_CALLS.has(name) ? derive(v, 'operation', name) : undefined),
  call: (v) => (v.role === 'operation' ? io(`PlaidApi.${v.name}`, 'POST', 1, 'signal') : undefined),
  construct: (v, node) => (v.role === 'class' ? { ...v, role: 'client', options: [configurationOptions(node)], origin: node } : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: [],
    instanceOptionsRead: ['baseOptions'],
    chainMethods: [],
    remedy: 'pass `{ timeout: ms }` as its axios options, or create the client with `new Configuration({ baseOptions: { timeout: ms } })`',
    defaultBound: 'none (axios)',
    readInstanceOptions: baseOptionsVerdict,
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: milliseconds }),
  },
};
