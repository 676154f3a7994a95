import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { contains, walk, walkSameFunction, type FunctionNode } from './loops.js';
import { enclosingClassBody, methodFunction, staticPropertyName } from './member-syntax.js';
import { propertyName } from './retry-bounds.js';
import { conditionsOf, goesRoundOnFailure, selfCallPaths, type Path } from './retry-causes.js';
import { errorDerivedNames } from './retry-remedies.js';
import { isEmptyStart } from './syntax.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * A function calling itself from its catch that sends something else the second time: another host, a request
 * corrected from what the refusal said, a list with the settled items left out. What failed is not asked again, so
 * there is nothing to back off from, and each of these shapes stops by itself (the switch is set, the refusal named
 * what to leave out once, the list shrinks).
 */
export function sendsSomethingElse(context: Context, fn: FunctionNode, selfCall: TSESTree.CallExpression, handler: TSESTree.Node): boolean {
  if (handler.type !== AST_NODE_TYPES.CatchClause) return false;
  const paths = selfCallPaths(context, handler, selfCall);
  if (!paths || paths.length === 0) return false;
  return failsOver(context, fn, paths) || dropsSettledItems(context, fn, selfCall, handler) || passesWhatTheRefusalSaid(context, fn, selfCall, handler, paths)
    || dropsWhatItSent(context, fn, handler, paths);
}

/**
 * `catch { if (grant.refresh_token) { this.refreshToken = undefined; return this.getAuth(); } ... }`: on a test of
 * what was sent (not of the error), the way to the self-call clears a field of the object that the function reads before its try
 * (itself, or in a method of the class it calls: the grant is built from the stored token). The next call is built
 * without it (signs in with the password instead) and, the field cleared, cannot pass that test again.
 */
function dropsWhatItSent(context: Context, fn: FunctionNode, handler: TSESTree.CatchClause, paths: readonly Path[]): boolean {
  const attempt = handler.parent.block;
  const error = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : undefined;
  return paths.every((path) => {
    // (a test of what was sent, not of the error: the next call, built without the field, fails it)
    if (!conditionsOf(path).some(({ test }) => !mentions(context, test, error))) return false;
    const cleared = path.flatMap((entry) => {
      const expression = 'statement' in entry && entry.statement.type === AST_NODE_TYPES.ExpressionStatement ? entry.statement.expression : undefined;
      if (expression?.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=' || !isEmptyStart(expression.right)) return [];
      const field = expression.left.type === AST_NODE_TYPES.MemberExpression && expression.left.object.type === AST_NODE_TYPES.ThisExpression ? staticPropertyName(expression.left) : undefined;
      return field === undefined ? [] : [field];
    });
    return cleared.length > 0 && readsBefore(context, fn, attempt, new Set(cleared));
  });
}

function mentions(context: Context, test: TSESTree.Node, name: string | undefined): boolean {
  let found = false;
  walk(test, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier && node.name === name) found = true;
    return !found;
  });
  return found;
}

/** Whether `fn`, before its try `attempt`, reads one of the object's `fields`, itself or in a method of its class it calls there. */
function readsBefore(context: Context, fn: FunctionNode, attempt: TSESTree.BlockStatement, fields: ReadonlySet<string>): boolean {
  const body = enclosingClassBody(fn);
  let found = false;
  const visit = (root: TSESTree.Node, methods: boolean): void => walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (found || (root === fn.body && node.range[0] >= attempt.range[0])) return false;
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression) return true;
    const name = staticPropertyName(node);
    if (name === undefined) return true;
    if (fields.has(name)) found = true;
    const method = methods && body && node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node ? methodFunction(body, name) : undefined;
    if (method) visit(method.body, false);
    return !found;
  });
  visit(fn.body, true);
  return found;
}

/**
 * `if (Loader.host === MIRROR) throw error; Loader.host = MIRROR; return this.load(name)`: the way to the self-call
 * passes a test that a setting does not yet hold a value, then sets it to that value. The next call goes to the other
 * host (or mode) and, the setting kept, cannot come this way again: a failover, not a retry. The setting must outlive
 * the call (a field, a module's variable): a variable of the function itself is made anew by the next call. A boolean
 * only remembers that a second try was made, which is a retry of the same request.
 */
function failsOver(context: Context, fn: FunctionNode, paths: readonly Path[]): boolean {
  const text = (node: TSESTree.Node): string => context.sourceCode.getText(node).replace(/\s+/g, '');
  return paths.every((path) => {
    const assignments = path.flatMap((entry) => {
      if (!('statement' in entry) || entry.statement.type !== AST_NODE_TYPES.ExpressionStatement) return [];
      const expression = entry.statement.expression;
      return expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' ? [expression] : [];
    });
    return conditionsOf(path).some(({ test, truth }) => {
      if (test.type !== AST_NODE_TYPES.BinaryExpression) return false;
      const equality = test.operator === '===' || test.operator === '==';
      const inequality = test.operator === '!==' || test.operator === '!=';
      // the test said "not that value yet"
      if (!(equality && !truth) && !(inequality && truth)) return false;
      const sides = [text(test.left), text(test.right)];
      return assignments.some((assignment) => {
        const setting = text(assignment.left);
        const value = text(assignment.right);
        return sides.includes(setting) && sides.includes(value) && setting !== value && !isFlagValue(assignment.right) && outlivesCall(context, fn, assignment.left);
      });
    });
  });
}

