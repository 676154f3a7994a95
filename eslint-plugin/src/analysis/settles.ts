import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { conjuncts, unwrapExpression } from './syntax.js';

/**
 * Whether a failure handler lets the failure through, or the promise it guards settles without rejecting. The
 * protection analysis asks this of every `catch` and `.catch(handler)` on a failure's way; a function whose every
 * external call ends at such a handler is no wrapper, so its callers' floating calls are not reported, in the same
 * file and, through the module summaries, in every module that imports it.
 *
 * All or nothing: a handler that throws (or returns `Promise.reject(...)`) on any path lets the failure through,
 * except a throw only in a developer mode (below).
 */
export function catchLetsFailureThrough(handler: TSESTree.CatchClause): boolean {
  return letsThrough(handler.body) || thrownLater(handler);
}

/**
 * `catch (caught) { error = caught }` and, after the try, `throw new Error(describe(error))` or `throw lastError`: the
 * failure is kept for later and thrown on, as itself or as an error made from it (a request layer's attempt loop that
 * throws once its retries are spent). A throw after the try that reads the kept error, or a value made from it, passes
 * the failure through.
 */
function thrownLater(handler: TSESTree.CatchClause): boolean {
  const caught = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : undefined;
  const kept = new Set<string>();
  for (const statement of handler.body.body) {
    const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
    if (expression?.type === AST_NODE_TYPES.AssignmentExpression && expression.left.type === AST_NODE_TYPES.Identifier
      && unwrapExpression(expression.right).type === AST_NODE_TYPES.Identifier && (unwrapExpression(expression.right) as TSESTree.Identifier).name === caught) {
      kept.add(expression.left.name);
    }
  }
  const fn = enclosingFunctionOf(handler);
  if (kept.size === 0 || !fn) return false;
  const tryEnd = handler.parent.range[1];
  // values made from the kept error (`const [verdict, message] = judge(attempt, error)`), in order
  const stack: TSESTree.Node[] = [fn.body];
  const later: TSESTree.Node[] = [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node !== fn.body && isFunctionNode(node)) continue;
    if (node.range[0] >= tryEnd) later.push(node);
    stack.push(...childNodes(node));
  }
  later.sort((a, b) => a.range[0] - b.range[0]);
  for (const node of later) {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && mentions(node.init, kept)) {
      for (const name of boundNames(node.id)) kept.add(name);
    }
    if (node.type === AST_NODE_TYPES.ThrowStatement && mentions(node.argument, kept)) return true;
  }
  return false;
}

function enclosingFunctionOf(node: TSESTree.Node): (TSESTree.Node & { body: TSESTree.Node }) | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current as TSESTree.Node & { body: TSESTree.Node };
  }
  return undefined;
}

function mentions(root: TSESTree.Node, names: ReadonlySet<string>): boolean {
  const stack: TSESTree.Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.Identifier && names.has(node.name)) return true;
    stack.push(...childNodes(node));
  }
  return false;
}

/** The names a declaration binds: `message`, `[verdict, message]`, `{ message }`. */
function boundNames(pattern: TSESTree.Node): string[] {
  if (pattern.type === AST_NODE_TYPES.Identifier) return [pattern.name];
  if (pattern.type === AST_NODE_TYPES.ArrayPattern) return pattern.elements.flatMap((element) => (element ? boundNames(element) : []));
  if (pattern.type === AST_NODE_TYPES.ObjectPattern) return pattern.properties.flatMap((property) => boundNames(property.type === AST_NODE_TYPES.Property ? property.value : property.argument));
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return boundNames(pattern.left);
  if (pattern.type === AST_NODE_TYPES.RestElement) return boundNames(pattern.argument);
  return [];
}

/** `.catch(handler)` / `.then(onFulfilled, handler)`: an inline handler that throws again passes the failure on. */
export function rejectionHandlerLetsFailureThrough(handler: TSESTree.Node): boolean {
  const fn = unwrapExpression(handler);
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isPromiseReject(fn.body);
  return letsThrough(fn.body);
}

function letsThrough(body: TSESTree.BlockStatement): boolean {
  const stack: TSESTree.Node[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.ThrowStatement) return true;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && isPromiseReject(node.argument)) return true;
    if (isFunctionNode(node)) continue;
    // The shipped behaviour is what counts: a throw kept for a debug or validation mode is a developer's aid, and one
    // a caller must ask for (an option that defaults to off) is not what a caller leaving it out gets.
    if (node.type === AST_NODE_TYPES.IfStatement && (onlyInDeveloperMode(node.test) || onlyWhenOptedIn(node))) {
      if (node.alternate) stack.push(node.alternate);
      continue;
    }
    stack.push(...childNodes(node));
  }
  return false;
}

