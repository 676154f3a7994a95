import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { enclosingFunction, functionName, type FunctionNode } from './loops.js';
import { staticPropertyName } from './member-syntax.js';
import { propertyKey } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A method of the object a same-file factory returns (`function makeClient(address) { const stub = ...; return { tree:
 * (req, opts) => ..., close: () => stub.close() } }`), called on what the factory made: `const client =
 * makeClient(address); await client.tree({}, { deadline })`, or `makeClient(address).tree(...)`. Its call sites are
 * those member calls, so the method is a wrapper as a named function is. A made object handed elsewhere may have
 * callers out of view; they are not looked for.
 */
export function factoryMethodCallSites(sourceCode: SourceCode, method: FunctionNode): { name: string; sites: TSESTree.CallExpression[] } | undefined {
  const property = method.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== method || property.computed) return undefined;
  const name = propertyKey(property);
  const made = property.parent;
  if (name === undefined || made.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const factory = returningFunction(made);
  const factoryName = factory && functionName(factory);
  if (!factory || !factoryName || factoryName.method) return undefined;
  const declaration = factory.type === AST_NODE_TYPES.FunctionDeclaration ? factory : factory.parent;
  const variable = sourceCode.scopeManager?.getDeclaredVariables(declaration as never).find((candidate) => candidate.name === factoryName.name);
  if (!variable || variable.defs.length !== 1) return undefined;
  const sites: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    const call = reference.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) continue;
    const result = call.parent?.type === AST_NODE_TYPES.AwaitExpression ? call.parent : call;
    const direct = memberCall(result, name);
    if (direct) sites.push(direct);
    const holder = result.parent;
    if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.init !== result || holder.id.type !== AST_NODE_TYPES.Identifier) continue;
    const made = findVariable(sourceCode.getScope(holder) as never, holder.id) as TSESLint.Scope.Variable | null;
    if (!made || made.references.some((use) => use.isWrite() && !use.init)) continue;
    for (const use of made.references) {
      const site = memberCall(use.identifier, name);
      if (site) sites.push(site);
    }
  }
  return { name, sites };
}

/** The function returning `object`: `return { ... }` in it, or an arrow whose body it is. */
function returningFunction(object: TSESTree.ObjectExpression): FunctionNode | undefined {
  const parent = object.parent;
  if (parent?.type === AST_NODE_TYPES.ReturnStatement) return enclosingFunction(parent);
  return parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === object ? parent : undefined;
}

/** `object.name(...)` on the node. */
function memberCall(object: TSESTree.Node, name: string): TSESTree.CallExpression | undefined {
  const member = object.parent;
  const call = member?.parent;
  return member?.type === AST_NODE_TYPES.MemberExpression && member.object === object && !member.computed && staticPropertyName(member) === name
    && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member ? call : undefined;
}
