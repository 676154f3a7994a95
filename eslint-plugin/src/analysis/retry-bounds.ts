import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { timerSettlement } from './timer-settlement.js';
import { decisionHandedInBounds } from './handed-decisions.js';
import { contains, containsLoopExit, isFunction, walk, walkSameFunction, type LoopStatement } from './loops.js';
import { conditionsOf, loopPaths } from './retry-causes.js';
import type { RetryBound } from './retries.js';
import { signalMayBeUndefined } from './optional-signals.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** What stops a retry: the counters it keeps, and the conditions on them, the clock or an abort signal that end it. */

export function identifierNames(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): Set<string> {
  const names = new Set<string>();
  walkSameFunction(root, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier) names.add(node.name);
  });
  return names;
}

/** Texts of the variables and members a loop counts with: updated (`++`, `+=`, `x = x + 1`, an array pushed to) in its body or update. */
export function findCounters(context: Context, loop: LoopStatement): Set<string> {
  const counters = new Set<string>();
  const roots: TSESTree.Node[] = [loop.body];
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.update) roots.push(loop.update);
  if ('test' in loop && loop.test) roots.push(loop.test);
  for (const root of roots) collectUpdates(context, root, counters);
  return counters;
}

export function collectUpdates(context: Context, root: TSESTree.Node, into: Set<string>): void {
  const text = (node: TSESTree.Node): string => context.sourceCode.getText(node);
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.UpdateExpression) into.add(text(node.argument));
    // `errors.push(error)`: the array's length counts the attempts.
    else if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      (propertyName(node.callee) === 'push' || propertyName(node.callee) === 'unshift')
    ) {
      into.add(`${text(node.callee.object)}.length`);
    }
    // (`options = options || {}`, `options ??= {}`: a default given once, no count)
    else if (node.type === AST_NODE_TYPES.AssignmentExpression && !givesDefault(context, node)) {
      if (node.operator !== '=') into.add(text(node.left));
      else if (mentions(context, node.right, text(node.left))) into.add(text(node.left));
    }
    else if (node.type === AST_NODE_TYPES.CallExpression) keyedCount(context, node).forEach((counter) => into.add(counter));
    // counted inside the wait (`new Promise((r) => setTimeout(r, 2 ** tries++ * 100))`): an executor runs at once
    else if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Promise') {
      const [executor] = node.arguments;
      if (executor && isFunction(executor)) collectUpdates(context, executor.body, into);
    }
  });
}

/** `x = x || fallback`, `x = x ?? fallback`, `x ||= fallback`, `x ??= fallback`. */
function givesDefault(context: Context, assignment: TSESTree.AssignmentExpression): boolean {
  if (assignment.operator === '||=' || assignment.operator === '??=') return true;
  const value = assignment.right;
  return assignment.operator === '=' && value.type === AST_NODE_TYPES.LogicalExpression && value.operator !== '&&'
    && context.sourceCode.getText(value.left) === context.sourceCode.getText(assignment.left);
}

/**
 * `this.attempts.set(id, attempts + 1)` after `const attempts = this.attempts.get(id) || 0`: a count kept per key in
 * a Map field (one per consumer, per connection) is a count like any other. Gives what holds it: the local read from
 * the map, and the `get` itself (`this.attempts.get(id) >= MAX`).
 */
function keyedCount(context: Context, call: TSESTree.CallExpression): string[] {
  const [key, value] = call.arguments;
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(call.callee) !== 'set' || call.arguments.length !== 2 || !key || !value) return [];
  if (value.type !== AST_NODE_TYPES.BinaryExpression || value.operator !== '+') return [];
  const squeeze = (node: TSESTree.Node): string => context.sourceCode.getText(node).replace(/\s+/g, '');
  const read = `${squeeze(call.callee.object)}.get(${squeeze(key)})`;
  const readsCount = (root: TSESTree.Node): boolean => {
    let found = false;
    walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && squeeze(node) === read) found = true;
    });
    return found;
  };
  const counters: string[] = [];
  if (readsCount(value)) counters.push(read);
  walkSameFunction(value, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.Identifier) return;
    const declarator = ASTUtils.findVariable(context.sourceCode.getScope(node), node)?.defs[0]?.node;
    if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init && readsCount(declarator.init)) counters.push(node.name, read);
  });
  return counters;
}

