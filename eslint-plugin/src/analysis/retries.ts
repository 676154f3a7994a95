import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName, containsUnreadableWait, findDelays, type Delay } from './delays.js';
import {
  alwaysLeavesLoop,
  contains,
  containsLoopExit,
  enclosingLoop,
  getFileNodes,
  inSameFunction,
  isFunction,
  triesWithin,
  walk,
  walkSameFunction,
  type FunctionNode,
  type LoopStatement,
} from './loops.js';
import { getExternalCalls } from './external-calls.js';
import { findLibraryRetries } from './retry-libraries.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** What stops a retry: a number of attempts, a point in time (or the caller's abort), nothing, or we cannot tell. */
export type RetryBound = 'attempts' | 'deadline' | 'none' | 'unknown';
/** The wait between attempts. */
export type RetryDelay = 'none' | 'constant' | 'growing' | 'unknown';

export interface RetryConstruct {
  readonly kind: 'loop' | 'recursion' | 'library';
  /** The loop, the call that retries, or the library call. */
  readonly node: TSESTree.Node;
  /** Where a finding about the whole retry is shown (a loop's keyword, the library call). */
  readonly loc: TSESTree.SourceLocation;
  /** Names the retry in messages: 'this retry loop', '`fetchUser` calling itself from its catch', 'p-retry'. */
  readonly name: string;
  /** The code run again on every attempt (empty when the library retries requests it makes itself). */
  readonly retried: readonly TSESTree.Node[];
  readonly bound: RetryBound;
  /** The option that removes the bound (`forever: true`), when there is one. */
  readonly boundNode?: TSESTree.Node;
  readonly delay: RetryDelay;
  /** The option or expression that sets the delay, when there is one to point at. */
  readonly delayNode?: TSESTree.Node;
  /** Whether the delay is randomised; undefined when we cannot tell. */
  readonly jitter: boolean | undefined;
  /** A library told to retry POST/PATCH requests (`retry.methods`, an accept-all `retryCondition`). */
  readonly retriesNonIdempotent?: { readonly node: TSESTree.Node; readonly method: string };
}

export type DurationGrowth = 'constant' | 'growing' | 'unknown';

const cache = new WeakMap<TSESTree.Program, readonly RetryConstruct[]>();

/** Every retry in the file (hand-written loops, recursion from a failure, retry libraries), computed once per file. */
export function getRetries(context: Context): readonly RetryConstruct[] {
  const cached = cache.get(context.sourceCode.ast);
  if (cached) return cached;
  const nodes = getFileNodes(context.sourceCode);
  const retries: RetryConstruct[] = [];
  for (const loop of nodes.loops) {
    const retry = analyzeLoop(context, loop);
    if (retry) retries.push(retry);
  }
  retries.push(...findRecursiveRetries(context), ...findInterceptorRetries(context));
  retries.push(...findLibraryRetries(context));
  retries.sort((a, b) => a.node.range[0] - b.node.range[0]);
  cache.set(context.sourceCode.ast, retries);
  return retries;
}

/** Whether this loop is a hand-written retry loop (its iterations are attempts at the same work). */
export function isRetryLoop(context: Context, loop: LoopStatement): boolean {
  return getRetries(context).some((retry) => retry.kind === 'loop' && retry.node === loop);
}

// ---------------------------------------------------------------------------------------------
// Hand-written retry loops

const ATTEMPT_NAME = /attempt|retr|tries|tried|trycount/i;

function analyzeLoop(context: Context, loop: LoopStatement): RetryConstruct | undefined {
  // Iterating a collection tries each item once (or fails over between them): not a retry.
  if (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) return undefined;
  const { visitorKeys } = context.sourceCode;
  const tries = triesWithin(context.sourceCode, loop.body).filter(
    (statement) => statement.handler !== null && inSameFunction(statement, loop) && enclosingLoop(statement) === loop,
  );
  for (const attempt of tries) {
    const handler = attempt.handler!;
    if (!doesIo(context, attempt.block)) continue;
    // A catch that always leaves the loop (rethrows, returns, breaks) never lets it try again.
    if (alwaysLeavesLoop(handler.body, loop) || clearsLoopFlag(handler.body, loop, visitorKeys)) continue;
    if (errorHandlerDecides(context, handler)) continue;
    const successLeaves = alwaysLeavesLoop(attempt.block, loop) || setsLoopCondition(attempt.block, loop, visitorKeys);
    const successMayLeave =
      !successLeaves && containsLoopExit(attempt.block, loop, visitorKeys) && ATTEMPT_NAME.test(loopHeadText(context, loop));
    if (!successLeaves && !successMayLeave) continue;
    if (indexesByLoopCounter(loop, attempt.block, visitorKeys)) continue;
    const delays = findDelays(context, loop.body);
    // Waiting between successful calls too, with no sure exit on success, is polling.
    if (successMayLeave && delays.some((delay) => !contains(handler, delay.node))) continue;

    const counters = findCounters(context, loop);
    const bound = loopBound(context, loop, counters);
    const delay = describeDelays(context, delays, loop.body, counters, loop.body);
    return {
      kind: 'loop',
      node: loop,
      loc: context.sourceCode.getFirstToken(loop)!.loc,
      name: 'this retry loop',
      retried: [loop.body],
      bound,
      delay: delay.growth,
      delayNode: delays[0]?.node,
      jitter: delay.jitter,
    };
  }
  return undefined;
}

