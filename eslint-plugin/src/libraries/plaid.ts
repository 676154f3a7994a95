import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { creationLabel } from './creation-options.js';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isSet, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { derive, heldOptions, io, value, type CreationModel, type InstanceOptions, type LibraryModel, type OptionFacts } from './model.js';

/**
 * plaid: an OpenAPI-generated client, `new PlaidApi(new Configuration({ basePath, baseOptions }))`, whose every
 * operation (`linkTokenCreate(request, options?)`) is a POST through the global axios. Nothing sets a timeout unless
 * `baseOptions.timeout` does for the client or the call's own axios `options` do (`{ timeout }` or `{ signal }`).
 */

const NON_CALLS = new Set(['constructor', 'configuration', 'basePath', 'axios']);
/**
 * Every operation is a POST, reads included: `accountsGet`, `institutionsGetById`, `transactionsSync` (a cursor read),
 * `institutionsSearch`. Sending one of those again changes nothing, so a retry around it needs no idempotency key.
 */
const READS = /(?:Get|GetById|Sync|Search|List)$/;

const HOLDER = 'Configuration';

/** The options of `new Configuration({...})` written where the client is created; a local is read by the evaluator. */
function configurationOptions(node: TSESTree.NewExpression): InstanceOptions {
  const [argument] = node.arguments;
  return (argument && heldOptions(argument, HOLDER)) ?? null;
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

/**
 * `return new PlaidApi(configuration)` from a provider's factory (`useFactory`), or `useValue: new PlaidApi(...)`: the
 * client leaves this file, and its users see only a `PlaidApi` (often injected by a token), so where it is made is
 * where its bound belongs. Made and used in the same file, its calls are judged where they are made instead.
 */
const creation: CreationModel = {
  sites: [{ module: 'plaid', path: ['PlaidApi'], how: 'new' }],
  check(node, sourceCode) {
    if (!handedOut(node)) return undefined;
    const [argument] = node.arguments;
    const holder = argument && heldOptions(localInit(sourceCode, argument) ?? argument, HOLDER);
    const facts = holder && readOptions(holder);
    if (!holder || !facts || facts === 'unknown' || baseOptionsVerdict(facts) !== 'silent') return undefined;
    return {
      label: creationLabel(sourceCode, node),
      remedy: 'set `baseOptions: { timeout: ms }` in its `Configuration`: the client is handed out from here, and its users cannot see how it was made',
      fix(target) {
        const edits = new SourceEdits();
        const base = facts.get('baseOptions');
        const inner = base && unwrapExpression(base);
        if (inner?.type === AST_NODE_TYPES.ObjectExpression) {
          edits.replace(inner.range, objectTextWith(target.sourceCode, inner, { set: [['timeout', FIX_TIMEOUT]] }));
        } else if (!base) {
          edits.replace(holder.range, objectTextWith(target.sourceCode, holder, { set: [['baseOptions', `{ timeout: ${FIX_TIMEOUT} }`]] }));
        } else return undefined;
        return { edits, option: `baseOptions: { timeout: ${FIX_TIMEOUT} }` };
      },
    };
  },
};

const FIX_TIMEOUT = '10_000';

/** Returned by the function it is made in, or the value of an object's property (a provider's `useValue`). */
function handedOut(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  let current: TSESTree.Node = node;
  while (current.parent && (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.AwaitExpression)) current = current.parent;
  const parent = current.parent;
  return parent?.type === AST_NODE_TYPES.ReturnStatement
    || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current)
    || (parent?.type === AST_NODE_TYPES.Property && parent.value === current);
}

/** `const configuration = new Configuration({...})`, declared once and never reassigned: its initialiser. */
function localInit(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.Expression | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = sourceCode.getScope(node).references.find((reference) => reference.identifier === node)?.resolved;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || !def.node.init || variable!.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  return def.node.init;
}

export const plaidLibrary: LibraryModel = {
  kind: 'plaid',
  title: 'plaid',
  modules: ['plaid'],
  typeNames: ['PlaidApi'],
  optionsHolderClass: HOLDER,
  takesUrl: false,
  dependencyName: 'plaid',
  signal: '`signal` in the axios options an operation takes last',
  retries: 'never',
  fromModule: (module, imported) => (module === 'plaid' && imported === 'PlaidApi' ? value('plaid', 'class', 'PlaidApi') : undefined),
  member: (v, name) => (v.role === 'client' && !NON_CALLS.has(name) ? derive(v, 'operation', name) : undefined),
  call(v) {
    if (v.role !== 'operation') return undefined;
    const outcome = io(`PlaidApi.${v.name}`, 'POST', 1, 'signal');
    return READS.test(v.name) ? { io: { ...outcome.io!, readsOnly: true } } : outcome;
  },
  construct: (v, node) => (v.role === 'class' ? { ...v, role: 'client', options: [configurationOptions(node)], origin: node } : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  creation,
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
