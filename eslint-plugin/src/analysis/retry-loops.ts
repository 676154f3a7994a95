import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asDelay, calleeName, findDelays, type Delay } from './delays.js';
import { getExternalCalls } from './external-calls.js';
import { staticPropertyName } from './member-syntax.js';
import {
  alwaysLeavesLoop,
  contains,
  containsLoopExit,
  enclosingFunction,
  enclosingLoop,
  functionName,
  inSameFunction,
  isFunction,
  triesWithin,
  walkSameFunction,
  type FunctionNode,
  type LoopStatement,
} from './loops.js';
import { attemptTests, comparedLimit, findCounters, identifierNames, loopBound } from './retry-bounds.js';
import { lastStatement } from './syntax.js';
import { callsOnlyLoopback, catchFallsThrough, goesRoundOnFailure, loopCause, loopPaths, pollsByShape, type RetryCause } from './retry-causes.js';
import { callsHandedCodeLoader, loadsCode } from './handed-loaders.js';
import { runsOnlyOwnCodeLocally, touchesOnlyThisMachine } from './local-work.js';
import { asksTheUser } from './prompts.js';
import { waitsForPersonInWindow } from './popup-waits.js';
import { triesUpsertOnceMore } from './write-conflicts.js';
import { causeNamedByCallers } from './caller-named-errors.js';
import { describeDelays } from './retry-delays.js';
import { longPollsAgain } from './long-polls.js';
import { callersRetryFailures } from './caller-intervals.js';
import type { RetryBound, RetryConstruct, RetryDelay } from './retries.js';
import { inFailingStatusBranch } from './status-retries.js';
import { restartsHandedSaga } from './saga-supervisors.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Hand-written retry loops: a loop around a try whose catch lets it go round again after a failure. */

export const ATTEMPT_NAME = /attempt|retr|tries|tried|trycount/i;
/** A predicate choosing which failures are tried again: `shouldRetry`, `isRetryable`, `retryCheck`, `isTransient`. */
const RETRY_PREDICATE = /retr[yi]|transient|recoverable/i;
/** Calls that only turn an error into text (`String(error)`): a flag read from that text decides nothing about the error. */
const ERROR_FORMATTERS = new Set(['String', 'JSON.stringify', 'inspect', 'util.inspect']);
/** A type guard that only says what kind of error it is (`axios.isAxiosError(err)`, `isHttpError(err)`): it decides nothing. */
const ERROR_TYPE_GUARD = /^is\w*Error$/;

const LOOP_NAMES: Record<RetryCause, string> = {
  failure: 'this retry loop',
  'not-ready': 'this polling loop',
  conflict: 'this loop (trying again after another writer got there first)',
  'rate-limited': 'this retry loop',
  reauthenticated: 'this loop (re-sending after renewing the credentials)',
};