/**
 * Whether the attempted code waits on something (an `await`, a `yield`, an external call): retries are about
 * I/O. A loop re-trying `JSON.parse` on a growing buffer is parsing, not retrying.
 */
function doesIo(context: Context, root: TSESTree.Node): boolean {
  return getExternalCalls(context).containsExternalCall(root) || awaitsUnknownWork(context, root, new Set());
}

/**
 * Whether code awaits something not provably local. A call on an unknown receiver (`await this.api.send(x)`) or
 * to an import may be the user's client, so it counts; a function of this file that makes no external call and
 * awaits only such local work (parsing, a sleep helper) does not.
 */
function awaitsUnknownWork(context: Context, root: TSESTree.Node, visiting: Set<TSESTree.Node>): boolean {
  let found = false;
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (found || (node.type !== AST_NODE_TYPES.AwaitExpression && node.type !== AST_NODE_TYPES.YieldExpression) || !node.argument) return;
    const local = localFunctionCalled(context, node.argument);
    if (!local) {
      found = true;
      return;
    }
    if (visiting.has(local)) return;
    visiting.add(local);
    found = getExternalCalls(context).containsExternalCall(local.body) || awaitsUnknownWork(context, local.body, visiting);
  });
  return found;
}

/** The function of this file that `parse(x)` calls, when the callee is a plain name bound once to one. */
function localFunctionCalled(context: Context, expression: TSESTree.Node): FunctionNode | undefined {
  if (expression.type !== AST_NODE_TYPES.CallExpression || expression.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(expression), expression.callee);
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0]!;
  if (definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node.body ? definition.node : undefined;
  if (definition.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.parent.kind !== 'const') return undefined;
  const init = definition.node.init;
  return init && (init.type === AST_NODE_TYPES.ArrowFunctionExpression || init.type === AST_NODE_TYPES.FunctionExpression) ? init : undefined;
}

/**
 * `catch (err) { const handled = await emitError(err); if (!handled) throw err; }`: the loop goes on only when a
 * handler took the error (and queued new work), which is that handler's policy, not a retry of failed work.
 */
function errorHandlerDecides(context: Context, handler: TSESTree.CatchClause): boolean {
  if (handler.param?.type !== AST_NODE_TYPES.Identifier) return false;
  const error = handler.param.name;
  const { visitorKeys } = context.sourceCode;
  const passesError = (root: TSESTree.Node): boolean => {
    let found = false;
    walkSameFunction(root, visitorKeys, (node) => {
      if (
        node.type === AST_NODE_TYPES.CallExpression &&
        node.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === error)
      ) {
        found = true;
      }
    });
    return found;
  };
  const verdicts = new Set<string>();
  for (const statement of handler.body.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init && passesError(declarator.init)) verdicts.add(declarator.id.name);
    }
  }
  return handler.body.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.IfStatement &&
      (statement.consequent.type === AST_NODE_TYPES.ThrowStatement ||
        (statement.consequent.type === AST_NODE_TYPES.BlockStatement && statement.consequent.body.some((inner) => inner.type === AST_NODE_TYPES.ThrowStatement))) &&
      ([...identifierNames(statement.test, visitorKeys)].some((name) => verdicts.has(name)) || passesError(statement.test)),
  );
}

function loopHeadText(context: Context, loop: LoopStatement): string {
  const parts: (TSESTree.Node | null | undefined)[] =
    loop.type === AST_NODE_TYPES.ForStatement ? [loop.init, loop.test, loop.update] : [(loop as TSESTree.WhileStatement).test];
  return parts.map((part) => (part ? context.sourceCode.getText(part) : '')).join(' ');
}

/** `while (!done) { try { ...; done = true } ... }`: success ends the loop through its condition. */
function setsLoopCondition(
  block: TSESTree.BlockStatement,
  loop: LoopStatement,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
): boolean {
  return assignsLoopCondition(block, loop, visitorKeys, () => true);
}

/** `catch { reading = false }` in `while (reading)`: the failure ends the loop through its condition. */
function clearsLoopFlag(block: TSESTree.BlockStatement, loop: LoopStatement, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean {
  return assignsLoopCondition(
    block,
    loop,
    visitorKeys,
    (assignment) => assignment.operator === '=' && assignment.right.type === AST_NODE_TYPES.Literal && typeof assignment.right.value === 'boolean',
  );
}

/** Whether the block (not its nested functions) assigns, as `accepts` says, a variable the loop's condition reads. */
function assignsLoopCondition(
  block: TSESTree.BlockStatement,
  loop: LoopStatement,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
  accepts: (assignment: TSESTree.AssignmentExpression) => boolean,
): boolean {
  const test = 'test' in loop ? loop.test : null;
  if (!test) return false;
  const names = identifierNames(test, visitorKeys);
  let found = false;
  walkSameFunction(block, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier && names.has(node.left.name) && accepts(node)) {
      found = true;
    }
  });
  return found;
}