export function mentions(context: Context, root: TSESTree.Node, wanted: string): boolean {
  let found = false;
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (
      (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression) &&
      !isPropertyName(node) &&
      sameText(context.sourceCode.getText(node), (text) => text === wanted)
    ) {
      found = true;
    }
  });
  return found;
}

/** `request` in `meta.request` or `{ request: 1 }`: a name of a property, not the variable of that name. */
function isPropertyName(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (node.type !== AST_NODE_TYPES.Identifier || !parent) return false;
  return (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed)
    || (parent.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && !parent.shorthand);
}

/** A text as written, or without its spaces (a `get(id)` read counted by `keyedCount`). */
function sameText(text: string, matches: (text: string) => boolean): boolean {
  return matches(text) || (/\s/.test(text) && matches(text.replace(/\s+/g, '')));
}

export type TestKind = 'attempts' | 'deadline' | undefined;

/** A counter that adds up the time waited (`timeSpent += 1000` after each pause): compared, it is a deadline. */
const ELAPSED_NAME = /elapsed|spent|waited|totalWait|timePassed|timeTaken/i;

/** Whether a condition checks a count, the clock or an abort signal. */
export function boundingTest(context: Context, test: TSESTree.Node, counters: ReadonlySet<string>): TestKind {
  if (deadlineOnlyWhenSet(context, test)) return undefined;
  let kind: TestKind;
  walkSameFunction(test, context.sourceCode.visitorKeys, (node) => {
    if (kind === 'deadline') return;
    if (isClockOrAbort(node)) kind = 'deadline';
    else if (node.type === AST_NODE_TYPES.UpdateExpression) kind = 'attempts';
    else if (
      (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression) &&
      sameText(context.sourceCode.getText(node), (text) => counters.has(text))
    ) {
      kind = ELAPSED_NAME.test(context.sourceCode.getText(node)) ? 'deadline' : 'attempts';
    } else if (node.type === AST_NODE_TYPES.Identifier && initializerReadsClock(context, node)) kind = 'deadline';
    else if (node.type === AST_NODE_TYPES.Identifier && initializerComparesCount(context, node, counters)) kind = 'attempts';
    else if ((node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.CallExpression) && decisionHandedInBounds(context.sourceCode, context.filename, node, counters)) kind = 'attempts';
  });
  return kind;
}

/**
 * `t1 > t0 && Date.now() >= t1`, with `t1 = t0 + (options.timeout ? seconds * 1000 : 0)`: the deadline is compared
 * with its own start first, so it holds only when one was given. By default there is none.
 */
export function deadlineOnlyWhenSet(context: Context, test: TSESTree.Node): boolean {
  if (test.type !== AST_NODE_TYPES.LogicalExpression || test.operator !== '&&') return false;
  return [test.left, test.right].some((side) => side.type === AST_NODE_TYPES.BinaryExpression && ['>', '<', '!==', '!='].includes(side.operator)
    && [side.left, side.right].every((operand) => operand.type === AST_NODE_TYPES.Identifier && initializerReadsClock(context, operand, 1)));
}

/**
 * `const willRetry = state.tries <= limit` read later as the test: the name stands for comparing a count; also when
 * the comparison is one of the conditions all of which must hold (`attempt < max && (status === 429 || status ===
 * 503)`): the name is false once the count is spent.
 */
function initializerComparesCount(context: Context, identifier: TSESTree.Identifier, counters: ReadonlySet<string>): boolean {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs[0];
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
  return comparesCount(context, definition.node.init, counters);
}

function comparesCount(context: Context, node: TSESTree.Node, counters: ReadonlySet<string>): boolean {
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') return comparesCount(context, node.left, counters) || comparesCount(context, node.right, counters);
  if (node.type !== AST_NODE_TYPES.BinaryExpression || !COMPARISONS.has(node.operator)) return false;
  return [node.left, node.right].some((side) => sameText(context.sourceCode.getText(side), (text) => counters.has(text)));
}

function isClockOrAbort(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.NewExpression) {
    return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Date';
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && node.property.type === AST_NODE_TYPES.Identifier) {
    if (node.property.name === 'aborted') return true;
    const property = node.property.name;
    if (node.object.type === AST_NODE_TYPES.Identifier) {
      const owner = node.object.name;
      if ((owner === 'Date' || owner === 'performance') && property === 'now') return true;
      if (owner === 'process' && property === 'hrtime') return true;
    }
    return property === 'throwIfAborted' || property === 'getTime';
  }
  return false;
}

