import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { createdWithTimeout } from './option-presence.js';
import { unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Modules whose agents end a request themselves when its socket falls silent: agentkeepalive destroys a working
 * socket that times out when the request has no 'timeout' listener, and sets a timeout by default (8 s or more).
 */
const SELF_ENDING_AGENTS = new Set(['agentkeepalive']);

/**
 * Whether the agent given to a call bounds it. A Node `http.Agent`'s socket `timeout` only makes the request emit
 * 'timeout' (checked on a server that never answers: node-fetch 2, axios and node:http all wait on), so it counts only
 * where the library's callers are expected to handle that event (`socketTimeoutCounts`, node:http). An agent this
 * file does not create (a parameter, a proxy agent from a helper, `undefined` when no proxy is set) is no bound.
 */
export function agentBounds(source: SourceCode, value: TSESTree.Node | undefined, socketTimeoutCounts: boolean): boolean {
  const creations = value ? agentCreations(source, value, 0) : [];
  return creations.length > 0 && creations.every((creation) => creation !== 'unseen' && createdBounded(source, creation, socketTimeoutCounts));
}

type Creation = TSESTree.NewExpression | TSESTree.CallExpression;

/** The creations the option's value may hold, through `const` variables and conditions; 'unseen' for anything else. */
function agentCreations(source: SourceCode, node: TSESTree.Node, depth: number): (Creation | 'unseen')[] {
  const target = unwrapExpression(node);
  if (depth > 4) return ['unseen'];
  if (target.type === AST_NODE_TYPES.NewExpression || target.type === AST_NODE_TYPES.CallExpression) return [target];
  if (target.type === AST_NODE_TYPES.ConditionalExpression) {
    return [...agentCreations(source, target.consequent, depth + 1), ...agentCreations(source, target.alternate, depth + 1)];
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(source.getScope(target) as never, target) as TSESLint.Scope.Variable | null;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const written = variable?.references.some((reference) => reference.isWrite() && !reference.init);
    if (def?.type === 'Variable' && def.node.init && !written) return agentCreations(source, def.node.init, depth + 1);
  }
  return ['unseen'];
}

function createdBounded(source: SourceCode, creation: Creation, socketTimeoutCounts: boolean): boolean {
  const module = rootModule(source, creation.callee);
  if (module && SELF_ENDING_AGENTS.has(module)) return true;
  return socketTimeoutCounts && creation.type === AST_NODE_TYPES.NewExpression && /^(node:)?https?$/.test(module ?? '') && createdWithTimeout(creation);
}

/** The module the callee's root name is imported or required from. */
function rootModule(source: SourceCode, callee: TSESTree.Node): string | undefined {
  let root = callee;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = (findVariable(source.getScope(root) as never, root) as TSESLint.Scope.Variable | null)?.defs[0];
  if (def?.type === 'ImportBinding') {
    return def.parent?.type === AST_NODE_TYPES.ImportDeclaration ? String(def.parent.source.value) : undefined;
  }
  if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
  let init = def.node.init;
  while (init?.type === AST_NODE_TYPES.MemberExpression) init = init.object;
  const required = init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require' ? init.arguments[0] : undefined;
  return required?.type === AST_NODE_TYPES.Literal && typeof required.value === 'string' ? required.value : undefined;
}