/**
 * `if (attempt === last && opts.atStartup) throw error` in a function declared `(opts = { atStartup: false })` (or `({
 * atStartup = false } = {})`): the throw needs an option its caller turns on; a caller giving nothing gets the catch.
 */
function onlyWhenOptedIn(statement: TSESTree.IfStatement): boolean {
  const flags = conjuncts(statement.test);
  // the function whose parameter it is may be an outer one (the body run inside a lock's callback)
  for (let current: TSESTree.Node | undefined = statement.parent; current; current = current.parent) {
    const fn = current;
    if (isFunctionNode(fn) && flags.some((flag) => fn.params.some((param) => defaultsOff(param, flag)))) return true;
  }
  return false;
}

/** Whether the parameter gives the flag `false` when its caller leaves it out. */
function defaultsOff(param: TSESTree.Parameter, flag: TSESTree.Node): boolean {
  if (param.type !== AST_NODE_TYPES.AssignmentPattern) return false;
  const defaults = unwrapExpression(param.right);
  if (flag.type === AST_NODE_TYPES.MemberExpression && param.left.type === AST_NODE_TYPES.Identifier && flag.object.type === AST_NODE_TYPES.Identifier
    && flag.object.name === param.left.name && defaults.type === AST_NODE_TYPES.ObjectExpression) {
    const name = memberName(flag);
    return defaults.properties.some((property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier
      && property.key.name === name && property.value.type === AST_NODE_TYPES.Literal && property.value.value === false);
  }
  if (flag.type !== AST_NODE_TYPES.Identifier || param.left.type !== AST_NODE_TYPES.ObjectPattern) return false;
  return param.left.properties.some((property) => property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.AssignmentPattern
    && property.value.left.type === AST_NODE_TYPES.Identifier && property.value.left.name === flag.name
    && property.value.right.type === AST_NODE_TYPES.Literal && property.value.right.value === false);
}

/** Names of flags that switch on a developer mode: debug, validation of what is sent, verbose, development. */
const DEVELOPER_MODE = /debug|validat|verbose|devmode|development/i;

/**
 * The test holds only in a developer mode: such a flag (`session.debugMode`, `validateOnly`, `DEBUG`), alone or
 * in a conjunction, or `NODE_ENV` equal to 'development' or 'test', or not 'production'. A negated flag holds in production.
 */
function onlyInDeveloperMode(test: TSESTree.Expression): boolean {
  const node = unwrapExpression(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression) {
    return node.operator === '&&' && (onlyInDeveloperMode(node.left) || onlyInDeveloperMode(node.right));
  }
  if (node.type === AST_NODE_TYPES.Identifier) return DEVELOPER_MODE.test(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(node);
    return name !== undefined && name !== 'NODE_ENV' && DEVELOPER_MODE.test(name);
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression) {
    const [named, value] = node.right.type === AST_NODE_TYPES.Literal ? [node.left, node.right.value] : [node.right, node.left.type === AST_NODE_TYPES.Literal ? node.left.value : undefined];
    const equal = node.operator === '===' || node.operator === '==';
    if (named.type === AST_NODE_TYPES.MemberExpression && memberName(named) === 'NODE_ENV') {
      return equal ? value === 'development' || value === 'test' : (node.operator === '!==' || node.operator === '!=') && value === 'production';
    }
    return equal && value === true && named.type !== AST_NODE_TYPES.PrivateIdentifier && onlyInDeveloperMode(named);
  }
  return false;
}

function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  return node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string' ? node.property.value : undefined;
}

function isPromiseReject(node: TSESTree.Node): boolean {
  const call = unwrapExpression(node);
  return call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression
    && call.callee.object.type === AST_NODE_TYPES.Identifier && call.callee.object.name === 'Promise'
    && !call.callee.computed && call.callee.property.type === AST_NODE_TYPES.Identifier && call.callee.property.name === 'reject';
}

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    if (Array.isArray(value)) for (const item of value) { if (isNode(item)) children.push(item); }
    else if (isNode(value)) children.push(value);
  }
  return children;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