/** `for (let i = 0; i < urls.length; i++) try { return await get(urls[i]) }`: fails over between items. */
function indexesByLoopCounter(
  loop: LoopStatement,
  block: TSESTree.BlockStatement,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
): boolean {
  if (loop.type !== AST_NODE_TYPES.ForStatement || loop.init?.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  const loopVariables = new Set(
    loop.init.declarations.flatMap((declarator) =>
      declarator.id.type === AST_NODE_TYPES.Identifier ? [declarator.id.name] : [],
    ),
  );
  let found = false;
  walkSameFunction(block, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && node.computed) {
      for (const name of identifierNames(node.property, visitorKeys)) if (loopVariables.has(name)) found = true;
    }
  });
  return found;
}

function identifierNames(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): Set<string> {
  const names = new Set<string>();
  walkSameFunction(root, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier) names.add(node.name);
  });
  return names;
}

/** Texts of the variables and members a loop counts with: updated (`++`, `+=`, `x = x + 1`) in its body or update. */
function findCounters(context: Context, loop: LoopStatement): Set<string> {
  const counters = new Set<string>();
  const roots: TSESTree.Node[] = [loop.body];
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.update) roots.push(loop.update);
  if ('test' in loop && loop.test) roots.push(loop.test);
  for (const root of roots) collectUpdates(context, root, counters);
  return counters;
}

function collectUpdates(context: Context, root: TSESTree.Node, into: Set<string>): void {
  const text = (node: TSESTree.Node): string => context.sourceCode.getText(node);
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.UpdateExpression) into.add(text(node.argument));
    else if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      if (node.operator !== '=') into.add(text(node.left));
      else if (mentions(context, node.right, text(node.left))) into.add(text(node.left));
    }
  });
}

function mentions(context: Context, root: TSESTree.Node, wanted: string): boolean {
  let found = false;
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (
      (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) &&
      context.sourceCode.getText(node) === wanted
    ) {
      found = true;
    }
  });
  return found;
}

type TestKind = 'attempts' | 'deadline' | undefined;

