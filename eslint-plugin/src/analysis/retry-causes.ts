import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { getExternalCalls } from './external-calls.js';
import { alwaysLeavesLoop, contains, enclosingLoop, isFunction, isLoop, sameFileFunction, walk, walkSameFunction, type LoopStatement } from './loops.js';
import { identifierNames } from './retry-bounds.js';
import { workHandedToParameter } from './retry-helpers.js';
import { correctsRequest, errorDerivedNames, fallsBackOnce, feedsFailureBack, remediates, switchesClient } from './retry-remedies.js';
import { provesRefusal } from './second-tries.js';
import { leavesWhenNoneIsLeft, rereadsFirst } from './write-conflicts.js';
import type { RetryBound, RetryDelay } from './retries.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * What a retry goes round again for. Only 'failure' is the retry of a failing dependency the retry rules are about:
 * - 'not-ready': the answer says the work is not done yet (a 404 for a release not yet published, a job "in
 *   progress"), every other error is rethrown: polling, for which a fixed interval is right;
 * - 'conflict': another writer got there first: the insert reports a uniqueness violation and the loop tries again
 *   with a value generated anew, or a write guarded by a version (a compare-and-swap) or a unique index lost a race
 *   and the loop reads the state again and re-derives its write (see write-conflicts.ts): nothing failed, so there
 *   is nothing to back off from;
 * - 'rate-limited': only a 429 goes round (or a relay's "client not connected", refused before it forwards
 *   anything). It is a retry that must back off, but the server refused the request without acting on it, so
 *   re-sending a POST is safe.
 * - 'reauthenticated': the server refused the credentials and they were renewed before the request goes again
 *   (see second-tries.ts): nothing was applied, and a wait is not the fix; only an endless run of refusals is.
 */
export type RetryCause = 'failure' | 'not-ready' | 'conflict' | 'rate-limited' | 'reauthenticated';

/**
 * Loops that go round after a failure without retrying it: on a specific error the catch first fixes the cause,
 * creating what was missing, freeing what was exhausted, correcting the request from what the error says, or
 * switching once to another form of the request (a fallback); or, whatever the error, the loop tells the other side
 * what was wrong with its last answer (a model asked again with the validation error in its prompt).
 */
export type NotARetry = 'remediated' | 'next-item';

/**
 * Answers that mean "not there yet": a 404, a pending or in-progress state, a missing object, a request refused
 * as invalid for now (400) or a connection refused because nothing listens yet (a server still starting up), and
 * any message saying "yet" ("no token found yet", "login not approved yet") or that the thing is "not available" (a
 * log stream before its job starts; a service "not available" is a failure, below).
 */
const NOT_READY = /\b(?:400|404|202|425)\b|ECONNREFUSED|ENOENT|not[ _-]?found|not[ _-]?available|notfound|nosuch|not[ _-]?ready|notready|not[ _-]?yet|\byet\b|pending|in[ _-]?progress|inprogress|\bwip\b|processing|queued|not[ _-]?exist|notexist|not[ _-]?present|unavailableyet|still[ _-]?(?:running|exists|working)/i;
/**
 * Uniqueness violations as databases and ORMs report them (Prisma, PostgreSQL, MySQL, MongoDB, SQLite, Sequelize,
 * TypeORM), and as APIs do: 409, or 422 for a name already taken; and lost optimistic-concurrency races: a version
 * mismatch (Mongoose's `VersionError`, TypeORM's `OptimisticLockVersionMismatchError`, Hibernate-style stale
 * objects), DynamoDB's `ConditionalCheckFailedException`, an HTTP `If-Match` refused with 412, MongoDB's
 * `WriteConflict`, PostgreSQL's serialization failure (40001). Only a loop that also generates a new value or reads
 * the state again counts.
 */
const CONFLICT = /claim[ _-]?(?:failed|lost)|already[ _-]?claimed|P2002|\b23505\b|ER_DUP_ENTRY|\bE?11000\b|SQLITE_CONSTRAINT|UniqueConstraint|unique|duplicate|dup[ _-]?key|already[ _-]?exists|alreadyexists|\b409\b|\b422\b|conflict|VersionError|OptimisticLock|version[ _-]?mismatch|StaleObject|ConditionalCheckFailed|WriteConflict|\b412\b|precondition[ _-]?failed|\b40001\b|serializ(?:ation|e)[ _-]?failure|could not serialize/i;

/**
 * The server refused the request without acting on it: 429 Too Many Requests; or a relay's answer that the client it
 * forwards to is not connected (`CLIENT_NOT_CONNECTED`, sent before anything is forwarded).
 */
const RATE_LIMITED = /\b429\b|too[ _-]?many[ _-]?requests|toomanyrequests|rate[ _-]?limit|throttl|not[ _-]?connected|notconnected/i;

/**
 * Failures of a dependency that is there but struggling or unreachable: a timeout, a dropped connection, a 5xx. A
 * test naming one of them makes the retry a retry of a failure, whatever else it names.
 */
const FAILING = /transient|ETIMEDOUT|ECONNRESET|ECONNABORTED|EPIPE|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|socket hang up|\b5\d\d\b|timed?[ _-]?out|unavailable(?!yet)|(?:service|server|host)[ _-]?not[ _-]?available|internal[ _-]?server/i;

/** Calls that make a new value each time: a key derived from the payload (`hash(body)`) stays the same. */
export const FRESH_VALUE = /uuid|random|nanoid|ulid|cuid|generate|v4|v7|Date\.now|performance\.now|newId|createId|objectid/i;

interface Condition {
  readonly test: TSESTree.Expression;
  /** The value the test had on this path. */
  readonly truth: boolean;
}
/** A statement run on the path (a call, an assignment, a loop of its own that does not go round). */
interface Step {
  readonly statement: TSESTree.Statement;
}
export type Path = readonly (Condition | Step)[];

export function conditionsOf(path: Path): Condition[] {
  return path.filter((entry): entry is Condition => 'test' in entry);
}

/** More paths than a catch clause written by hand has: give up reading it and call it a plain retry. */
const MAX_PATHS = 16;

/**
 * Why the loop goes round again from this catch clause: every path that goes round (a `continue`, or running off
 * the end of the catch) must have passed a test saying the error is of one kind (`error.status === 404`,
 * `if (error.code !== 'P2002') throw error`). A conflict counts only when the retried code makes a fresh value.
 */
export function loopCause(
  context: Context,
  handler: TSESTree.CatchClause,
  loop: LoopStatement,
  retried: TSESTree.Node,
  counters: ReadonlySet<string>,
): RetryCause | NotARetry {
  const paths = loopPaths(handler, loop, context.sourceCode.visitorKeys);
  if (!paths) return 'failure';
  if (goesRoundWhateverTheError(context, handler, paths) && throwsNotReady(context, handler.parent.block)) return 'not-ready';
  if (onlyAsksIfUp(context, handler.parent.block)) return 'not-ready';
  if (remediatesFirst(context, handler, paths)) return 'remediated';
  if (!goesRoundOnFailure(context, paths) && feedsFailureBack(context, loop)) return 'remediated';
  return nextItemOrCause(context, paths, handler.parent, retried,
    commonCause(context, paths, () => regenerates(context, retried, counters) || rereadsFirst(context, retried, handler.parent)));
}

/** The paths through a loop's catch clause that go round again (by `continue` or by running off its end). */
export function loopPaths(handler: TSESTree.CatchClause, loop: LoopStatement, visitorKeys: TSESLint.SourceCode.VisitorKeys): Path[] | undefined {
  const around: Path[] = [];
  const fallThrough = flow(handler.body, [[]], { loop, visitorKeys }, around);
  return fallThrough && [...around, ...fallThrough];
}

/**
 * Every path that goes round has tested the error, names no failure of a struggling dependency, and first creates
 * what was missing, frees what was exhausted (after a quota error), corrects the request from the error's text,
 * switches the request, once, to a form the server accepts (a fallback), or builds another client for the next
 * attempt (`next`: the self-call, or the loop's try block) to go through.
 */
function remediatesFirst(context: Context, handler: TSESTree.CatchClause, paths: readonly Path[], next: TSESTree.Node = handler.parent.block, renewalsAreRetries = false): boolean {
  const errorNames = errorDerivedNames(context, handler);
  if (errorNames.size === 0 || paths.length === 0) return false;
  const { visitorKeys } = context.sourceCode;
  return paths.every((path) => {
    const conditions = conditionsOf(path);
    const testsError = conditions.some((condition) => [...identifierNames(condition.test, visitorKeys)].some((name) => errorNames.has(name)));
    const transient = conditions.some((condition) => {
      const cause = implied(context, condition.test, condition.truth);
      return cause === 'failure' || cause === 'rate-limited';
    });
    const steps = path.filter((entry): entry is Step => 'statement' in entry).map((step) => step.statement);
    const attempt = handler.parent.block;
    // for a function calling itself, a refusal of the credentials answered by renewing them (`if (status === 401) {
    // await this.refreshAuth(); return this.request(options) }`) is a second try whose bound the renewal reading asks
    // for (see `renewsCredentialsFirst`), not a remedy
    const refused = renewalsAreRetries && conditions.some((condition) => condition.truth && provesRefusal(context, condition.test));
    return testsError && !transient && !refused && (
      remediates(context, steps, attempt)
      || correctsRequest(context, steps, attempt, errorNames)
      || fallsBackOnce(context, steps, conditions.map((condition) => condition.test), attempt, errorNames)
      || switchesClient(context, steps, next)
    );
  });
}

/**
 * Every way round is taken whatever the error was: no test on the way reads the error (a test of the attempt
 * count, `if (attempt < retries - 1) await sleep(ms)`, says when to give up, not what failed).
 */
function goesRoundWhateverTheError(context: Context, handler: TSESTree.CatchClause, paths: readonly Path[]): boolean {
  const errorNames = errorDerivedNames(context, handler);
  const { visitorKeys } = context.sourceCode;
  return paths.every((path) => conditionsOf(path).every((condition) => ![...identifierNames(condition.test, visitorKeys)].some((name) => errorNames.has(name))));
}

/**
 * `if (!res.data.ready) throw new Error('not ready')` in the attempt, or in a function or method of this file the
 * attempt calls (`this.findOrThrow(id)`, throwing `EntityNotFoundError` when the row is not there yet), also inside a
 * callback such a call runs (`tracer.startActiveSpan(name, async (span) => { ... })`), caught by a catch that goes
 * round whatever the error (or handed to a retry library, which retries every error): a poll that waits for the
 * work to be ready, the row to appear or a person to approve, written as a retry. In a generic local helper
 * (`retry(maxAttempts, work)`), the work is what its callers hand it: a poll when every one of them waits for
 * something to appear (a log stream answering 404 until the job starts), a retry as soon as one does other work.
 */
export function throwsNotReady(context: Context, root: TSESTree.Node, depth = 0, visiting = new Set<TSESTree.Node>()): boolean {
  let found = false;
  walk(root, context.sourceCode.visitorKeys, (node) => {
    if (found) return false;
    // a function written here runs later (a listener), unless it is a callback handed to a call
    if (node !== root && isFunction(node)) return node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee !== node;
    if (node.type === AST_NODE_TYPES.CallExpression && depth < MAX_THROW_DEPTH) {
      // `await work()` in a local retry helper: what every caller hands it must say "not there yet".
      const handed = workHandedToParameter(context, node);
      if (handed) {
        found = handed.every((work) => throwsNotReady(context, work, depth + 1, visiting));
        return true;
      }
      const callee = sameFileFunction(context.sourceCode, node);
      if (callee && !visiting.has(callee)) {
        visiting.add(callee);
        found = throwsNotReady(context, callee.body, depth + 1, visiting);
      }
      return true;
    }
    if (node.type !== AST_NODE_TYPES.ThrowStatement) return true;
    const error = node.argument;
    if (error.type !== AST_NODE_TYPES.NewExpression && error.type !== AST_NODE_TYPES.CallExpression) return true;
    const text = [calleeName(error.callee) ?? '', ...error.arguments.map((argument) => markerText(context, argument))].join(' ');
    if (causeNamed(text) === 'not-ready') found = true;
    return true;
  });
  return found;
}

/**
 * A wait for a dependency to come up (a service's start-up waiting for its database): every call the attempt waits
 * on only asks whether the other side answers (`SELECT 1`, `redis.ping()`, `GET /health`). Nothing is re-done, so a
 * fixed interval is right, as for any polling.
 */
function onlyAsksIfUp(context: Context, attempt: TSESTree.BlockStatement): boolean {
  let awaited = 0;
  let pings = 0;
  walkSameFunction(attempt, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.AwaitExpression || !node.argument) return;
    awaited++;
    if (PING.test(context.sourceCode.getText(node.argument))) pings++;
  });
  return awaited > 0 && pings === awaited;
}

