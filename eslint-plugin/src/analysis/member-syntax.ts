import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isFunction, type FunctionNode } from './loops.js';
import { unwrapExpression } from './syntax.js';

/** How code names a member: its static property name, its dotted path, the class whose `this` it reads. */

/** The global objects `fetch` can be read from (`globalThis.fetch`). */
export const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);

export function staticPropertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  const property = node.property;
  if (property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string') return property.value;
  if (property.type === AST_NODE_TYPES.TemplateLiteral && property.expressions.length === 0) return property.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The dotted path of an identifier/member chain as written (`this.api.client`), or undefined. */
export function dottedName(node: TSESTree.Node): string | undefined {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticPropertyName(target);
    const object = dottedName(target.object);
    return name !== undefined && object !== undefined ? `${object}.${name}` : undefined;
  }
  return undefined;
}

export function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const parent = current.parent;
      if (parent?.type !== AST_NODE_TYPES.MethodDefinition && parent?.type !== AST_NODE_TYPES.PropertyDefinition) return undefined;
    }
    current = current.parent;
  }
  return undefined;
}

/** The method, or arrow-function field, named `name` in a class body. */
export function methodFunction(body: TSESTree.ClassBody, name: string): FunctionNode | undefined {
  for (const element of body.body) {
    if (element.type !== AST_NODE_TYPES.MethodDefinition && element.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (element.static || element.computed || element.key.type !== AST_NODE_TYPES.Identifier || element.key.name !== name) continue;
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method' && element.value.type === AST_NODE_TYPES.FunctionExpression) return element.value;
    if (element.type === AST_NODE_TYPES.PropertyDefinition && element.value && isFunction(element.value)) return element.value;
  }
  return undefined;
}