/** Whether a condition checks a count, the clock or an abort signal. */
function boundingTest(context: Context, test: TSESTree.Node, counters: ReadonlySet<string>): TestKind {
  let kind: TestKind;
  walkSameFunction(test, context.sourceCode.visitorKeys, (node) => {
    if (kind === 'deadline') return;
    if (isClockOrAbort(node)) kind = 'deadline';
    else if (node.type === AST_NODE_TYPES.UpdateExpression) kind = 'attempts';
    else if (
      (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) &&
      counters.has(context.sourceCode.getText(node))
    ) {
      kind = 'attempts';
    } else if (node.type === AST_NODE_TYPES.Identifier && initializerReadsClock(context, node)) kind = 'deadline';
  });
  return kind;
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

function propertyName(node: TSESTree.MemberExpression): string | undefined {
  return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
}

/** `const elapsed = Date.now() - start` read later in a condition. */
function initializerReadsClock(context: Context, identifier: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs[0];
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
  let found = false;
  walkSameFunction(definition.node.init, context.sourceCode.visitorKeys, (node) => {
    if (isClockOrAbort(node)) found = true;
  });
  return found;
}

function loopBound(context: Context, loop: LoopStatement, counters: ReadonlySet<string>): RetryBound {
  const test = 'test' in loop ? loop.test : null;
  const fromTest = test ? boundingTest(context, test, counters) : undefined;
  if (fromTest) return fromTest;
  const conditionNames = test ? identifierNames(test, context.sourceCode.visitorKeys) : new Set<string>();
  let bound: TestKind;
  walkSameFunction(loop.body, context.sourceCode.visitorKeys, (node) => {
    if (bound === 'deadline') return;
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      if (propertyName(node.callee) === 'throwIfAborted') bound = 'deadline';
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

// ---------------------------------------------------------------------------------------------
// Delays

interface DelayDescription {
  growth: RetryDelay;
  jitter: boolean | undefined;
}

/**
 * How the delays found in a retry behave across attempts. `varying` holds the texts of what changes between
 * attempts (counters, parameters the retry passes anew); `region` is the code re-run on each attempt.
 */
function describeDelays(
  context: Context,
  delays: readonly Delay[],
  searchRoot: TSESTree.Node,
  varying: ReadonlySet<string>,
  region: TSESTree.Node,
  retryCall?: TSESTree.Node,
): DelayDescription {
  if (delays.length === 0) {
    const unreadable =
      containsUnreadableWait(context, searchRoot) ||
      callsLocalDelayingFunction(context, searchRoot) ||
      handsOnAttempt(context, searchRoot, varying, retryCall);
    return { growth: unreadable ? 'unknown' : 'none', jitter: unreadable ? undefined : false };
  }
  let growth: RetryDelay = 'constant';
  let jitter: boolean | undefined = false;
  let helperMayRandomise = false;
  for (const delay of delays) {
    const kind = delay.namedBackoff ? 'growing' : classifyDuration(context, delay.duration, varying, region);
    if (kind === 'growing') growth = 'growing';
    else if (kind === 'unknown' && growth !== 'growing') growth = 'unknown';
    if (delay.namedJitter || (delay.duration && isRandomised(context, delay.duration, region))) jitter = true;
    if (delay.namedBackoff || (delay.duration && callsHelper(context, delay.duration))) helperMayRandomise = true;
  }
  // A backoff helper (`backoff(attempt)`, `getDelay(n)`) may randomise inside: jitter unknown, not absent.
  if (!jitter && helperMayRandomise) jitter = undefined;
  return { growth, jitter };
}

/** Whether a duration is computed by a function other than the arithmetic ones (`Math.min`, `Math.pow`, ...). */
function callsHelper(context: Context, duration: TSESTree.Node): boolean {
  let found = false;
  walkSameFunction(duration, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = calleeName(node.callee);
    if (!callee || !(PASS_THROUGH_CALLS.has(callee) || callee === 'pow' || callee === 'random')) found = true;
  });
  return found;
}

const GROWTH_CALL = /backoff|exponential|jitter/i;
const PASS_THROUGH_CALLS = new Set(['min', 'max', 'round', 'floor', 'ceil', 'trunc', 'Number', 'parseInt', 'parseFloat', 'abs']);

/**
 * Whether a duration grows across attempts: `2 ** n`, `Math.pow`, `<<`, a counter or a varying value
 * (`delay *= 2`), a backoff helper. Unknown when it comes from a call we cannot read (a Retry-After header).
 */
export function classifyDuration(
  context: Context,
  duration: TSESTree.Node | undefined,
  varying: ReadonlySet<string>,
  region: TSESTree.Node,
  depth = 0,
): DurationGrowth {
  if (!duration) return 'constant';
  let result: DurationGrowth = 'constant';
  const raise = (kind: DurationGrowth): void => {
    if (kind === 'growing' || (kind === 'unknown' && result === 'constant')) result = kind;
  };
  walk(duration, context.sourceCode.visitorKeys, (node) => {
    if (result === 'growing') return false;
    if (isFunction(node)) return false;
    switch (node.type) {
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator === '**' || node.operator === '<<') raise('growing');
        return true;
      case AST_NODE_TYPES.AwaitExpression:
        raise('unknown');
        return false;
      case AST_NODE_TYPES.CallExpression: {
        const callee = calleeName(node.callee);
        if (callee === 'pow' || (callee && GROWTH_CALL.test(callee))) {
          raise('growing');
          return false;
        }
        if (callee === 'random') return false;
        if (callee && PASS_THROUGH_CALLS.has(callee)) {
          node.arguments.forEach((argument) => raise(classifyDuration(context, argument, varying, region, depth + 1)));
          return false;
        }
        // A helper fed the attempt number computes a per-attempt delay; any other helper is unreadable.
        const argumentsVary = node.arguments.some((argument) => classifyDuration(context, argument, varying, region, depth + 1) === 'growing');
        raise(argumentsVary ? 'growing' : 'unknown');
        return false;
      }
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.Identifier: {
        const text = context.sourceCode.getText(node);
        if (varying.has(text)) {
          raise('growing');
          return false;
        }
        if (node.type === AST_NODE_TYPES.Identifier) {
          raise(classifyIdentifier(context, node, varying, region, depth));
          return false;
        }
        // `options.delays[attempt]`: the computed part may vary.
        return node.computed;
      }
      default:
        return true;
    }
  });
  return result;
}

function classifyIdentifier(
  context: Context,
  identifier: TSESTree.Identifier,
  varying: ReadonlySet<string>,
  region: TSESTree.Node,
  depth: number,
): DurationGrowth {
  if (identifier.name === 'undefined' || identifier.name === 'Infinity') return 'constant';
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs[0];
  if (!variable || !definition) return 'constant';
  // Reassigned inside the retried code: it changes between attempts.
  if (variable.references.some((reference) => reference.isWrite() && reference.init !== true && contains(region, reference.identifier))) {
    return 'growing';
  }
  const declarator = definition.node;
  if (declarator.type === AST_NODE_TYPES.VariableDeclarator && contains(region, declarator)) {
    if (depth > 3 || !declarator.init || declarator.id.type !== AST_NODE_TYPES.Identifier) return 'unknown';
    return classifyDuration(context, declarator.init, varying, region, depth + 1);
  }
  // Declared outside the retried code and never changed in it: the same on every attempt.
  return 'constant';
}

/** `Math.random()`, `randomInt(...)`, a jitter helper, in the duration or what it is computed from. */
export function isRandomised(context: Context, duration: TSESTree.Node, region: TSESTree.Node, depth = 0): boolean {
  let found = false;
  walkSameFunction(duration, context.sourceCode.visitorKeys, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = calleeName(node.callee);
      if (callee && /random|jitter/i.test(callee)) found = true;
    } else if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
      if (/jitter/i.test(node.name)) found = true;
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), node);
      const declarator = variable?.defs[0]?.node;
      if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init && declarator.init !== duration) {
        if (isRandomised(context, declarator.init, region, depth + 1)) found = true;
      }
    }
  });
  return found;
}

