import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { moduleFunction } from './loops.js';
import { staticPropertyName } from './member-syntax.js';

/**
 * `this.client` in code written before classes: a constructor function that assigns `this.client = new Twitter(...)`,
 * and the methods it puts on its prototype (`Cluster.prototype.post = function () { this.client.statuses(...) }`,
 * `Cluster.prototype = { post() {...} }`, `Object.assign(Cluster.prototype, {...})`). What the constructor assigns
 * first at its top level is what the field holds, as a class's constructor says for its fields.
 */
export function constructorAssignment(node: TSESTree.MemberExpression, name: string): TSESTree.Expression | undefined {
  const owner = thisFunction(node);
  if (!owner) return undefined;
  const prototypeOf = prototypeOwner(owner);
  const declared = prototypeOf === undefined ? owner : moduleFunction(owner, prototypeOf);
  // (an arrow function has no `this` of its own to be made with `new`)
  const constructor = declared?.type === AST_NODE_TYPES.ArrowFunctionExpression ? undefined : declared;
  return constructor && assignedAtTop(constructor, name);
}

type OwnFunction = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** The function whose `this` the node reads (arrows keep their maker's); none inside a class, which says it better. */
function thisFunction(node: TSESTree.Node): OwnFunction | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression) {
      const holder = current.parent;
      if (holder?.type === AST_NODE_TYPES.MethodDefinition || holder?.type === AST_NODE_TYPES.PropertyDefinition) return undefined;
      return current;
    }
    if (current.type === AST_NODE_TYPES.ClassBody) return undefined;
  }
  return undefined;
}

/** `X` when the function is a method of `X.prototype`, by assignment or in an object given to it. */
function prototypeOwner(fn: OwnFunction): string | undefined {
  const holder = fn.parent;
  if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === fn && holder.left.type === AST_NODE_TYPES.MemberExpression) {
    return prototypeName(holder.left.object);
  }
  if (holder?.type !== AST_NODE_TYPES.Property || holder.value !== fn) return undefined;
  const object = holder.parent;
  const target = object?.parent;
  if (target?.type === AST_NODE_TYPES.AssignmentExpression && target.right === object) return prototypeName(target.left);
  if (target?.type === AST_NODE_TYPES.CallExpression && target.arguments[1] === object && target.callee.type === AST_NODE_TYPES.MemberExpression
    && target.callee.object.type === AST_NODE_TYPES.Identifier && target.callee.object.name === 'Object' && staticPropertyName(target.callee) === 'assign') {
    return prototypeName(target.arguments[0]);
  }
  return undefined;
}

function prototypeName(node: TSESTree.Node | undefined): string | undefined {
  return node?.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(node) === 'prototype' && node.object.type === AST_NODE_TYPES.Identifier
    ? node.object.name : undefined;
}

/** What the constructor assigns `this[name]` in a statement of its own body (not in a branch or a callback). */
function assignedAtTop(fn: OwnFunction, name: string): TSESTree.Expression | undefined {
  for (const statement of fn.body?.body ?? []) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const assignment = statement.expression;
    if (assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.operator === '='
      && assignment.left.type === AST_NODE_TYPES.MemberExpression && assignment.left.object.type === AST_NODE_TYPES.ThisExpression
      && staticPropertyName(assignment.left) === name) return assignment.right;
  }
  return undefined;
}
