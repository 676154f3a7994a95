import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isFunction, type FunctionNode } from './loops.js';
import { unwrapExpression } from './syntax.js';

/** How code names a member: its static property name, its dotted path, the class whose `this` it reads. */

/** The global objects `fetch` can be read from (`globalThis.fetch`). */
export const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);

/**
 * The static name of a member access (`this.http`, `this['http']`) or of a class member's key (`http`, `'http'`):
 * an ECMAScript private name keeps its `#` (`#http`), since a class may have both `#http` and `http` and they are
 * different members; no identifier can start with `#`, so the two never meet. A key computed from an expression has
 * no name.
 */
export function staticPropertyName(node: TSESTree.MemberExpression): string | undefined {
  return keyName(node.property, node.computed);
}

/** The static name of a class member (method, field, accessor) or object property, `#name` for a private one. */
export function memberKeyName(member: { readonly key: TSESTree.Node; readonly computed: boolean }): string | undefined {
  return keyName(member.key, member.computed);
}

function keyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  const text = key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value
    : computed && key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0 ? key.quasis[0]?.value.cooked ?? undefined
      : undefined;
  // `this['#client']` is a public property spelled with a `#`, not the private `#client`: left unnamed, it meets neither
  return text?.startsWith('#') ? undefined : text;
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

/**
 * Whether `this` at `node` is the class itself: `node` sits in a static method, field or block of the class whose body
 * `enclosingClassBody` gives (which a plain function in between already rules out).
 */
export function inStaticMember(node: TSESTree.Node, classBody: TSESTree.ClassBody): boolean {
  let current: TSESTree.Node = node;
  while (current.parent && current.parent !== classBody) current = current.parent;
  return current.type === AST_NODE_TYPES.StaticBlock
    || ((current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.PropertyDefinition) && current.static);
}

/** `constructor(private readonly request: AxiosRequestConfig = {})`: the parameter property's name, for `this.request`. */
export function parameterProperty(classBody: TSESTree.ClassBody, name: string): TSESTree.Identifier | undefined {
  return parameterProperties(classBody).find((named) => named.name === name);
}

/** Every parameter property of a class's constructor, by the name it binds. */
export function parameterProperties(classBody: TSESTree.ClassBody): TSESTree.Identifier[] {
  const names: TSESTree.Identifier[] = [];
  for (const element of classBody.body) {
    if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'constructor') continue;
    for (const param of element.value.params) {
      const binding = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : undefined;
      const named = binding?.type === AST_NODE_TYPES.AssignmentPattern ? binding.left : binding;
      if (named?.type === AST_NODE_TYPES.Identifier) names.push(named);
    }
  }
  return names;
}

/** The method, or arrow-function field, named `name` in a class body. */
export function methodFunction(body: TSESTree.ClassBody, name: string): FunctionNode | undefined {
  for (const element of body.body) {
    if (element.type !== AST_NODE_TYPES.MethodDefinition && element.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (element.static || memberKeyName(element) !== name) continue;
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method' && element.value.type === AST_NODE_TYPES.FunctionExpression) return element.value;
    if (element.type === AST_NODE_TYPES.PropertyDefinition && element.value && isFunction(element.value)) return element.value;
  }
  return undefined;
}
