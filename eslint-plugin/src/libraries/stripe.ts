import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { indentOf, lineBreak, semicolon } from '../fixes/code-style.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { dependencyVersion, olderThan, type Version } from '../project/dependency-versions.js';
import { creationLabel, creationLeavesUnbounded, forbidDisabledOption, setCreationOption } from './creation-options.js';
import { derive, instanceFrom, io, isWholeModule, value, type CreationModel, type LibraryModel } from './model.js';

/**
 * Stripe: `new Stripe(key, { timeout, maxNetworkRetries })`. From stripe-node 8 every request is bounded by default
 * (80 s) and retried with an idempotency key; only a creation that turns the timeout off is reported. Before 8 the
 * default was Node's old server timeout (`http.createServer().timeout`): 120 s up to Node 12, 0, none, since Node 13,
 * so a client made against stripe-node 7 or older without a timeout waits on Stripe for ever on any Node in use today
 * (checked in stripe 7.0.0 and 7.63.1). Its second argument became an options object in 7.13 (an API version string
 * before): older clients are given their timeout with `setTimeout(ms)`, which every version before 8 has.
 */

const BOUNDED_SINCE: Version = { major: 8, minor: 0 };
const OPTIONS_SINCE: Version = { major: 7, minor: 13 };
const TIMEOUT = '80_000';
const OLD_REMEDY = "give it a `timeout` (ms): before stripe-node 8 its default is Node's server timeout, none since Node 13";

type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

const disabledTimeout = forbidDisabledOption(1, 'timeout', TIMEOUT, 'keep a finite `timeout` (Stripe\'s default is 80 s)');

/** `const stripe = require('stripe')(key)` -> `stripe.setTimeout(80_000)` after it. */
function setTimeoutAfter(target: FixTarget, node: Creation): { edits: SourceEdits; option: string } | undefined {
  const declarator = node.parent;
  const declaration = declarator?.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== node || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return undefined;
  const { sourceCode } = target;
  const edits = new SourceEdits();
  edits.insert(declaration.range[1], `${lineBreak(sourceCode)}${indentOf(sourceCode, declaration)}${declarator.id.name}.setTimeout(${TIMEOUT})${semicolon(sourceCode)}`);
  return { edits, option: `setTimeout(${TIMEOUT})` };
}

/** `stripe.setTimeout(ms)` called on the client this creation makes, as the fix for old versions writes it. */
function setsTimeoutLater(node: Creation, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const declarator = node.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== node) return false;
  return sourceCode.getDeclaredVariables(declarator).some((variable) => variable.references.some(({ identifier }) => {
    const member = identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === identifier && !member.computed
      && member.property.type === AST_NODE_TYPES.Identifier && member.property.name === 'setTimeout'
      && member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
  }));
}

const creation: CreationModel = {
  sites: [
    { module: 'stripe', path: ['default'], how: 'new' },
    { module: 'stripe', path: ['default'], how: 'call' },
    { module: 'stripe', path: ['Stripe'], how: 'new' },
  ],
  check(node, sourceCode, file) {
    const version = file.filename === undefined ? undefined : dependencyVersion(file.filename, 'stripe');
    if (!olderThan(version, BOUNDED_SINCE)) return disabledTimeout(node, sourceCode, file);
    if (!creationLeavesUnbounded(sourceCode, node, 1, file.filename, ['timeout'], ['timeout']) || setsTimeoutLater(node, sourceCode)) return undefined;
    const takesOptions = !olderThan(version, OPTIONS_SINCE);
    return {
      label: creationLabel(sourceCode, node),
      remedy: OLD_REMEDY,
      fix: (target) => (takesOptions ? setCreationOption(target, node, 1, 'timeout', TIMEOUT) : setTimeoutAfter(target, node)),
    };
  },
};

const NON_CALLS = new Set(['on', 'once', 'off', 'webhooks', 'errors', 'constructor', 'setTimeout', 'getApiField', 'StripeResource']);

export const stripeLibrary: LibraryModel = {
  kind: 'stripe',
  title: 'Stripe',
  modules: ['stripe'],
  typeNames: ['Stripe'],
  takesUrl: false,
  dependencyName: 'stripe',
  signal: 'none (`timeout` in the request options)',
  retries: '1 retry by default (`maxNetworkRetries`), with an idempotency key',
  fromModule(module, imported) {
    if (module !== 'stripe') return undefined;
    return isWholeModule(imported) || imported === 'Stripe' ? value('stripe', 'class', 'Stripe') : undefined;
  },
  member(v, name) {
    if (v.role === 'client') return NON_CALLS.has(name) ? undefined : derive(v, 'resource', name);
    if (v.role === 'resource') return /^[a-z]/.test(name) ? derive(v, 'operation', `${v.name}.${name}`) : undefined;
    if (v.role === 'operation') return derive(v, 'operation', `${v.name}.${name}`);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'operation') return io(`stripe.${v.name}`, undefined, -1, undefined);
    // `require('stripe')(key, options)`
    return v.role === 'class' ? { result: instanceFrom(v, 'client', node, [node.arguments[1]]) } : undefined;
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[1]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['timeout'],
    chainMethods: [],
    remedy: 'keep Stripe\'s default `timeout` (80 s) instead of turning it off',
    defaultBound: '80 s (before stripe-node 8: none on Node 13 and later)',
    boundedByDefault: true,
    isChecked: () => false,
  },
  creation,
  fix: {},
};