export function analyzeLoop(context: Context, loop: LoopStatement): RetryConstruct | undefined {
  // Iterating a collection tries each item once (or fails over between them): not a retry.
  if (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) return undefined;
  const { visitorKeys } = context.sourceCode;
  const tries = triesWithin(context.sourceCode, loop.body).filter(
    (statement) => statement.handler !== null && inSameFunction(statement, loop) && enclosingLoop(statement) === loop,
  );
  let asks: boolean | undefined;
  for (const attempt of tries) {
    const handler = attempt.handler!;
    if (!doesIo(context, attempt.block)) continue;
    // A catch that always leaves the loop (rethrows, returns, breaks) never lets it try again.
    if (alwaysLeavesLoop(handler.body, loop) || clearsLoopFlag(handler.body, loop, visitorKeys)) continue;
    if (errorHandlerDecides(context, handler)) continue;
    const successLeaves =
      alwaysLeavesLoop(attempt.block, loop) || setsLoopCondition(attempt.block, loop, visitorKeys) || leavesAfterTry(context, attempt, loop);
    const successMayLeave =
      !successLeaves && containsLoopExit(attempt.block, loop, visitorKeys) && ATTEMPT_NAME.test(loopHeadText(context, loop));
    if (!successLeaves && !successMayLeave) continue;
    if (indexesByLoopCounter(loop, attempt, visitorKeys) || picksAnotherServer(context, loop, attempt) || walksOn(context, loop, attempt)) continue;
    if (restartsHandedSaga(context, attempt.block)) continue;
    const delays = findDelays(context, loop.body);
    // Waiting between successful calls too, with no sure exit on success, is polling: an exit by a counted loop's
    // `break`, or by a loop condition set from the answer (`healthy = await check()`, waiting in the try when not).
    // (a wait in the branch a failing status takes is a retry's: `if (res.status >= 500) { await sleep(ms); continue }`)
    if (successMayLeave && delays.some((delay) => !contains(handler, delay.node) && !inFailingStatusBranch(context, delay.node, loop))) continue;
    const counters = findCounters(context, loop);
    const reason = loopCause(context, handler, loop, loop.body, counters);
    // (unless the catch goes round only on a "not there yet" error: `do { try { await pause(); result = await get() }
    // catch (e) { if (!(e instanceof NotFound)) throw e } } while (!result)` polls for the result, and is judged so)
    if (exitsOnlyByAnswer(context, attempt, loop) && delays.some((delay) => contains(attempt.block, delay.node)) && reason !== 'not-ready') continue;

    // Asking the person again after an invalid answer, or waiting for them to finish in a window the page opened: they
    // decide each try (asked last, it walks called functions).
    if ((asks ??= asksTheUser(context, loop.body) || waitsForPersonInWindow(context, loop))) return undefined;
    if (reason === 'remediated' || reason === 'next-item') continue;
    const bound = loopBound(context, loop, counters, handler);
    const attemptLimit = bound === 'attempts' ? comparedLimit(context, attemptTests(context, loop, counters), counters) : undefined;
    const delay = describeDelays(context, delays, loop.body, counters, loop.body);
    // a long-poll asking again at once is paced by how long the server held each request
    const longPoll = delay.growth === 'none' && (reason === 'failure' || reason === 'not-ready') && longPollsAgain(context, attempt.block, handler, loop);
    const growth = longPoll ? 'unknown' : delay.growth === 'constant' && intervalChosenByCaller(context, loop, delays) ? 'unknown' : delay.growth;
    const cause = longPoll ? 'not-ready' : reason !== 'failure' ? reason
      : triesUpsertOnceMore(context, attempt.block, attemptLimit) ? 'conflict'
        : causeNamedByCallers(context, handler, loop) ?? (waitsForState(context, handler, loop, attempt.block, bound, growth) ? 'not-ready' : reason);
    return {
      kind: 'loop',
      node: loop,
      loc: context.sourceCode.getFirstToken(loop)!.loc,
      name: LOOP_NAMES[cause],
      ...(cause === 'failure' ? {} : { cause }),
      retried: [loop.body],
      bound,
      ...(bound === 'attempts' ? { attemptLimit } : {}),
      delay: growth,
      delayNode: delays[0]?.node,
      jitter: delay.jitter,
      ...(delay.serverPaced || longPoll ? { serverPaced: true } : {}),
      ...(runsOnlyOwnCodeLocally(context, attempt.block) ? { ownCodeOnly: true as const } : {}),
    };
  }
  return undefined;
}

/**
 * Whether a loop that goes round after any failure is waiting for a state rather than retrying a failing
 * dependency: it asks a local server within one deadline, or it waits a fixed interval and either ends at a
 * deadline or a stop signal, sits in a function named for waiting (`awaitSchemaCreation`), or asks only this
 * machine (a child process, a file, a loopback address) — unless a way round names a failure of a struggling
 * dependency (a 5xx, a timeout, a 429).
 */
function waitsForState(
  context: Context,
  handler: TSESTree.CatchClause,
  loop: LoopStatement,
  attempt: TSESTree.BlockStatement,
  bound: RetryBound,
  growth: RetryDelay,
): boolean {
  if (bound === 'deadline' && callsOnlyLoopback(context, attempt)) return true;
  if (growth !== 'constant') return false;
  const paths = loopPaths(handler, loop, context.sourceCode.visitorKeys);
  const namesFailure = paths !== undefined && goesRoundOnFailure(context, paths);
  if (namesFailure) return false;
  const fn = enclosingFunction(loop);
  return pollsByShape(bound, growth, namesFailure, fn && functionName(fn)?.name) || touchesOnlyThisMachine(context, attempt);
}

/**
 * `retryAsync(fn, { retries, retryIntervalMs })`: a generic helper that runs work it was handed and waits an interval
 * its caller chose. A fixed interval is right when the caller polls and wrong when it retries a failing service;
 * the helper alone cannot tell which, so its wait is unknown here rather than constant, unless a caller in view
 * hands it a request that fails rather than a poll (`callersRetryFailures`).
 */