const PING = /\bSELECT\s+1\b|\.ping\s*\(|\/(?:health|healthz|healthcheck|ready|readyz|livez|ping)\b/i;

/** How many calls deep the attempt's "not there yet" is looked for: the attempt calls a method that throws it. */
const MAX_THROW_DEPTH = 2;

/** Why a function calls itself again from its catch clause (the paths that reach the self-call). */
export function recursionCause(
  context: Context,
  handler: TSESTree.Node,
  selfCall: TSESTree.CallExpression,
  retried: TSESTree.Node,
  varying: ReadonlySet<string>,
): RetryCause | NotARetry {
  const around = selfCallPaths(context, handler, selfCall);
  if (!around) return 'failure';
  if (handler.type === AST_NODE_TYPES.CatchClause) {
    if (goesRoundWhateverTheError(context, handler, around) && throwsNotReady(context, handler.parent.block)) return 'not-ready';
    if (onlyAsksIfUp(context, handler.parent.block)) return 'not-ready';
    if (remediatesFirst(context, handler, around, selfCall, true)) return 'remediated';
  }
  const cause = commonCause(context, around, () => regenerates(context, retried, varying) || (handler.type === AST_NODE_TYPES.CatchClause && rereadsFirst(context, retried, handler.parent)));
  return handler.type === AST_NODE_TYPES.CatchClause ? nextItemOrCause(context, around, handler.parent, retried, cause) : cause;
}

/**
 * A worker claiming the next free item of a shared list (a test run's specs, a queue's tasks) that lost the claim to
 * another worker (`error.code === CLAIM_FAILED`, "already claimed") and goes round: each round reads the list again,
 * picks an item still free and returns when none is left (`if (!spec) return ...`). Every lost claim is an item
 * another worker took, so the items left bound it, and nothing failed: not a retry ('next-item').
 */
function nextItemOrCause(context: Context, paths: readonly Path[], attempt: TSESTree.TryStatement, region: TSESTree.Node, cause: RetryCause): RetryCause | NotARetry {
  if (cause !== 'conflict') return cause;
  const namesLostClaim = paths.every((path) => conditionsOf(path).some((condition) => LOST_CLAIM.test(context.sourceCode.getText(condition.test))));
  return namesLostClaim && leavesWhenNoneIsLeft(context, region, attempt) ? 'next-item' : cause;
}

const LOST_CLAIM = /claim[ _-]?(?:failed|lost)|already[ _-]?claimed/i;

/**
 * Whether some way round has tested the error for a failure of a struggling dependency (a timeout, a reset, a 5xx)
 * or a 429: such a loop retries a failure, however it is bounded and spaced.
 */
export function goesRoundOnFailure(context: Context, paths: readonly Path[]): boolean {
  return paths.some((path) =>
    conditionsOf(path).some((condition) => {
      const cause = implied(context, condition.test, condition.truth);
      return cause === 'failure' || cause === 'rate-limited';
    }),
  );
}

/**
 * A loop or self-call that waits a fixed interval and ends at a deadline or when its caller aborts (a person
 * pressing Ctrl-C) waits for a state to change (a session to end, a connection to be approved, a file to appear):
 * polling, whatever errors it goes round on, unless it goes round on a failure it names. So does one, however
 * bounded, in a function whose name says it waits for a state (`awaitSchemaCreation`, `waitForRow`, `pollExport`):
 * a worker waiting for another process to create the schema it reads.
 */
export function pollsByShape(bound: RetryBound, growth: RetryDelay, namesFailure: boolean, functionName?: string): boolean {
  if (growth !== 'constant' || namesFailure) return false;
  return bound === 'deadline' || (functionName !== undefined && WAITING_NAME.test(functionName) && !/retr/i.test(functionName));
}

/** `waitForX`, `awaitX`, `waitUntilX`, `pollX`, `untilX`: a function named for waiting, not for doing work. */
const WAITING_NAME = /^(?:a?wait|poll|until)(?:[A-Z_]|$)/;

/** The paths through a failure handler (a catch clause or a `.catch` callback) that reach the self-call. */
export function selfCallPaths(context: Context, handler: TSESTree.Node, selfCall: TSESTree.CallExpression): Path[] | undefined {
  const body =
    handler.type === AST_NODE_TYPES.CatchClause
      ? handler.body
      : isFunction(handler) && handler.body.type === AST_NODE_TYPES.BlockStatement
        ? handler.body
        : undefined;
  if (!body) return undefined;
  const around: Path[] = [];
  return flow(body, [[]], { target: selfCall, visitorKeys: context.sourceCode.visitorKeys }, around) ? around : undefined;
}

/** Whether running off the end of this catch clause is possible (it neither always leaves nor always continues). */
export function catchFallsThrough(handler: TSESTree.CatchClause, loop: LoopStatement, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean {
  const fallThrough = flow(handler.body, [[]], { loop, visitorKeys }, []);
  return fallThrough === undefined || fallThrough.length > 0;
}

function commonCause(context: Context, paths: readonly Path[], freshValue: () => boolean): RetryCause {
  if (paths.length === 0) return 'failure';
  let common: RetryCause | undefined;
  for (const path of paths) {
    const causes = new Set(conditionsOf(path).map((condition) => implied(context, condition.test, condition.truth)).filter((cause) => cause !== undefined));
    if (causes.size !== 1) return 'failure';
    const [cause] = causes;
    if (common !== undefined && cause !== common) return 'failure';
    common = cause;
  }
  if (common === 'conflict' && !freshValue()) return 'failure';
  return common ?? 'failure';
}

interface Goal {
  readonly visitorKeys: TSESLint.SourceCode.VisitorKeys;
  /** The loop a `continue` goes round. */
  readonly loop?: LoopStatement;
  /** The statement reached that goes round (a self-call). */
  readonly target?: TSESTree.Node;
  /** Inside a `switch`: the paths its `break`s leave it by. */
  readonly breaks?: Path[];
}

/**
 * The paths (conditions met) that run off the end of `statement`, adding those that go round to `around`;
 * undefined when there are too many to follow.
 */
function flow(statement: TSESTree.Statement, alive: readonly Path[] | undefined, goal: Goal, around: Path[]): Path[] | undefined {
  if (!alive) return undefined;
  if (alive.length === 0) return [];
  if (alive.length > MAX_PATHS) return undefined;
  if (goal.target && contains(statement, goal.target) && statement.type !== AST_NODE_TYPES.BlockStatement && statement.type !== AST_NODE_TYPES.IfStatement) {
    around.push(...alive);
    return [];
  }
  switch (statement.type) {
    case AST_NODE_TYPES.ContinueStatement:
      if (goal.loop) around.push(...alive);
      return [];
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return [];
    case AST_NODE_TYPES.BlockStatement: {
      let current: Path[] | undefined = [...alive];
      for (const inner of statement.body) current = flow(inner, current, goal, around);
      return current;
    }
    case AST_NODE_TYPES.IfStatement: {
      const when = (truth: boolean): Path[] => alive.map((path) => [...path, { test: statement.test, truth }]);
      const yes = flow(statement.consequent, when(true), goal, around);
      const no = statement.alternate ? flow(statement.alternate, when(false), goal, around) : when(false);
      return yes && no ? [...yes, ...no] : undefined;
    }
    case AST_NODE_TYPES.BreakStatement:
      if (!statement.label && goal.breaks) {
        goal.breaks.push(...alive);
        return [];
      }
      return goal.loop && alwaysLeavesLoop(statement, goal.loop) ? [] : undefined;
    case AST_NODE_TYPES.SwitchStatement:
      return switchFlow(statement, alive, goal, around);
    default:
      if (goal.loop && alwaysLeavesLoop(statement, goal.loop)) return [];
      // A loop or try of its own that may go round or reach the self-call: too intricate to read as a condition on
      // the error. One that cannot (deleting old items one by one) is a step like any other.
      if (!PLAIN_STATEMENTS.has(statement.type) && !selfContained(statement, goal)) return undefined;
      return alive.map((path) => [...path, { statement }]);
  }
}

/**
 * `switch (error.code) { case 'ETIMEDOUT': case 'ECONNRESET': if (left > 0) continue; break; default: break }`: each
 * case entered with its own condition (the discriminant equal to the case's value), falling through to the next until
 * a `break` leaves the switch. With no `default`, the paths that match no case leave it as they came.
 */
function switchFlow(statement: TSESTree.SwitchStatement, alive: readonly Path[], goal: Goal, around: Path[]): Path[] | undefined {
  const inner: Goal = { ...goal, breaks: [] };
  let falling: Path[] = [];
  for (const switchCase of statement.cases) {
    const entering = switchCase.test ? alive.map((path) => [...path, { test: caseCondition(statement, switchCase.test!), truth: true }]) : [...alive];
    let current: Path[] | undefined = [...falling, ...entering];
    for (const consequent of switchCase.consequent) current = flow(consequent, current, inner, around);
    if (!current) return undefined;
    falling = current;
  }
  const leaving = [...inner.breaks!, ...falling];
  if (!statement.cases.some((switchCase) => switchCase.test === null)) leaving.push(...alive);
  return leaving.length > MAX_PATHS ? undefined : leaving;
}

/** `discriminant === value`, as the condition a case is entered on: read by the same tests as an `if`'s. */
function caseCondition(statement: TSESTree.SwitchStatement, value: TSESTree.Expression): TSESTree.BinaryExpression {
  return {
    type: AST_NODE_TYPES.BinaryExpression,
    operator: '===',
    left: statement.discriminant,
    right: value,
    range: value.range,
    loc: value.loc,
    parent: value.parent,
  } as TSESTree.BinaryExpression;
}

function selfContained(statement: TSESTree.Statement, goal: Goal): boolean {
  if (!isLoop(statement) && statement.type !== AST_NODE_TYPES.TryStatement) return false;
  if (goal.target && contains(statement, goal.target)) return false;
  let goesRound = false;
  walkSameFunction(statement, goal.visitorKeys, (node) => {
    if ((node.type === AST_NODE_TYPES.ContinueStatement || node.type === AST_NODE_TYPES.BreakStatement) && (node.label || enclosingLoop(node) === goal.loop)) {
      goesRound = true;
    }
  });
  return !goesRound;
}

const PLAIN_STATEMENTS = new Set<string>([AST_NODE_TYPES.ExpressionStatement, AST_NODE_TYPES.VariableDeclaration, AST_NODE_TYPES.EmptyStatement]);

/** The kind of error that `test` having the value `truth` proves, if it proves one. */
export function implied(context: Context, test: TSESTree.Node, truth: boolean): RetryCause | undefined {
  switch (test.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return test.operator === '!' ? implied(context, test.argument, !truth) : undefined;
    case AST_NODE_TYPES.LogicalExpression: {
      const sides = [implied(context, test.left, truth), implied(context, test.right, truth)];
      // `a && b` true proves what either proves; false proves only what both do (and `||` the other way round).
      const either = (test.operator === '&&') === truth;
      if (test.operator === '??') return undefined;
      return either ? sides.find((cause) => cause !== undefined) : sides[0] === sides[1] ? sides[0] : undefined;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      const equal = test.operator === '===' || test.operator === '==';
      const unequal = test.operator === '!==' || test.operator === '!=';
      if (test.operator === 'instanceof') return truth ? causeNamed(context.sourceCode.getText(test.right)) ?? thrownWhen(context, test.right) : undefined;
      if (!equal && !unequal) return undefined;
      const cause = causeNamed(`${markerText(context, test.left)} ${markerText(context, test.right)}`);
      return equal === truth ? cause : undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      // `isNotFound(error)`, `message.includes('duplicate key')`, `/unique/.test(message)`
      const named = causeNamed(calleeName(test.callee) ?? '');
      const argument = test.arguments.map((node) => markerText(context, node)).join(' ');
      const receiver = test.callee.type === AST_NODE_TYPES.MemberExpression ? markerText(context, test.callee.object) : '';
      return truth ? (named ?? causeNamed(`${argument} ${receiver}`)) : undefined;
    }
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.Identifier:
      // `error.isNotFound`, `isDuplicate`
      return truth ? causeNamed(context.sourceCode.getText(test).split('.').at(-1) ?? '') : undefined;
    case AST_NODE_TYPES.ChainExpression:
      return implied(context, test.expression, truth);
    default:
      return undefined;
  }
}

/**
 * `if (saved.status === 412) throw new EditedMeanwhileError(url)`: an error class of this file named for nothing,
 * thrown only where a test says what happened. What every such test proves is what catching it proves.
 */
function thrownWhen(context: Context, errorClass: TSESTree.Node): RetryCause | undefined {
  // `error instanceof Error` narrows a type: every error is one, whatever this file throws it for
  if (errorClass.type !== AST_NODE_TYPES.Identifier || errorClass.name === 'Error') return undefined;
  const known = thrownCauses.get(context.sourceCode.ast) ?? new Map<string, RetryCause | undefined>();
  thrownCauses.set(context.sourceCode.ast, known);
  if (!known.has(errorClass.name)) known.set(errorClass.name, undefined);
  else return known.get(errorClass.name);
  const causes = new Set<RetryCause | undefined>();
  walk(context.sourceCode.ast, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.ThrowStatement) return true;
    const thrown = node.argument;
    if (thrown.type !== AST_NODE_TYPES.NewExpression || thrown.callee.type !== AST_NODE_TYPES.Identifier || thrown.callee.name !== errorClass.name) return false;
    const branch = node.parent.type === AST_NODE_TYPES.BlockStatement && node.parent.body.length === 1 ? node.parent.parent : node.parent;
    causes.add(branch?.type === AST_NODE_TYPES.IfStatement && contains(branch.consequent, node) ? implied(context, branch.test, true) : undefined);
    return false;
  });
  const cause = causes.size === 1 ? [...causes][0] : undefined;
  known.set(errorClass.name, cause);
  return cause;
}