/**
 * Whether `root` gives the attempt number to a call (`await fn(attempt)`): a generic retry helper whose work
 * may wait on its own, knowing the attempt. Logging it does not count.
 */
function handsOnAttempt(
  context: Context,
  root: TSESTree.Node,
  varying: ReadonlySet<string>,
  retryCall: TSESTree.Node | undefined,
): boolean {
  let found = false;
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression || node === retryCall) return;
    if (/^(console|logger|log)\b/i.test(context.sourceCode.getText(node.callee))) return;
    const data = node.arguments.filter((argument) => !isFunction(argument));
    found = [...varying].some((text) => data.some((argument) => mentions(context, argument, text)));
  });
  return found;
}

/** Whether `root` calls a function of this file that itself waits (`await this.backoffFor(err)`). */
function callsLocalDelayingFunction(context: Context, root: TSESTree.Node): boolean {
  const delaying = delayingFunctionNames(context);
  if (delaying.size === 0) return false;
  let found = false;
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = calleeName(node.callee);
      if (callee && delaying.has(callee)) found = true;
    }
  });
  return found;
}

const delayingNamesCache = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

function delayingFunctionNames(context: Context): ReadonlySet<string> {
  const cached = delayingNamesCache.get(context.sourceCode.ast);
  if (cached) return cached;
  const names = new Set<string>();
  for (const fn of getFileNodes(context.sourceCode).functions) {
    const fnName = functionName(fn);
    if (fnName && (findDelays(context, fn.body).length > 0 || containsUnreadableWait(context, fn.body))) names.add(fnName.name);
  }
  delayingNamesCache.set(context.sourceCode.ast, names);
  return names;
}

// ---------------------------------------------------------------------------------------------
// Recursion from a failure

interface FunctionName {
  readonly name: string;
  /** Called as `this.name(...)` (a method) rather than `name(...)`. */
  readonly method: boolean;
}

function functionName(fn: FunctionNode): FunctionName | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return { name: fn.id.name, method: false };
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    return { name: parent.id.name, method: false };
  }
  if (fn.type === AST_NODE_TYPES.FunctionExpression && fn.id) return { name: fn.id.name, method: false };
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition ||
      parent.type === AST_NODE_TYPES.PropertyDefinition ||
      parent.type === AST_NODE_TYPES.Property) &&
    parent.key.type === AST_NODE_TYPES.Identifier
  ) {
    return { name: parent.key.name, method: true };
  }
  return undefined;
}

function isSelfReference(node: TSESTree.Node, self: FunctionName): boolean {
  if (self.method) {
    return (
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.object.type === AST_NODE_TYPES.ThisExpression &&
      node.property.type === AST_NODE_TYPES.Identifier &&
      node.property.name === self.name
    );
  }
  return node.type === AST_NODE_TYPES.Identifier && node.name === self.name;
}

function isTimerCall(node: TSESTree.Node | undefined): node is TSESTree.CallExpression {
  return (
    node?.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    (node.callee.name === 'setTimeout' || node.callee.name === 'setImmediate')
  );
}

/** Events after which a client typically reconnects. */
const FAILURE_EVENTS = new Set(['error', 'close', 'end', 'disconnect', 'disconnected']);
const ERROR_PARAM = /^(?:err|error|e|ex)$/;

interface FailureHandler {
  readonly handler: TSESTree.Node;
  readonly timer: TSESTree.CallExpression | undefined;
  /** An event listener (reconnect on 'close'/'error'): long-lived by design, so an absent bound is not certain. */
  readonly event: boolean;
}

/**
 * The failure handler a self-call runs from, if any: a catch clause of the function, a callback given to
 * `.catch(...)` / the second argument of `.then(...)`, the `if (err)` branch of an error-first callback, or a
 * listener for 'error'/'close', possibly through a timer (`setTimeout(() => self(), ms)`).
 */
