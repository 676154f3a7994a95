import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from './external-calls.js';
import { enclosingFunction, walkSameFunction } from './loops.js';
import { unwrapExpression } from './syntax.js';

/**
 * A function standing in for fetch (handed to an SDK as its `fetch` option to add progress events or headers) that,
 * when its caller gives no init, calls fetch with the caller's input alone: `async (input, init) => { if (!init)
 * return fetch(input); ...; return fetch(input, init); }`. That branch makes the caller's call exactly as the caller
 * made it, as the branch passing `init` on does: whatever bounds it is the caller's to give, so it is judged there, not
 * here. A stand-in that drops an init it was given (`fetch(input)` with no test of `init`) stays reported.
 */
export function forwardsCallerWithoutInit(call: ExternalCall, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean {
  const [input, ...rest] = call.node.arguments;
  if (call.client !== 'fetch' || call.wrapped || rest.length > 0 || input?.type !== AST_NODE_TYPES.Identifier) return false;
  const fn = enclosingFunction(call.node);
  const [inputParameter, initParameter] = fn?.params ?? [];
  if (!fn || inputParameter?.type !== AST_NODE_TYPES.Identifier || initParameter?.type !== AST_NODE_TYPES.Identifier
    || inputParameter.name !== input.name) return false;
  return passesInitOn(fn, visitorKeys, input.name, initParameter.name) && reachedOnlyWithout(call.node, fn, initParameter.name);
}

/**
 * Whether the function also calls fetch with its input and the init it was given (`fetch(input, init)`, `fetch(input,
 * { ...init, headers })`): what makes it a stand-in for fetch, not a function whose second parameter is anything else
 * (`(url, cached?) => { if (!cached) await fetch(url); ... }` downloads when it was given nothing to use instead).
 */
function passesInitOn(fn: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys, input: string, init: string): boolean {
  let found = false;
  walkSameFunction(fn, visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression || !isName(unwrapExpression(node.callee), 'fetch')) return;
    const [first, second] = node.arguments;
    if (!first || !second || !isName(first, input)) return;
    const options = unwrapExpression(second);
    found = isName(options, init) || (options.type === AST_NODE_TYPES.ObjectExpression && options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement && isName(property.argument, init)));
  });
  return found;
}

/** Whether every way from the function's start to `node` passes a test saying `init` was not given. */
function reachedOnlyWithout(node: TSESTree.Node, fn: TSESTree.Node, init: string): boolean {
  for (let child = node, parent = node.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      const given = givenWhen(parent.test, init);
      if ((child === parent.consequent && given === false) || (child === parent.alternate && given === true)) return true;
    }
    // `if (init) return fetch(input, init); return fetch(input);`: past an early return taken whenever init was given
    if (parent.type === AST_NODE_TYPES.BlockStatement && parent.body.some((statement) => statement.range[1] <= child.range[0]
      && statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && givenWhen(statement.test, init) === true
      && endsInReturn(statement.consequent))) return true;
  }
  return false;
}

/** What the test says of `init` when it holds: `init` and `init !== undefined` (given), `!init`, `init == null` (not). */
function givenWhen(test: TSESTree.Expression, init: string): boolean | undefined {
  const node = unwrapExpression(test);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === init ? true : undefined;
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    const inner = givenWhen(node.argument, init);
    return inner === undefined ? undefined : !inner;
  }
  if (node.type !== AST_NODE_TYPES.BinaryExpression || !['===', '==', '!==', '!='].includes(node.operator)) return undefined;
  const [named, other] = isName(node.left, init) ? [node.left, node.right] : [node.right, node.left];
  if (!isName(named, init) || !isNothing(other)) return undefined;
  return node.operator.startsWith('!');
}

function isName(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === name;
}

function isNothing(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') || (node.type === AST_NODE_TYPES.Literal && node.raw === 'null');
}

function endsInReturn(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.at(-1)?.type === AST_NODE_TYPES.ReturnStatement;
}