function intervalChosenByCaller(context: Context, loop: LoopStatement, delays: readonly Delay[]): boolean {
  const fn = enclosingFunction(loop);
  if (!fn || delays.length === 0) return false;
  const isParameter = (node: TSESTree.Node): boolean => {
    let root = node;
    while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const definition = ASTUtils.findVariable(context.sourceCode.getScope(root), root)?.defs[0];
    return definition?.type === 'Parameter' && definition.node === fn;
  };
  let handedWork: string | undefined;
  walkSameFunction(loop.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && isParameter(node.callee)) handedWork = node.callee.name;
  });
  return handedWork !== undefined && delays.every((delay) => delay.duration !== undefined && isParameter(delay.duration))
    && !callersRetryFailures(context, fn, handedWork);
}

/**
 * Whether the attempted code waits on something (an `await`, a `yield`, an external call): retries are about
 * I/O. A loop re-trying `JSON.parse` on a growing buffer is parsing, not retrying.
 */
export function doesIo(context: Context, root: TSESTree.Node): boolean {
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
    // `await import('./ReportPage')`, or `await loader()` handed such a function: loading the program's own code (a
    // lazy chunk, a plugin) fails when the chunk is gone after a deploy, not because a dependency is overloaded
    if (loadsCode(node.argument) || callsHandedCodeLoader(context.sourceCode, context.physicalFilename, node.argument)) return;
    // `await sleep(300)` with `sleep` from another module of the project: a wait, whose helper only waits (delays.ts)
    if (asDelay(context, node.argument)) return;
    const local = localFunctionCalled(context, node.argument);
    if (!local || handsOnWork(context, local, node.argument as TSESTree.CallExpression, visiting)) {
      found = true;
      return;
    }
    if (visiting.has(local)) return;
    visiting.add(local);
    found = getExternalCalls(context).containsExternalCall(local.body) || awaitsUnknownWork(context, local.body, visiting);
  });
  return found;
}

/**
 * `await withTimeout(client.send(command), 5_000)`, `await withTimeout(() => api.get(id), 5_000)`: a local helper
 * handed a request (or a function making one, or a variable holding one) waits on that request.
 */
function handsOnWork(context: Context, helper: FunctionNode, call: TSESTree.CallExpression, visiting: Set<TSESTree.Node>): boolean {
  const waited = waitedParameters(context, helper);
  return call.arguments.some((argument, index) => {
    if (!waited.has(index)) return false;
    const value = argument.type === AST_NODE_TYPES.Identifier ? constValue(context, argument) ?? argument : argument;
    if (isFunction(value)) return getExternalCalls(context).containsExternalCall(value.body) || awaitsUnknownWork(context, value.body, visiting);
    return value.type === AST_NODE_TYPES.CallExpression && (getExternalCalls(context).containsExternalCall(value) || !localFunctionCalled(context, value));
  });
}

/** The parameters a helper waits on: awaited, raced, chained with `.then`, or called. */
function waitedParameters(context: Context, helper: FunctionNode): Set<number> {
  const names = helper.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : undefined));
  const waited = new Set<number>();
  walkSameFunction(helper.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.Identifier || !node.parent) return;
    const index = names.indexOf(node.name);
    if (index < 0) return;
    const parent = node.parent;
    if (
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node) ||
      (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node && ['then', 'finally', 'catch'].includes(calleeName(parent) ?? '')) ||
      (parent.type === AST_NODE_TYPES.ArrayExpression && parent.parent.type === AST_NODE_TYPES.CallExpression && /^Promise\.(?:race|all|any|allSettled)$/.test(context.sourceCode.getText(parent.parent.callee)))
    ) {
      waited.add(index);
    }
  });
  return waited;
}

function constValue(context: Context, identifier: TSESTree.Identifier): TSESTree.Node | undefined {
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier)?.defs[0];
  return definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.parent.kind === 'const'
    ? definition.node.init ?? undefined
    : undefined;
}

/** The function of this file that `parse(x)` calls, when the callee is a plain name bound once to one. */
function localFunctionCalled(context: Context, expression: TSESTree.Node): FunctionNode | undefined {
  if (expression.type !== AST_NODE_TYPES.CallExpression || expression.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(expression), expression.callee);
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0]!;
  // A parameter's definition node is its function: `await fn()` in a retry helper runs work it was handed.
  if (definition.type === 'Parameter') return undefined;
  if (definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node.body ? definition.node : undefined;
  if (definition.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.parent.kind !== 'const') return undefined;
  const init = definition.node.init;
  return init && (init.type === AST_NODE_TYPES.ArrowFunctionExpression || init.type === AST_NODE_TYPES.FunctionExpression) ? init : undefined;
}