function failureHandler(call: TSESTree.Node, fn: FunctionNode): FailureHandler | undefined {
  let timer: TSESTree.CallExpression | undefined;
  let errorGuard: TSESTree.IfStatement | undefined;
  for (let current: TSESTree.Node | undefined = call.parent, child: TSESTree.Node = call; current && current !== fn; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return inSameFunction(current, fn) ? { handler: current, timer, event: false } : undefined;
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child) errorGuard ??= current;
    if (!isFunction(current)) continue;
    const owner = current.parent;
    if (isTimerCall(owner) && owner.arguments[0] === current && !timer) {
      timer = owner;
      continue;
    }
    // `new Promise((resolve) => setTimeout(() => resolve(self()), ms))`: a wait written out by hand.
    if (
      owner?.type === AST_NODE_TYPES.NewExpression &&
      owner.callee.type === AST_NODE_TYPES.Identifier &&
      owner.callee.name === 'Promise' &&
      owner.arguments[0] === current
    ) {
      continue;
    }
    if (owner?.type !== AST_NODE_TYPES.CallExpression || !inSameFunction(owner, fn)) return undefined;
    const method = owner.callee.type === AST_NODE_TYPES.MemberExpression ? calleeName(owner.callee) : undefined;
    if ((method === 'catch' && owner.arguments[0] === current) || (method === 'then' && owner.arguments[1] === current)) {
      return { handler: current, timer, event: false };
    }
    const eventName = owner.arguments[0]?.type === AST_NODE_TYPES.Literal ? owner.arguments[0].value : undefined;
    if (
      (method === 'on' || method === 'once' || method === 'addEventListener') &&
      typeof eventName === 'string' &&
      FAILURE_EVENTS.has(eventName) &&
      owner.arguments[1] === current
    ) {
      return { handler: current, timer, event: true };
    }
    // `request(url, (err, body) => { if (err) return self(...); ... })`
    const first = current.params[0];
    if (
      errorGuard &&
      first?.type === AST_NODE_TYPES.Identifier &&
      ERROR_PARAM.test(first.name) &&
      contains(current, errorGuard) &&
      /^(?:!\s*)?!?\s*(\w+)/.exec(sourceText(errorGuard.test))?.[1] === first.name &&
      owner.arguments.includes(current as TSESTree.CallExpressionArgument)
    ) {
      return { handler: current, timer, event: false };
    }
    return undefined;
  }
  return undefined;
}

/** The source of a small node, rebuilt from its range (no context at hand). */
function sourceText(node: TSESTree.Node): string {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return `!${sourceText(node.argument)}`;
  if (node.type === AST_NODE_TYPES.BinaryExpression) return sourceText(node.left);
  return '';
}

/**
 * Functions that call themselves again from a failure handler. Starts from the calls (each walks up to the
 * function it names), so the cost stays linear in the file rather than in its nesting.
 */
function findRecursiveRetries(context: Context): RetryConstruct[] {
  const found: RetryConstruct[] = [];
  const seen = new Set<FunctionNode>();
  for (const call of getFileNodes(context.sourceCode).calls) {
    // `retry(...)` itself, or `setTimeout(connect, 1000)` from a catch.
    const target = isTimerCall(call) && call.arguments[0] ? call.arguments[0] : call.callee;
    const name = target.type === AST_NODE_TYPES.Identifier ? target.name : target.type === AST_NODE_TYPES.MemberExpression ? calleeName(target) : undefined;
    if (!name) continue;
    const fn = namedEnclosingFunction(call, name);
    if (!fn || seen.has(fn)) continue;
    const self = functionName(fn)!;
    if (!isSelfReference(target, self)) continue;
    const from = failureHandler(call, fn);
    if (!from) continue;
    if (from.handler.type === AST_NODE_TYPES.CatchClause && !doesIo(context, from.handler.parent.block)) continue;
    if (switchesMode(fn, call) || advancesCursor(context, fn, call)) continue;
    const timerDuration = from.timer ? from.timer.arguments[1] : target !== call.callee ? call.arguments[1] : undefined;
    seen.add(fn);
    const retry = describeRecursion(context, fn, self, call, from.handler, timerDuration);
    if (retry.bound === 'attempts' && refreshesCredentials(context, call, from.handler)) continue;
    found.push(from.event && retry.bound === 'none' ? { ...retry, bound: 'unknown' } : retry);
  }
  return found;
}

/** The nearest enclosing function named `name` (the one a call of that name refers to), if any. */
function namedEnclosingFunction(node: TSESTree.Node, name: string): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) && functionName(current)?.name === name) return current;
  }
  return undefined;
}