export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
}

/** `const elapsed = Date.now() - start` read later in a condition. */
function initializerReadsClock(context: Context, identifier: TSESTree.Identifier, through = 0): boolean {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs[0];
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
  let found = false;
  walkSameFunction(definition.node.init, context.sourceCode.visitorKeys, (node) => {
    if (isClockOrAbort(node)) found = true;
    // `const deadline = start + ms`, `start` the clock read before
    else if (through > 0 && !found && node.type === AST_NODE_TYPES.Identifier && node !== identifier && initializerReadsClock(context, node, through - 1)) found = true;
  });
  return found;
}

/**
 * `signal?.throwIfAborted()` with the caller's optional signal: a bound only when a caller passes one, and by default
 * none (e2b's `waitForBuild(id, interval, signal?)`).
 */
export function optionalSignal(context: Context, check: TSESTree.MemberExpression): boolean {
  return check.optional || signalMayBeUndefined(context.sourceCode, check.object);
}

export function loopBound(context: Context, loop: LoopStatement, counters: ReadonlySet<string>, handler?: TSESTree.CatchClause): RetryBound {
  const test = 'test' in loop ? loop.test : null;
  const fromTest = test ? boundingTest(context, test, counters) : undefined;
  if (fromTest) return fromTest;
  if (racesSharedDeadline(context, loop)) return 'deadline';
  const fromPaths = handler && boundOnEveryPath(context, handler, loop, counters);
  if (fromPaths) return fromPaths;
  const conditionNames = test ? identifierNames(test, context.sourceCode.visitorKeys) : new Set<string>();
  let bound: TestKind;
  walkSameFunction(loop.body, context.sourceCode.visitorKeys, (node) => {
    if (bound === 'deadline') return;
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      if (propertyName(node.callee) === 'throwIfAborted' && !optionalSignal(context, node.callee)) bound = 'deadline';
      return;
    }
    if (node.type !== AST_NODE_TYPES.IfStatement && node.type !== AST_NODE_TYPES.ConditionalExpression) return;
    const kind = boundingTest(context, node.test, counters);
    if (!kind) return;
    const stops =
      node.type === AST_NODE_TYPES.IfStatement
        ? containsLoopExit(node.consequent, loop, context.sourceCode.visitorKeys) ||
          assignsAny(context, node.consequent, conditionNames) ||
          (node.alternate !== null && containsLoopExit(node.alternate, loop, context.sourceCode.visitorKeys))
        : true;
    if (stops) bound = kind;
  });
  if (bound) return bound;
  // A condition on something outside this function (`this.running`, `await shouldGoOn()`) may end the loop.
  if (test && !isLocalFlagTest(context, test)) return 'unknown';
  return 'none';
}

function assignsAny(context: Context, root: TSESTree.Node, names: ReadonlySet<string>): boolean {
  let found = false;
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier && names.has(node.left.name)) {
      found = true;
    }
  });
  return found;
}

/** `true`, `1`, `!done`, `!ok && !failed`: only literals and local variables. */
function isLocalFlagTest(context: Context, test: TSESTree.Node): boolean {
  let local = true;
  walkSameFunction(test, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.UnaryExpression || node.type === AST_NODE_TYPES.LogicalExpression) {
      return;
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), node);
      const declaredIn = variable?.defs[0]?.node;
      if (!declaredIn || declaredIn.type !== AST_NODE_TYPES.VariableDeclarator) local = false;
      return;
    }
    local = false;
  });
  return local;
}

/**
 * `const deadline = new Promise((_, reject) => setTimeout(reject, 30_000))` before the loop, and
 * `await Promise.race([probe(), deadline])` in it: every attempt races one timer started once, so when it fires the
 * loop ends, however many attempts it made.
 */
function racesSharedDeadline(context: Context, loop: LoopStatement): boolean {
  let found = false;
  walkSameFunction(loop.body, context.sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression || context.sourceCode.getText(node.callee) !== 'Promise.race') return;
    const list = node.arguments[0];
    if (list?.type !== AST_NODE_TYPES.ArrayExpression) return;
    found = list.elements.some((element) => {
      if (element?.type !== AST_NODE_TYPES.Identifier) return false;
      const declarator = ASTUtils.findVariable(context.sourceCode.getScope(element), element)?.defs[0]?.node;
      return (
        declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
        declarator.range[1] <= loop.range[0] &&
        declarator.init !== null &&
        timerSettlement(context, declarator.init) === 'rejecting'
      );
    });
  });
  return found;
}

