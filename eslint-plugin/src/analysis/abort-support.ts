import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { contains, functionName, getFileNodes, isFunction } from './loops.js';
import { unwrapExpression } from './syntax.js';

/**
 * Code that runs only where the runtime has no `AbortController` (old Node, some edge runtimes): there, racing work
 * against a timer is the best a timeout can do, as nothing can cancel the work. Recognised by a feature test:
 * `if (!globalThis.AbortController)`, the `else` of `if (typeof AbortController !== 'undefined')`, the statements
 * after `if (globalThis.AbortController) return ...`, or a function of this file called only from such places.
 */
export function runsOnlyWithoutAbortController(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  return underAbsenceTest(sourceCode, node, 0);
}

/** How many same-file callers are followed (a factory called from a constructor's feature test is two). */
const MAX_CALLER_HOPS = 2;
const ABORT_GLOBALS = new Set(['AbortController', 'AbortSignal']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);

function underAbsenceTest(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, hops: number): boolean {
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && child !== parent.test) {
      const absent = absenceWhen(parent.test);
      if (child === parent.consequent ? absent.ifTruthy : absent.ifFalsy) return true;
    }
    if ((parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) && afterPresenceExit(parent.body, child)) return true;
    if (!isFunction(parent)) continue;
    // A function without a name is made where its parent runs: keep climbing. A named one runs where it is called.
    const name = functionName(parent)?.name;
    if (!name) continue;
    if (hops >= MAX_CALLER_HOPS) return false;
    const callers = getFileNodes(sourceCode).calls.filter((call) => calleeName(call.callee) === name && !contains(parent, call));
    return callers.length > 0 && callers.every((call) => underAbsenceTest(sourceCode, call, hops + 1));
  }
  return false;
}

/** `if (globalThis.AbortController) { ...; return x; }` before `child` in the same block: `child` runs only without it. */
function afterPresenceExit(statements: readonly TSESTree.Node[], child: TSESTree.Node): boolean {
  for (const statement of statements) {
    if (statement === child) return false;
    if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && alwaysExits(statement.consequent) && absenceWhen(statement.test).ifFalsy) return true;
  }
  return false;
}

function alwaysExits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.length > 0 && alwaysExits(statement.body[statement.body.length - 1]!);
}

/** Whether the runtime is known to lack an AbortController when `test` is truthy, and when it is falsy. */
interface Absence {
  readonly ifTruthy: boolean;
  readonly ifFalsy: boolean;
}

const UNRELATED: Absence = { ifTruthy: false, ifFalsy: false };
const PRESENCE: Absence = { ifTruthy: false, ifFalsy: true };
const ABSENCE: Absence = { ifTruthy: true, ifFalsy: false };

function absenceWhen(expression: TSESTree.Node): Absence {
  const test = unwrapExpression(expression);
  switch (test.type) {
    case AST_NODE_TYPES.UnaryExpression: {
      if (test.operator !== '!') return UNRELATED;
      const inner = absenceWhen(test.argument);
      return { ifTruthy: inner.ifFalsy, ifFalsy: inner.ifTruthy };
    }
    case AST_NODE_TYPES.LogicalExpression: {
      const left = absenceWhen(test.left);
      const right = absenceWhen(test.right);
      if (test.operator === '&&') return { ifTruthy: left.ifTruthy || right.ifTruthy, ifFalsy: left.ifFalsy && right.ifFalsy };
      if (test.operator === '||') return { ifTruthy: left.ifTruthy && right.ifTruthy, ifFalsy: left.ifFalsy || right.ifFalsy };
      return UNRELATED;
    }
    case AST_NODE_TYPES.BinaryExpression:
      return typeofTest(test);
    default:
      return namesAbortGlobal(test) ? PRESENCE : UNRELATED;
  }
}

/** `typeof AbortController !== 'undefined'`, `typeof globalThis.AbortController === 'function'`, `'AbortController' in globalThis`. */
function typeofTest(test: TSESTree.BinaryExpression): Absence {
  if (test.operator === 'in') {
    const name = test.left.type === AST_NODE_TYPES.Literal ? test.left.value : undefined;
    const holder = unwrapExpression(test.right);
    return typeof name === 'string' && ABORT_GLOBALS.has(name) && holder.type === AST_NODE_TYPES.Identifier && GLOBAL_OBJECTS.has(holder.name) ? PRESENCE : UNRELATED;
  }
  const [operand, literal] = test.left.type === AST_NODE_TYPES.UnaryExpression ? [test.left, test.right] : [test.right, test.left];
  if (operand.type !== AST_NODE_TYPES.UnaryExpression || operand.operator !== 'typeof' || !namesAbortGlobal(operand.argument)) return UNRELATED;
  if (literal.type !== AST_NODE_TYPES.Literal || typeof literal.value !== 'string') return UNRELATED;
  const equal = test.operator === '===' || test.operator === '==';
  if (!equal && test.operator !== '!==' && test.operator !== '!=') return UNRELATED;
  const saysPresent = (literal.value === 'undefined') !== equal;
  return saysPresent ? PRESENCE : ABSENCE;
}

/** `AbortController`, `globalThis.AbortController`, `window.AbortSignal`. */
function namesAbortGlobal(expression: TSESTree.Node): boolean {
  const node = unwrapExpression(expression);
  if (node.type === AST_NODE_TYPES.Identifier) return ABORT_GLOBALS.has(node.name);
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier
    && ABORT_GLOBALS.has(node.property.name) && node.object.type === AST_NODE_TYPES.Identifier && GLOBAL_OBJECTS.has(node.object.name);
}