/** `process.exit(1)`, alone or ending a block: the program stops there. */
function exitsProcess(statement: TSESTree.Statement): boolean {
  const last = lastStatement(statement);
  const call = last?.type === AST_NODE_TYPES.ExpressionStatement ? last.expression : undefined;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression
    && call.callee.object.type === AST_NODE_TYPES.Identifier && call.callee.object.name === 'process' && staticPropertyName(call.callee) === 'exit';
}

/**
 * `catch (err) { const handled = await emitError(err); if (!handled) throw err; }`: the loop goes on only when a
 * handler took the error (and queued new work, or renewed the credentials a command runs with: `const again = await
 * onError(err); if (!again) process.exit(1)`), which is that handler's policy, not a retry of failed work. A
 * predicate named for the retry (`if (!options.shouldRetry(err)) throw err`, `isTransient(err)`) only chooses which
 * failures are tried again: the loop is still a retry.
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
        !RETRY_PREDICATE.test(calleeName(node.callee) ?? '') &&
        !ERROR_TYPE_GUARD.test(calleeName(node.callee) ?? '') &&
        !ERROR_FORMATTERS.has(context.sourceCode.getText(node.callee)) &&
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
        (statement.consequent.type === AST_NODE_TYPES.BlockStatement && statement.consequent.body.some((inner) => inner.type === AST_NODE_TYPES.ThrowStatement))
        || exitsProcess(statement.consequent)) &&
      ([...identifierNames(statement.test, visitorKeys)].some((name) => verdicts.has(name)) || passesError(statement.test)),
  );
}

function loopHeadText(context: Context, loop: LoopStatement): string {
  const parts: (TSESTree.Node | null | undefined)[] =
    loop.type === AST_NODE_TYPES.ForStatement ? [loop.init, loop.test, loop.update] : [(loop as TSESTree.WhileStatement).test];
  return parts.map((part) => (part ? context.sourceCode.getText(part) : '')).join(' ');
}

/**
 * `for (...) { try { res = await call() } catch { continue } return res }`: success leaves after the try, by a
 * statement of the loop's body that always leaves (the catch never reaches it) or that leaves on what the try set
 * (`if (res) return res`).
 */
function leavesAfterTry(context: Context, attempt: TSESTree.TryStatement, loop: LoopStatement): boolean {
  const body = attempt.parent;
  if (body?.type !== AST_NODE_TYPES.BlockStatement || body.parent !== loop) return false;
  const { visitorKeys } = context.sourceCode;
  const assigned = assignedNames(attempt.block, visitorKeys);
  const fallsThrough = catchFallsThrough(attempt.handler!, loop, visitorKeys);
  for (const statement of body.body.slice(body.body.indexOf(attempt) + 1)) {
    if (alwaysLeavesLoop(statement, loop)) return !fallsThrough;
    if (
      statement.type === AST_NODE_TYPES.IfStatement &&
      alwaysLeavesLoop(statement.consequent, loop) &&
      [...identifierNames(statement.test, visitorKeys)].some((name) => assigned.has(name))
    ) {
      return true;
    }
    if (containsLoopExit(statement, loop, visitorKeys)) return false;
  }
  return false;
}

function assignedNames(root: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): Set<string> {
  const names = new Set<string>();
  walkSameFunction(root, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier) names.add(node.left.name);
  });
  return names;
}

/** `while (!done) { try { ...; done = true } ... }`: success ends the loop through its condition. */
function setsLoopCondition(
  block: TSESTree.BlockStatement,
  loop: LoopStatement,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
): boolean {
  return assignsLoopCondition(block, loop, visitorKeys, () => true);
}

/**
 * `while (!healthy) { try { healthy = await check(); if (!healthy) await wait(1000); } ... }`: success ends the loop
 * only when the answer says so, through a loop condition set from it (never to a constant), and nothing else leaves.
 */