function describeRecursion(
  context: Context,
  fn: FunctionNode,
  self: FunctionName,
  selfCall: TSESTree.CallExpression,
  handler: TSESTree.Node,
  timerDuration: TSESTree.Node | undefined,
): RetryConstruct {
  const { visitorKeys } = context.sourceCode;
  const varying = new Set<string>();
  const args = selfCall.callee.type === AST_NODE_TYPES.Identifier && isTimerCallOf(selfCall, self) ? [] : selfCall.arguments;
  let spread = false;
  fn.params.forEach((param, index) => {
    const argument = args[index];
    if (param.type !== AST_NODE_TYPES.Identifier && param.type !== AST_NODE_TYPES.AssignmentPattern) return;
    const paramName =
      param.type === AST_NODE_TYPES.Identifier ? param.name : param.left.type === AST_NODE_TYPES.Identifier ? param.left.name : undefined;
    if (!paramName || !argument) return;
    if (argument.type === AST_NODE_TYPES.SpreadElement) spread = true;
    else if (argument.type !== AST_NODE_TYPES.Identifier || argument.name !== paramName) varying.add(paramName);
  });
  // Values computed anew for the next call, also inside an options object: `{ ...arg, retry: retry + 1 }`.
  for (const argument of args) {
    walkSameFunction(argument, visitorKeys, (node) => {
      const arithmetic =
        node.type === AST_NODE_TYPES.UpdateExpression ||
        (node.type === AST_NODE_TYPES.BinaryExpression && ['+', '-', '*'].includes(node.operator));
      if (arithmetic) identifierNames(node, visitorKeys).forEach((name) => varying.add(name));
    });
  }
  // Counters kept outside the call (`this.attempts++`, a module-level count).
  collectUpdates(context, fn.body, varying);
  if (handler.type !== AST_NODE_TYPES.CatchClause) collectUpdates(context, handler, varying);

  const delays = [...findDelays(context, fn.body), ...(isFunction(handler) ? findDelays(context, handler.body) : [])];
  let description = describeDelays(context, delays, fn.body, varying, fn.body, selfCall);
  if (timerDuration !== undefined || (isTimerCall(selfCall) && selfCall.arguments.length < 2)) {
    const growth = classifyDuration(context, timerDuration, varying, fn.body);
    const timerJitter = timerDuration ? isRandomised(context, timerDuration, fn.body) : false;
    description =
      delays.length === 0
        ? { growth, jitter: timerJitter }
        : { growth: growth === 'growing' || description.growth === 'growing' ? 'growing' : description.growth, jitter: timerJitter || description.jitter };
  }

  let bound: TestKind;
  const inspect = (root: TSESTree.Node): void =>
    walkSameFunction(root, visitorKeys, (node) => {
      if (bound === 'deadline') return;
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(node.callee) === 'throwIfAborted') {
        bound = 'deadline';
      }
      if (
        node.type === AST_NODE_TYPES.IfStatement ||
        node.type === AST_NODE_TYPES.ConditionalExpression ||
        node.type === AST_NODE_TYPES.LogicalExpression
      ) {
        const kind = boundingTest(context, node.type === AST_NODE_TYPES.LogicalExpression ? node.left : node.test, varying);
        if (kind) bound = bound === 'attempts' && kind === 'attempts' ? bound : kind;
      }
    });
  inspect(fn.body);
  if (isFunction(handler)) inspect(handler.body);
  return {
    kind: 'recursion',
    node: selfCall,
    loc: selfCall.loc,
    name: `\`${self.name}\` (retrying by calling itself)`,
    retried: [fn.body],
    bound: spread && !bound ? 'unknown' : bound ?? 'none',
    delay: description.growth,
    delayNode: delays[0]?.node ?? (timerDuration ? selfCall : undefined),
    jitter: description.jitter,
  };
}

/**
 * `download(node, 'reload')`, `request(options, true)`: calling itself once more with a fixed value in place of
 * a parameter is a second, different try (bypass the cache, after re-authenticating), not a retry loop.
 */
function switchesMode(fn: FunctionNode, selfCall: TSESTree.CallExpression): boolean {
  return fn.params.some((param, index) => {
    const argument = selfCall.arguments[index];
    const named = param.type === AST_NODE_TYPES.Identifier || param.type === AST_NODE_TYPES.AssignmentPattern;
    return named && argument?.type === AST_NODE_TYPES.Literal && argument.value !== null;
  });
}

/**
 * `next(index + 1)`, `upload(rest.slice(1))`, `send(queue.shift())`: a self-call that moves to the next item
 * goes on with the work, it does not try the failed item again.
 */
function advancesCursor(context: Context, fn: FunctionNode, selfCall: TSESTree.CallExpression): boolean {
  const { visitorKeys } = context.sourceCode;
  const indexNames = new Set<string>();
  walkSameFunction(fn.body, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
      indexNames.add(node.property.name);
    }
  });
  return selfCall.arguments.some((argument, position) => {
    if (argument.type === AST_NODE_TYPES.CallExpression && argument.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(argument.callee);
      // `items.slice()` with no start copies the same items.
      return method === 'shift' || ((method === 'slice' || method === 'subarray') && argument.arguments.length > 0);
    }
    const param = fn.params[position];
    const paramName = param?.type === AST_NODE_TYPES.Identifier ? param.name : param?.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier ? param.left.name : undefined;
    return (
      argument.type === AST_NODE_TYPES.BinaryExpression &&
      argument.operator === '+' &&
      argument.left.type === AST_NODE_TYPES.Identifier &&
      argument.left.name === paramName &&
      indexNames.has(paramName) &&
      // `DELAYS[attempt]` picks a wait: the attempt counter of a retry, not a cursor.
      !ATTEMPT_NAME.test(paramName)
    );
  });
}