function isFlagValue(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && (typeof node.value === 'boolean' || node.value === null);
}

/** `this.host`, `Loader.host`, a module's `let host`: not a variable or an object the function makes for itself. */
function outlivesCall(context: Context, fn: FunctionNode, setting: TSESTree.Node): boolean {
  let root = setting;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(root), root)?.defs[0];
  return definition !== undefined && !contains(fn, definition.name);
}

/**
 * `const left = deps.filter((dep) => !lock.includes(dep.name)); if (left.length < deps.length) return update({ ...input,
 * deps: left })`: the self-call is given, in place of a list it was given, that list with some items left out, and
 * only when some were. Each call sends a smaller request (without what the first run settled or the server refused),
 * so the calls end when nothing more can be left out.
 */
function dropsSettledItems(context: Context, fn: FunctionNode, selfCall: TSESTree.CallExpression, handler: TSESTree.CatchClause): boolean {
  const parameters = parameterNames(fn);
  const guards = enclosingTests(selfCall, handler);
  return passedValues(selfCall).some((value) => {
    const filtered = filterOf(context, fn, value);
    if (!filtered || !parameters.has(filtered.list)) return false;
    return guards.some((test) => comparesLengths(test, filtered.name, filtered.list));
  });
}

/** `deps.filter(...)`, or a name declared as one in the function: the list filtered, and the name the result has. */
function filterOf(context: Context, fn: FunctionNode, value: TSESTree.Node): { list: string; name: string } | undefined {
  let init: TSESTree.Node | undefined = value;
  let name = '';
  if (value.type === AST_NODE_TYPES.Identifier) {
    const definition = ASTUtils.findVariable(context.sourceCode.getScope(value), value)?.defs[0];
    const declarator = definition?.node;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const' || !contains(fn, declarator)) return undefined;
    init = declarator.init ?? undefined;
    name = value.name;
  }
  if (init?.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (propertyName(init.callee) !== 'filter' || init.callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  return { list: init.callee.object.name, name };
}

/** `left.length < deps.length`, `deps.length > left.length`, `left.length !== deps.length`. */
function comparesLengths(test: TSESTree.Expression, shorter: string, list: string): boolean {
  if (test.type !== AST_NODE_TYPES.BinaryExpression) return false;
  const lengthOf = (node: TSESTree.Node): string | undefined =>
    node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'length' && node.object.type === AST_NODE_TYPES.Identifier ? node.object.name : undefined;
  const [left, right] = [lengthOf(test.left), lengthOf(test.right)];
  if (test.operator === '<') return left === shorter && right === list;
  if (test.operator === '>') return left === list && right === shorter;
  if (test.operator === '!==' || test.operator === '!=') return new Set([left, right]).size === 2 && [left, right].includes(shorter) && [left, right].includes(list);
  return false;
}

/**
 * `if (error.statusCode === 409 && error.rejected) return setReviewers({ pr, reviewers, refused: error.rejected })`:
 * on a refusal it tested for (not a timeout, a 5xx or a 429), the function calls itself with what the error said in
 * place of a parameter its request is built from. The server answered, and the next request is a different one.
 * The error itself, or its status or message handed on for the log, corrects nothing.
 */
function passesWhatTheRefusalSaid(context: Context, fn: FunctionNode, selfCall: TSESTree.CallExpression, handler: TSESTree.CatchClause, paths: readonly Path[]): boolean {
  const errorNames = errorDerivedNames(context, handler);
  if (errorNames.size === 0 || goesRoundOnFailure(context, paths)) return false;
  const mentionsError = (node: TSESTree.Node): boolean => {
    let found = false;
    walkSameFunction(node, context.sourceCode.visitorKeys, (inner) => {
      if (inner.type === AST_NODE_TYPES.Identifier && errorNames.has(inner.name)) found = true;
    });
    return found;
  };
  if (!paths.every((path) => conditionsOf(path).some((condition) => mentionsError(condition.test)))) return false;
  const aliases = errorAliases(context, handler);
  return selfCall.arguments.some((argument, index) => {
    const entries = argument.type === AST_NODE_TYPES.ObjectExpression
      ? argument.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? [{ key: property.key.name, value: property.value }] : []))
      : [{ key: undefined, value: argument }];
    return entries.some(({ key, value }) => {
      if (!mentionsError(value) || describesFailure(value, aliases)) return false;
      const receiver = receivingName(fn.params[index], key);
      return receiver !== undefined && readOutside(context, fn, handler, receiver);
    });
  });
}