/**
 * `catch (e) { if (e instanceof Timeout && retries < max) { retries++; continue } if (is5xx(e) && serverRetries <
 * maxServer) { serverRetries++; continue } throw e }`: every way round passes a check on a counter (or the clock)
 * whose other outcome does not go round, so each counter stops its own kind of failure.
 */
function boundOnEveryPath(context: Context, handler: TSESTree.CatchClause, loop: LoopStatement, counters: ReadonlySet<string>): TestKind {
  const paths = loopPaths(handler, loop, context.sourceCode.visitorKeys);
  if (!paths || paths.length === 0) return undefined;
  const lastChecks = paths.map((path) => {
    const checks = conditionsOf(path).filter((condition) => boundingTest(context, condition.test, counters) !== undefined);
    return checks.at(-1);
  });
  if (lastChecks.some((check) => check === undefined)) return undefined;
  // A check both of whose outcomes go round (`if (attempts > 0) log()`) stops nothing.
  const bothWays = lastChecks.some((check) => lastChecks.some((other) => other!.test === check!.test && other!.truth !== check!.truth));
  if (bothWays) return undefined;
  const kinds = new Set(lastChecks.map((check) => boundingTest(context, check!.test, counters)));
  return kinds.has('attempts') ? 'attempts' : 'deadline';
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '===', '==', '!==', '!=']);

/**
 * The largest number a counter is compared with in these tests (`attempt < 3`, `tries >= MAX_TRIES` with a numeric
 * constant), or undefined when a comparison of a counter reads no number (`attempt < options.retries`) or none does.
 */
export function comparedLimit(context: Context, tests: readonly TSESTree.Node[], counters: ReadonlySet<string>): number | undefined {
  let limit: number | undefined;
  let unreadable = false;
  for (const test of tests) {
    walkSameFunction(test, context.sourceCode.visitorKeys, (node) => {
      if (unreadable || node.type !== AST_NODE_TYPES.BinaryExpression || !COMPARISONS.has(node.operator)) return;
      const countsLeft = [...counters].some((counter) => mentions(context, node.left, counter));
      const countsRight = [...counters].some((counter) => mentions(context, node.right, counter));
      if (countsLeft === countsRight) return;
      const counted = countsLeft ? node.left : node.right;
      const down = countedDown(context, counted);
      const number = down ? startOf(context, down) : numberOf(context, countsLeft ? node.right : node.left);
      if (number === undefined) unreadable = true;
      else limit = Math.max(limit ?? number, number);
    });
  }
  return unreadable ? undefined : limit;
}

/**
 * `left-- > 0`, `if (retries <= 0) reject(error)` with `retries--` elsewhere: a count of the attempts left, only ever
 * decremented. Its limit is where it starts, not the number it is compared with. Returns its declared name.
 */
function countedDown(context: Context, counted: TSESTree.Node): TSESTree.Identifier | undefined {
  const counter = counted.type === AST_NODE_TYPES.UpdateExpression ? counted.argument : counted;
  if (counter.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(counter), counter);
  const writes = variable?.references.filter((reference) => reference.isWrite() && !reference.init) ?? [];
  const decrements = writes.filter(({ identifier }) => {
    const write = identifier.parent;
    return (write?.type === AST_NODE_TYPES.UpdateExpression && write.operator === '--')
      || (write?.type === AST_NODE_TYPES.AssignmentExpression && write.operator === '-=');
  });
  return writes.length > 0 && decrements.length === writes.length ? variable!.defs[0]?.name as TSESTree.Identifier : undefined;
}

/** Where a count of the attempts left starts: `let left = 3`, `let left = tries` of a `{ tries = 5 }` parameter, a `retries = 5` parameter. */
function startOf(context: Context, counter: TSESTree.Identifier): number | undefined {
  const declared = counter.parent;
  if (declared?.type === AST_NODE_TYPES.AssignmentPattern && declared.left === counter) return numberOf(context, declared.right);
  return declared?.type === AST_NODE_TYPES.VariableDeclarator && declared.init ? numberOf(context, declared.init) : undefined;
}