function exitsOnlyByAnswer(context: Context, attempt: TSESTree.TryStatement, loop: LoopStatement): boolean {
  const { visitorKeys } = context.sourceCode;
  const isConstant = (assignment: TSESTree.AssignmentExpression): boolean => assignment.right.type === AST_NODE_TYPES.Literal;
  return !alwaysLeavesLoop(attempt.block, loop) && !containsLoopExit(attempt.block, loop, visitorKeys)
    && assignsLoopCondition(attempt.block, loop, visitorKeys, (assignment) => !isConstant(assignment))
    && !assignsLoopCondition(attempt.block, loop, visitorKeys, isConstant);
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

/**
 * `for (let i = 0; i < urls.length; i++) try { return await get(urls[i]) }`, or `const baseUrl = baseUrls[i]`
 * before the try: each attempt takes another item, failing over between them. A list of waits read by the
 * counter (`DELAYS[attempt]`) picks a delay, and the catch's own reads are not what is attempted.
 */
function indexesByLoopCounter(
  loop: LoopStatement,
  attempt: TSESTree.TryStatement,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
): boolean {
  if (loop.type !== AST_NODE_TYPES.ForStatement || loop.init?.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  const loopVariables = new Set(
    loop.init.declarations.flatMap((declarator) =>
      declarator.id.type === AST_NODE_TYPES.Identifier ? [declarator.id.name] : [],
    ),
  );
  let found = false;
  walkSameFunction(loop.body, visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.MemberExpression || !node.computed || (attempt.handler && contains(attempt.handler, node))) return;
    if (DELAY_LIST.test(identifierText(node.object))) return;
    for (const name of identifierNames(node.property, visitorKeys)) if (loopVariables.has(name)) found = true;
  });
  return found;
}

const DELAY_LIST = /delay|backoff|wait|interval|timeout|sleep|schedule/i;

/** `getNextNode(id)`, `pickHost()`, `nextEndpoint()`: a call that chooses which server the next request goes to. */
const NEXT_SERVER = /^#?(?:get|take)?(?:next|pick|select|choose)\w*(?:node|host|server|endpoint|url|replica|peer|upstream|backend)s?$/i;

/**
 * `const node = this.getNextNode(requestId)` before the try, and the attempt sends to `node`: each attempt goes to
 * another server of a cluster (fails over round its nodes), as a loop indexing a list of URLs does; nothing is sent
 * again to the server that has just failed.
 */
function picksAnotherServer(context: Context, loop: LoopStatement, attempt: TSESTree.TryStatement): boolean {
  const body = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [];
  return body.slice(0, body.indexOf(attempt)).some((statement) => statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.some((declarator) => {
    const init = declarator.init?.type === AST_NODE_TYPES.AwaitExpression ? declarator.init.argument : declarator.init;
    const name = init?.type === AST_NODE_TYPES.CallExpression ? calleeName(init.callee) : undefined;
    return name !== undefined && NEXT_SERVER.test(name) && declarator.id.type === AST_NODE_TYPES.Identifier
      && identifierNames(attempt.block, context.sourceCode.visitorKeys).has(declarator.id.name);
  }));
}

/**
 * `for (;;) { try { await fsp.stat(dir); break; } catch { ... } dir = path.dirname(dir); }`: each round asks about
 * the next item of a walk (a parent folder, `node = node.parent`), derived from the one before; nothing that failed
 * is asked again (the Anthropic SDK's `makeDirAndAncestors`). An assignment in the loop, outside the catch, of a value the attempt reads, computed from itself
 * (directly or through a `const` of the loop) by a call other than arithmetic or by a property.
 */
function walksOn(context: Context, loop: LoopStatement, attempt: TSESTree.TryStatement): boolean {
  const { visitorKeys } = context.sourceCode;
  const read = identifierNames(attempt.block, visitorKeys);
  let found = false;
  walkSameFunction(loop.body, visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=' || node.left.type !== AST_NODE_TYPES.Identifier) return;
    if ((attempt.handler && contains(attempt.handler, node)) || !read.has(node.left.name)) return;
    const value = loopConstant(context, loop, node.right) ?? node.right;
    const stepsFrom = value.type === AST_NODE_TYPES.MemberExpression
      || (value.type === AST_NODE_TYPES.CallExpression && !ARITHMETIC_CALLEE.test(context.sourceCode.getText(value.callee)));
    if (stepsFrom && identifierNames(value, visitorKeys).has(node.left.name)) found = true;
  });
  return found;
}

const ARITHMETIC_CALLEE = /^(?:Math\.\w+|Number|parseInt|parseFloat)$/;

/** The initial value of a `const` declared in the loop's body that `node` names. */
function loopConstant(context: Context, loop: LoopStatement, node: TSESTree.Node): TSESTree.Expression | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declarator = ASTUtils.findVariable(context.sourceCode.getScope(node), node)?.defs[0]?.node;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.parent.kind === 'const' && declarator.init && contains(loop.body, declarator)
    ? declarator.init
    : undefined;
}

function identifierText(node: TSESTree.Node): string {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) return staticPropertyName(node) ?? '';
  return '';
}