/** The caught error and the names that only rename it (`const conflict = err as ConflictError`). */
function errorAliases(context: Context, handler: TSESTree.CatchClause): Set<string> {
  const aliases = new Set<string>();
  if (handler.param?.type !== AST_NODE_TYPES.Identifier) return aliases;
  aliases.add(handler.param.name);
  walkSameFunction(handler.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return;
    const init = unwrapped(node.init);
    if (init.type === AST_NODE_TYPES.Identifier && aliases.has(init.name)) aliases.add(node.id.name);
  });
  return aliases;
}

function unwrapped(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.type === AST_NODE_TYPES.TSAsExpression || current.type === AST_NODE_TYPES.TSNonNullExpression || current.type === AST_NODE_TYPES.TSTypeAssertion) current = current.expression;
  return current;
}

/** What only reports the failure: the error itself, or its status, code, message, name, stack or cause. */
const FAILURE_DESCRIPTIONS = new Set(['status', 'statusCode', 'code', 'message', 'name', 'stack', 'cause', 'response']);

function describesFailure(value: TSESTree.Node, aliases: ReadonlySet<string>): boolean {
  let current = unwrapped(value.type === AST_NODE_TYPES.ChainExpression ? value.expression : value);
  if (current.type === AST_NODE_TYPES.Identifier) return aliases.has(current.name);
  if (current.type !== AST_NODE_TYPES.MemberExpression) return false;
  const property = propertyName(current);
  current = unwrapped(current.object);
  return current.type === AST_NODE_TYPES.Identifier && aliases.has(current.name) && property !== undefined && FAILURE_DESCRIPTIONS.has(property);
}

/** The name a parameter is read by: `refused` for `{ refused }` given `refused: ...`, `opts.refused` for `opts`. */
function receivingName(param: TSESTree.Parameter | undefined, key: string | undefined): { name: string; property?: string } | undefined {
  const target = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (!target) return undefined;
  if (target.type === AST_NODE_TYPES.Identifier) return key === undefined ? { name: target.name } : { name: target.name, property: key };
  if (target.type !== AST_NODE_TYPES.ObjectPattern || key === undefined) return undefined;
  for (const property of target.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== key) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    return value.type === AST_NODE_TYPES.Identifier ? { name: value.name } : undefined;
  }
  return undefined;
}

/**
 * Whether the function reads the parameter outside the catch (also in a callback: `labels.filter((label) =>
 * !skip.includes(label))`): its request is built from it.
 */
function readOutside(context: Context, fn: FunctionNode, handler: TSESTree.CatchClause, receiver: { name: string; property?: string }): boolean {
  let read = false;
  walk(fn.body, context.sourceCode.visitorKeys, (node) => {
    if (read || node === handler) return false;
    if (receiver.property === undefined) {
      read = node.type === AST_NODE_TYPES.Identifier && node.name === receiver.name;
    } else {
      read = node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === receiver.name && propertyName(node) === receiver.property;
    }
    return !read;
  });
  return read;
}

/** The values a self-call passes: each argument, and each property of an options object. */
function passedValues(selfCall: TSESTree.CallExpression): TSESTree.Node[] {
  return selfCall.arguments.flatMap((argument): TSESTree.Node[] =>
    argument.type === AST_NODE_TYPES.ObjectExpression
      ? argument.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property ? [property.value] : []))
      : [argument],
  );
}

/** The tests of the `if`s whose consequent holds the call (each conjunct of an `a && b`), up to the catch. */
function enclosingTests(call: TSESTree.Node, handler: TSESTree.Node): TSESTree.Expression[] {
  const tests: TSESTree.Expression[] = [];
  for (let child: TSESTree.Node = call, node: TSESTree.Node | undefined = call.parent; node && node !== handler; child = node, node = node.parent) {
    if (node.type === AST_NODE_TYPES.IfStatement && node.consequent === child) tests.push(...conjuncts(node.test));
  }
  return tests;
}

function conjuncts(test: TSESTree.Expression): TSESTree.Expression[] {
  return test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&' ? [...conjuncts(test.left), ...conjuncts(test.right)] : [test];
}

/** Every name the function's parameters bind, destructured ones included. */
function parameterNames(fn: FunctionNode): Set<string> {
  const names = new Set<string>();
  const add = (pattern: TSESTree.Node | null): void => {
    if (!pattern) return;
    if (pattern.type === AST_NODE_TYPES.Identifier) names.add(pattern.name);
    else if (pattern.type === AST_NODE_TYPES.AssignmentPattern) add(pattern.left);
    else if (pattern.type === AST_NODE_TYPES.ObjectPattern) pattern.properties.forEach((property) => add(property.type === AST_NODE_TYPES.Property ? property.value : property.argument));
    else if (pattern.type === AST_NODE_TYPES.ArrayPattern) pattern.elements.forEach(add);
    else if (pattern.type === AST_NODE_TYPES.RestElement) add(pattern.argument);
    else if (pattern.type === AST_NODE_TYPES.TSParameterProperty) add(pattern.parameter);
  };
  fn.params.forEach(add);
  return names;
}