const AUTH_FAILURE = /\b(?:401|403)\b|unauthori[sz]ed|forbidden/i;

/**
 * `if (status === 401 && tries < MAX) { await refreshToken(); return self(...args, tries + 1) }`: re-sending once
 * after renewing expired credentials fixes the cause of the failure; waiting first would only add latency.
 */
function refreshesCredentials(context: Context, selfCall: TSESTree.CallExpression, handler: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = selfCall.parent; current && current !== handler; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.IfStatement || !AUTH_FAILURE.test(context.sourceCode.getText(current.test))) continue;
    if (!hasSmallLimit(context, current.test)) return false;
    let refreshes = false;
    walkSameFunction(current.consequent, context.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && node !== selfCall && node.range[1] <= selfCall.range[0]) refreshes = true;
    });
    return refreshes;
  }
  return false;
}

/** `tries < 1`, `retryCount < MAX_AUTH_RETRIES` (a constant of at most 2): a re-send or two, not a loop. */
function hasSmallLimit(context: Context, test: TSESTree.Node): boolean {
  const numberOf = (node: TSESTree.Node): number | undefined => {
    if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'number' ? node.value : undefined;
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const definition = ASTUtils.findVariable(context.sourceCode.getScope(node), node)?.defs[0];
    const declaration = definition?.node;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclarator || declaration.parent.kind !== 'const' || !declaration.init) return undefined;
    return declaration.init.type === AST_NODE_TYPES.Literal && typeof declaration.init.value === 'number' ? declaration.init.value : undefined;
  };
  let small = false;
  walkSameFunction(test, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.BinaryExpression || !['<', '<=', '>', '>='].includes(node.operator)) return;
    const limit = numberOf(node.right) ?? numberOf(node.left);
    if (limit !== undefined && limit <= 2) small = true;
  });
  return small;
}

function isTimerCallOf(call: TSESTree.CallExpression, self: FunctionName): boolean {
  return isTimerCall(call) && call.arguments[0] !== undefined && isSelfReference(call.arguments[0], self);
}

// ---------------------------------------------------------------------------------------------
// axios response interceptors that re-send the failed request

/**
 * `client.interceptors.response.use(ok, (error) => client(error.config))`: a rejection handler that sends the
 * failed request again. A handler that marks the request (`config._retry = true`) and re-sends it once, as after
 * refreshing a token, is a second try, not a retry loop.
 */
function findInterceptorRetries(context: Context): RetryConstruct[] {
  const found: RetryConstruct[] = [];
  const text = (node: TSESTree.Node): string => context.sourceCode.getText(node).replace(/\s+/g, '');
  for (const call of getFileNodes(context.sourceCode).calls) {
    if (call.callee.type !== AST_NODE_TYPES.MemberExpression || !text(call.callee).endsWith('interceptors.response.use')) continue;
    const handler = call.arguments[1];
    if (!handler || !isFunction(handler) || handler.params[0]?.type !== AST_NODE_TYPES.Identifier) continue;
    const configTexts = new Set([`${handler.params[0].name}.config`]);
    let resend: TSESTree.CallExpression | undefined;
    let marksOnce = false;
    walkSameFunction(handler.body, context.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && configTexts.has(text(node.init)) && node.id.type === AST_NODE_TYPES.Identifier) {
        configTexts.add(node.id.name);
      } else if (node.type === AST_NODE_TYPES.CallExpression && !resend) {
        if (node.arguments.some((argument) => configTexts.has(text(argument)))) resend = node;
      } else if (
        node.type === AST_NODE_TYPES.AssignmentExpression &&
        node.right.type === AST_NODE_TYPES.Literal &&
        node.right.value === true &&
        node.left.type === AST_NODE_TYPES.MemberExpression &&
        configTexts.has(text(node.left.object))
      ) {
        marksOnce = true;
      }
    });
    if (!resend || marksOnce) continue;
    const counters = new Set<string>();
    collectUpdates(context, handler.body, counters);
    let bound: TestKind;
    walkSameFunction(handler.body, context.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) {
        bound ??= boundingTest(context, node.test, counters);
      }
    });
    const delay = describeDelays(context, findDelays(context, handler.body), handler.body, counters, handler.body, resend);
    const checksMethod = /\bmethod\b/.test(context.sourceCode.getText(handler.body));
    found.push({
      kind: 'recursion',
      node: resend,
      loc: resend.loc,
      name: 'this axios interceptor (re-sending the failed request)',
      retried: [],
      bound: bound ?? 'none',
      delay: delay.growth,
      delayNode: undefined,
      jitter: delay.jitter,
      retriesNonIdempotent: checksMethod ? undefined : { node: resend, method: 'POST' },
    });
  }
  return found;
}
