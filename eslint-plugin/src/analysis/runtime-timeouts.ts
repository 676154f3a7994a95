import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { libraryOf } from '../libraries/index.js';
import type { ExternalCall } from './external-calls.js';
import { isFunction } from './loops.js';
import { unwrapExpression } from './syntax.js';

/**
 * A call of a library that takes no bound (hcaptcha's `verify`, nordigen-node, Resend before 6.34: `onlyTheWaitCanBeBounded`), run as
 * the work of the runtime's `timeout(ms)` (alone or in a pipeline): nothing can cancel the request, and the wait is
 * bounded, which is all its fix can do, so it is not reported again.
 */
export function waitBoundedByRuntimeTimeout(sourceCode: Readonly<TSESLint.SourceCode>, filename: string, call: ExternalCall, runtimeModule: string): boolean {
  if (!onlyTheWaitCanBeBounded(call, filename)) return false;
  for (let current: TSESTree.Node | undefined = call.node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const execute: TSESTree.Node | undefined = current.parent;
    if (execute?.type !== AST_NODE_TYPES.CallExpression || execute.arguments[0] !== current || execute.callee.type !== AST_NODE_TYPES.MemberExpression
      || execute.callee.property.type !== AST_NODE_TYPES.Identifier || execute.callee.property.name !== 'execute') continue;
    if (policyHasTimeout(sourceCode, execute.callee.object, runtimeModule, 0)) return true;
  }
  return false;
}

/**
 * A call with no signal whose library takes no bound (hcaptcha), none before some version (Resend before 6.34), or none
 * in the version this file is written against (google-auth-library's token calls before 9.2).
 */
export function onlyTheWaitCanBeBounded(call: ExternalCall, filename: string): boolean {
  const library = libraryOf(call.client);
  return call.signalOption === undefined
    && (library?.signalSince !== undefined || library?.timeout?.levels.includes('none') === true || library?.takesNoBound?.(call, filename) === true);
}

/** `timeout(ms)` of the runtime, or `pipeline(..., timeout(ms), ...)`, here or in a `const` of this file. */
function policyHasTimeout(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, runtimeModule: string, depth: number): boolean {
  const target = unwrapExpression(node);
  if (depth > 3) return false;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const def = ASTUtils.findVariable(sourceCode.getScope(target), target)?.defs[0];
    return def?.type === 'Variable' && def.node.init !== null && policyHasTimeout(sourceCode, def.node.init, runtimeModule, depth + 1);
  }
  if (target.type !== AST_NODE_TYPES.CallExpression || target.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const name = runtimeExportName(sourceCode, target.callee, runtimeModule);
  if (name === 'timeout') return true;
  return name === 'pipeline' && target.arguments.some((argument) => policyHasTimeout(sourceCode, argument, runtimeModule, depth + 1));
}

/** The runtime's export `name` stands for: `import { timeout } from ...`, or `const { timeout } = require(...)`. */
function runtimeExportName(sourceCode: Readonly<TSESLint.SourceCode>, name: TSESTree.Identifier, runtimeModule: string): string | undefined {
  const definition = ASTUtils.findVariable(sourceCode.getScope(name), name)?.defs[0];
  if (definition?.type === 'ImportBinding') {
    const fromRuntime = definition.parent?.type === AST_NODE_TYPES.ImportDeclaration && definition.parent.source.value === runtimeModule;
    const specifier = definition.node;
    return fromRuntime && specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : undefined;
  }
  if (definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  const init = definition.node.init && unwrapExpression(definition.node.init);
  const source = init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require' ? init.arguments[0] : undefined;
  if (source?.type !== AST_NODE_TYPES.Literal || source.value !== runtimeModule) return undefined;
  const property = definition.node.id.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && candidate.value.type === AST_NODE_TYPES.Identifier && candidate.value.name === name.name);
  return property?.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
}