/** Per file, what throwing each error class proves (see `thrownWhen`). */
const thrownCauses = new WeakMap<TSESTree.Program, Map<string, RetryCause | undefined>>();

/** The text a marker can be read from: a literal's value or a constant's name (`HttpStatus.NOT_FOUND`), not a variable's. */
export function markerText(context: Context, node: TSESTree.Node): string {
  if (node.type === AST_NODE_TYPES.Literal) return 'regex' in node ? node.regex.pattern : String(node.value);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis.map((quasi) => quasi.value.cooked).join(' ');
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) {
    return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : context.sourceCode.getText(node.property);
  }
  if (node.type === AST_NODE_TYPES.Identifier && /^[A-Z0-9_]+$/.test(node.name)) return node.name;
  // `['ECONNREFUSED', 'ENOENT'].includes(code)`
  if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.map((element) => (element ? markerText(context, element) : '')).join(' ');
  return '';
}

const MARKERS = { 'not-ready': NOT_READY, conflict: CONFLICT, 'rate-limited': RATE_LIMITED } as const;

export function causeNamed(text: string): RetryCause | undefined {
  if (text.trim() === '') return undefined;
  if (FAILING.test(text)) return 'failure';
  const matching = (Object.keys(MARKERS) as (keyof typeof MARKERS)[]).filter((cause) => MARKERS[cause].test(text));
  return matching.length === 1 ? matching[0] : undefined;
}