/**
 * A number literal, a `const` initialised with one, one of those plus or minus another (`MAX_TRIES - 1`), or a
 * setting of the instance given its default once in its class (`this.config.retryCount ??= 3`): the count most
 * users run with.
 */
function numberOf(context: Context, node: TSESTree.Node): number | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'number' ? node.value : undefined;
  if (node.type === AST_NODE_TYPES.MemberExpression) return settingDefault(context, node);
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '+' || node.operator === '-')) {
    const left = numberOf(context, node.left);
    const right = numberOf(context, node.right);
    return left === undefined || right === undefined ? undefined : node.operator === '+' ? left + right : left - right;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(node), node)?.defs[0];
  // `{ tries = 5 }` among a function's parameters: the count callers get when they leave it out
  const parameterDefault = definition?.type === 'Parameter' ? definition.name.parent : undefined;
  if (parameterDefault?.type === AST_NODE_TYPES.AssignmentPattern && parameterDefault.left === definition!.name) {
    return parameterDefault.right.type === AST_NODE_TYPES.Literal && typeof parameterDefault.right.value === 'number' ? parameterDefault.right.value : undefined;
  }
  const declarator = definition?.node;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const' || !declarator.init) return undefined;
  // `const { maxRetries = 3 } = options`: the default of an option, the count most callers run with
  const defaulted = definition!.name.parent;
  if (defaulted?.type === AST_NODE_TYPES.AssignmentPattern && defaulted.left === definition!.name) {
    return defaulted.right.type === AST_NODE_TYPES.Literal && typeof defaulted.right.value === 'number' ? defaulted.right.value : undefined;
  }
  return declarator.init.type === AST_NODE_TYPES.Literal && typeof declarator.init.value === 'number' ? declarator.init.value : undefined;
}

/** `this.config.retryCount` whose class writes it once, as `??=` or `||=` a number: that number. */
function settingDefault(context: Context, setting: TSESTree.MemberExpression): number | undefined {
  const text = context.sourceCode.getText(setting);
  if (!text.startsWith('this.')) return undefined;
  let body: TSESTree.Node | undefined = setting.parent;
  while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
  if (!body) return undefined;
  const writes: TSESTree.AssignmentExpression[] = [];
  walk(body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && context.sourceCode.getText(node.left) === text) writes.push(node);
    return true;
  });
  const [write] = writes;
  if (writes.length !== 1 || (write!.operator !== '??=' && write!.operator !== '||=')) return undefined;
  return write!.right.type === AST_NODE_TYPES.Literal && typeof write!.right.value === 'number' ? write!.right.value : undefined;
}

/**
 * Whether an `if` decides how the attempts go on: a branch ends them (`throw`, `return`, `break`), goes round again
 * (`continue`) or holds the next attempt (`again`, a self-call). A count checked only for a side effect
 * (`if (failures > 5) slowDown()`) bounds nothing.
 */
export function decidesAttempts(statement: TSESTree.IfStatement, visitorKeys: TSESLint.SourceCode.VisitorKeys, again?: TSESTree.Node): boolean {
  return [statement.consequent, statement.alternate].some((branch) => {
    if (!branch) return false;
    if (again && contains(branch, again)) return true;
    let found = false;
    walkSameFunction(branch, visitorKeys, (node) => {
      found ||= node.type === AST_NODE_TYPES.ThrowStatement || node.type === AST_NODE_TYPES.ReturnStatement
        || node.type === AST_NODE_TYPES.BreakStatement || node.type === AST_NODE_TYPES.ContinueStatement;
    });
    return found;
  });
}

/** The tests of a loop that bound its attempts: its condition and the conditions in its body that check a count. */
export function attemptTests(context: Context, loop: LoopStatement, counters: ReadonlySet<string>): TSESTree.Node[] {
  const tests: TSESTree.Node[] = [];
  if ('test' in loop && loop.test && boundingTest(context, loop.test, counters) === 'attempts') tests.push(loop.test);
  walkSameFunction(loop.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.IfStatement && !decidesAttempts(node, context.sourceCode.visitorKeys)) return;
    if ((node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) && boundingTest(context, node.test, counters) === 'attempts') {
      tests.push(node.test);
    }
  });
  return tests;
}