/** Whether the retried code makes a new value for each attempt: a fresh-value call, or a counter it reads. */
function regenerates(context: Context, retried: TSESTree.Node, varying: ReadonlySet<string>): boolean {
  let found = false;
  walkSameFunction(retried, context.sourceCode.visitorKeys, (node) => {
    if (found) return;
    if ((node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) && FRESH_VALUE.test(context.sourceCode.getText(node.callee))) {
      found = true;
    } else if (node.type === AST_NODE_TYPES.TemplateLiteral || node.type === AST_NODE_TYPES.BinaryExpression) {
      const text = context.sourceCode.getText(node);
      if ([...varying].some((name) => new RegExp(`\\b${name.replace(/[.$]/g, '\\$&')}\\b`).test(text))) found = true;
    }
  });
  return found;
}

const LOOPBACK = /^(?:https?|wss?):\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?:[:/?#]|$)/i;

/** Whether every external call of the attempt requests a loopback address (`http://127.0.0.1:${port}/health`). */
export function callsOnlyLoopback(context: Context, attempt: TSESTree.Node): boolean {
  const calls = getExternalCalls(context).calls.filter((call) => contains(attempt, call.node));
  return calls.length > 0 && calls.every((call) => {
    const url = call.node.arguments[0];
    return url !== undefined && isLoopbackUrl(context, url, 0);
  });
}

function isLoopbackUrl(context: Context, node: TSESTree.Node, depth: number): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' && LOOPBACK.test(node.value);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return LOOPBACK.test(node.quasis[0]?.value.cooked ?? '');
  if (node.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(node), node)?.defs;
  const declarator = definition?.length === 1 ? definition[0]!.node : undefined;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.parent.kind === 'const' && declarator.init !== null && isLoopbackUrl(context, declarator.init, depth + 1);
}
