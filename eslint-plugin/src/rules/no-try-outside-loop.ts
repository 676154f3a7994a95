import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { createRule } from '../create-rule.js';
import { alwaysThrowingCall, getExternalCalls, type ExternalCall } from '../analysis/external-calls.js';
import { contains, enclosingFunction, firstStartingAt, functionName, getFileNodes, inSameFunction, isFunction, walk, walkSameFunction, withFileNodes, type LoopStatement } from '../analysis/loops.js';
import { importedFrom } from '../analysis/imported-from.js';
import { libraryOf } from '../libraries/index.js';
import { isRetryLoop } from '../analysis/retries.js';
import { mentions } from '../analysis/retry-bounds.js';
import { errorDerivedNames } from '../analysis/retry-remedies.js';
import { searchesForAnswer } from '../analysis/search-loops.js';
import { staticPropertyName } from '../analysis/member-syntax.js';
import { propertyKey, unwrapExpression } from '../analysis/syntax.js';
import { fixMessages, moveTrySuggestions } from '../fixes/suggestions.js';

type Options = [{ checkDataStores?: boolean }];
type Context = Readonly<TSESLint.RuleContext<'tryOutsideLoop' | 'fixMoveTryIntoLoop' | 'fixRethrow', Options>>;

export default createRule<Options, 'tryOutsideLoop' | 'fixMoveTryIntoLoop' | 'fixRethrow'>({
  name: 'no-try-outside-loop',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow a try/catch that swallows errors around a whole loop of external calls',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkDataStores: {
            type: 'boolean',
            description: "Also report loops whose calls are the application's own database or cache (knex, Prisma, pg, redis...).",
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      tryOutsideLoop:
        'This try/catch wraps a whole loop of external calls ({{call}}) and its catch does not rethrow: the first failing iteration silently abandons every remaining one. Move the try/catch inside the loop so each iteration fails on its own, or rethrow.',
      fixMoveTryIntoLoop: fixMessages.fixMoveTryIntoLoop,
      fixRethrow: fixMessages.fixRethrow,
    },
  },
  defaultOptions: [{ checkDataStores: false }],
  create(context, [{ checkDataStores = false }]) {
    return withFileNodes(context.sourceCode, {
      'Program:exit'() {
        for (const statement of getFileNodes(context.sourceCode).tries) {
          const { handler } = statement;
          // Most tries wrap no loop: they abandon nothing, and their catch need not be read (nor its calls asked of the
          // project model, whether they always throw).
          if (!handler || !loopsDirectlyIn(context).has(statement)) continue;
          if (propagates(context, handler) || rethrownInFinally(context, statement, handler) || reportsFailure(context, handler) || isolatesOuterItem(statement)
            || rollsBackTransaction(context, handler) || resumesLater(context, statement, handler)) continue;
          const call = abandoningCall(context, statement, checkDataStores);
          if (!call) continue;
          context.report({
            loc: context.sourceCode.getFirstToken(statement)!.loc,
            messageId: 'tryOutsideLoop',
            data: { call: `\`${call.label}\`` },
            suggest: moveTrySuggestions(context, statement, call),
          });
        }
      },
    });
  },
});

/** Names of callbacks that hand an error on (promise executors, Express `next`, Node-style callbacks). */
const ERROR_CALLBACKS = new Set(['reject', 'next', 'callback', 'cb', 'done']);

/** Whether the catch hands the failure on instead of swallowing it. */
function propagates(context: Context, handler: TSESTree.CatchClause): boolean {
  const errorName = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : undefined;
  let found = false;
  walkSameFunction(handler.body, context.sourceCode.visitorKeys, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.ThrowStatement) found = true;
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = context.sourceCode.getText(node.callee);
    if (callee === 'Promise.reject' || callee === 'process.exit' || alwaysThrowingCall(context, node) || failsOclifCommand(context, node)) found = true;
    else if (
      ERROR_CALLBACKS.has(callee) &&
      errorName !== undefined &&
      node.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === errorName)
    ) {
      found = true;
    }
  });
  return found;
}

/**
 * The catch keeps the error (`failure = error`) and the try's `finally` throws it again (`if (failure) throw
 * failure`): the failure reaches the caller after the clean-up, not swallowed.
 */
function rethrownInFinally(context: Context, statement: TSESTree.TryStatement, handler: TSESTree.CatchClause): boolean {
  const errorName = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : undefined;
  if (!statement.finalizer || errorName === undefined) return false;
  const keptIn = new Set<string>();
  walkSameFunction(handler.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.Identifier
      && node.right.type === AST_NODE_TYPES.Identifier && node.right.name === errorName) keptIn.add(node.left.name);
  });
  if (keptIn.size === 0) return false;
  let rethrown = false;
  walkSameFunction(statement.finalizer, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ThrowStatement && node.argument.type === AST_NODE_TYPES.Identifier && keptIn.has(node.argument.name)) rethrown = true;
  });
  return rethrown;
}

/** What runs a function again later: a timer, or the next turn. */
const SCHEDULERS = new Set(['setTimeout', 'setImmediate', 'queueMicrotask', 'process.nextTick']);

/**
 * The catch runs the function holding the try again, now or on a timer (`this.retryTimeout = setTimeout(this.sendQueue,
 * delay)`, `setTimeout(() => this.drain(), delay)`): a queue drained in order stops at the item that failed and takes
 * it up again, with the rest behind it (a chat SDK's to-device queue, the thirty-sixth round). The remaining items are
 * not abandoned; whether the re-run is bounded is for the retry rules.
 */
function resumesLater(context: Context, statement: TSESTree.TryStatement, handler: TSESTree.CatchClause): boolean {
  const fn = enclosingFunction(statement);
  const own = fn && functionName(fn);
  if (!own) return false;
  const namesOwn = (node: TSESTree.Node | undefined): boolean => {
    if (!node) return false;
    if (node.type === AST_NODE_TYPES.Identifier) return !own.method && node.name === own.name;
    if (node.type === AST_NODE_TYPES.MemberExpression) return own.method && node.object.type === AST_NODE_TYPES.ThisExpression && staticPropertyName(node) === own.name;
    if (node.type === AST_NODE_TYPES.ArrowFunctionExpression) return node.body.type === AST_NODE_TYPES.CallExpression && namesOwn(node.body.callee);
    return false;
  };
  let found = false;
  walk(handler.body, context.sourceCode.visitorKeys, (node) => {
    if (found) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const callee = node.callee;
    const scheduler = callee.type === AST_NODE_TYPES.Identifier ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier ? `${callee.object.name}.${staticPropertyName(callee) ?? ''}` : undefined;
    found = namesOwn(callee) || (scheduler !== undefined && SCHEDULERS.has(scheduler) && namesOwn(node.arguments[0]));
    return true;
  });
  return found;
}

/** Calls that undo a transaction: knex, Sequelize and pg-style `rollback()`, TypeORM's and MongoDB's own names. */
const ROLLBACKS = new Set(['rollback', 'rollbackTransaction', 'abortTransaction']);

/**
 * The catch rolls back the transaction the loop wrote in (`await queryRunner.rollbackTransaction()`, `await
 * trx.rollback()`, `session.abortTransaction()`, `client.query('ROLLBACK')`): the loop's work is one unit, all or
 * nothing on purpose, and after a failed statement the database refuses the rest of the transaction, so a try inside
 * the loop could not go on anyway.
 */
function rollsBackTransaction(context: Context, handler: TSESTree.CatchClause): boolean {
  let found = false;
  walkSameFunction(handler.body, context.sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const method = node.callee.property.type === AST_NODE_TYPES.Identifier ? node.callee.property.name : undefined;
    const [first] = node.arguments;
    found = (method !== undefined && ROLLBACKS.has(method))
      || (method === 'query' && first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' && /^\s*ROLLBACK\b/i.test(first.value));
  });
  return found;
}

/** The command frameworks whose `Command#error(message)` throws, ending the command with an error (oclif). */
const OCLIF = new Set(['@oclif/core', '@oclif/command']);

/**
 * `this.error(error.message)` in an oclif command (a class extending the `Command` it imports from `@oclif/core`):
 * oclif's `error` throws, and the command ends with the message and a failing exit status, unless told
 * `{ exit: false }`.
 */
function failsOclifCommand(context: Context, call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression || callee.computed
    || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'error' || call.arguments.length > 1) return false;
  for (let node: TSESTree.Node | undefined = call.parent; node; node = node.parent) {
    if (node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) continue;
    const source = node.superClass ? importedFrom(context, node.superClass) : undefined;
    return source !== undefined && OCLIF.has(source);
  }
  return false;
}

/** Keys of a result or record whose value says the work failed: `success: false`, `isError: true`, `status: 'failed'`. */
const FAILED_WHEN_FALSE = new Set(['success', 'ok', 'succeeded']);
const FAILED_WHEN_TRUE = new Set(['isError', 'failed', 'hasError']);
const STATUS_KEYS = new Set(['status', 'state']);
const FAILED_STATUS = /^(?:fail(?:ed|ure)?|error(?:ed)?)$/i;

/**
 * The catch hands the failure to its caller as a value: it returns a result made from the error (`return { success:
 * false, error: err.message }`, `return toolError(err)`), a result flagged as failed (`{ isError: true, ... }`), or
 * marks the record of the work failed (`run.status = 'failed'`, `runs.update({ status: 'failed' })`), or sets the
 * process's exit status to a failure (`process.exitCode = 1`). Stopping the
 * loop is then reported, not swallowed: the caller (a tool call, a job's record, an MCP client) learns the whole
 * operation failed, and all or nothing is the intent. A catch that only logs, or returns a default (`[]`, `false`),
 * leaves the caller unaware that the rest of the items were never visited.
 */
function reportsFailure(context: Context, handler: TSESTree.CatchClause): boolean {
  const errorNames = [...errorDerivedNames(context, handler)];
  let found = false;
  walkSameFunction(handler.body, context.sourceCode.visitorKeys, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      found = node.argument !== null && errorNames.some((name) => mentions(context, node.argument!, name));
    } else if (node.type === AST_NODE_TYPES.Property) {
      const key = propertyKey(node);
      found = key !== undefined && saysFailed(key, node.value);
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression
      && !node.left.computed && node.left.property.type === AST_NODE_TYPES.Identifier) {
      found = saysFailed(node.left.property.name, node.right) || (isProcessMember(node.left, 'exitCode') && isFailingStatus(node.right))
        || (RESPONSE_STATUS_FIELDS.has(node.left.property.name) && isErrorStatus(node.right));
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      found = announcesFailure(context, node) || tellsCallerCallback(context, handler, node, errorNames) || showsErrorToUser(context, node, errorNames);
    }
  });
  return found;
}

/** The fields of a response (Koa's `ctx.status`, Node's `res.statusCode`) whose error status answers the request as failed. */
const RESPONSE_STATUS_FIELDS = new Set(['status', 'statusCode']);
/** The calls that set a response's status (Express, Fastify, Node): `res.status(503)`, `reply.code(500)`, `res.writeHead(502)`. */
const RESPONSE_STATUS_CALLS = new Set(['status', 'sendStatus', 'code', 'writeHead']);

/** A literal HTTP error status (400 to 599). */
function isErrorStatus(node: TSESTree.Node | undefined): boolean {
  const value = node && unwrapExpression(node);
  return value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'number' && value.value >= 400 && value.value < 600;
}

/**
 * `report('snapshot failed: ' + error.message)`, `onError(error)`: the catch calls a function its own caller handed in,
 * with the error: the caller learns the whole job failed.
 */
function tellsCallerCallback(context: Context, handler: TSESTree.CatchClause, call: TSESTree.CallExpression, errorNames: readonly string[]): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(callee), callee)?.defs[0];
  const owner = definition?.type === 'Parameter' ? definition.node : undefined;
  return owner !== undefined && contains(owner, handler)
    && call.arguments.some((argument) => errorNames.some((name) => mentions(context, argument, name)));
}

/** A page's error state or message: `setError(...)`, `setErrorMessage(...)`, `showError(...)`, `toast.error(...)`. */
const SHOWS_ERROR = /^(?:(?:set|show|display)\w*Error(?:Message|Text)?|error)$/;
/** What shows a message to the page's user: a toast, a notification, a snackbar. */
const NOTIFIER = /(?:^|\.)(?:toast|toaster|notification|notifications|notify|notifier|message|snackbar|enqueueSnackbar)$/i;

/**
 * `setError('Saving failed: ' + error.message)`: a page puts the error in front of its user, who is the one waiting on
 * the work: all or nothing is then the intent, and the user learns the whole action failed.
 */
function showsErrorToUser(context: Context, call: TSESTree.CallExpression, errorNames: readonly string[]): boolean {
  const callee = unwrapExpression(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
    : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  if (name === undefined || !SHOWS_ERROR.test(name)) return false;
  // `toast.error(...)`, `message.error(...)`; not `console.error(error)` or `logger.error(...)`, a log line
  if (name === 'error' && (callee.type !== AST_NODE_TYPES.MemberExpression || !NOTIFIER.test(context.sourceCode.getText(callee.object)))) return false;
  return call.arguments.some((argument) => errorNames.some((errorName) => mentions(context, argument, errorName)));
}

/**
 * `process.exitCode = 1`: a command tells whoever ran it (a shell, a CI job) that it failed, which
 * is what a command should do when one item of its batch fails.
 */
function isProcessMember(node: TSESTree.Node, property: string): boolean {
  const member = unwrapExpression(node);
  return member.type === AST_NODE_TYPES.MemberExpression && !member.computed && member.property.type === AST_NODE_TYPES.Identifier
    && member.property.name === property && member.object.type === AST_NODE_TYPES.Identifier && member.object.name === 'process';
}

/** Any exit status but a literal 0. */
function isFailingStatus(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return !(value.type === AST_NODE_TYPES.Literal && value.value === 0);
}

/**
 * A call named for telling others that the work failed: `emitBuildFailure(buildId, err.message)`, `markJobFailed(id)`,
 * `publishRenderFailed(...)`, `failRun(id)`, `job.moveToFailed(err)`. What a logger or an error tracker is told
 * (`logger.error('sync failed')`, `captureException(err)`, `reportError(err)`) is not: nobody waiting on the work learns.
 */
const ANNOUNCES_FAILURE = /^(?:(?:emit|publish|send|notify|report|mark|record|flag|signal|broadcast|dispatch|raise|trigger|set|update|moveTo)\w*?Fail(?:ed|ure|ing)?(?:[A-Z]\w*)?|fail(?:[A-Z]\w*)?)$/;
/** Calls that send an event or message: a failure event by its name or topic (`emit('render.failed')`, `TOPICS.BUILD_FAILURE`). */
const SENDS_EVENT = /^(?:emit|publish|send|dispatch|broadcast|produce|trigger)\w*$/;
/** Calls that set a status or state: `updateStatus(id, RunStatus.Failed)`, `setState('failed')`. */
const SETS_STATUS = /(?:status|state)$/i;
const FAILURE_TEXT = /fail(?:ed|ure)/i;
const LOGGER = /(?:^|\.)(?:console|log|logger|\w+Logger)$/i;

/**
 * The catch tells whoever waits on the work that it failed, by a call: one named for it (see `ANNOUNCES_FAILURE`), a
 * failure event or message sent (`this.events.emit('export.failed', id)`, `producer.emitMessage(TOPICS.BUILD_FAILURE,
 * ...)`, a response `res.status(502).send('sync failed')`), a response given an error status (`res.status(503)`: the
 * client learns the request failed), or a status set to failed (`runs.updateStatus(id, RunStatus.Failed)`,
 * `saveTaskLog(id, lines, TaskState.FAILED)`). Not through a logger (`logger.error('publish failed')`).
 */
function announcesFailure(context: Context, call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
    : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  if (name === undefined) return false;
  if (callee.type === AST_NODE_TYPES.MemberExpression && LOGGER.test(context.sourceCode.getText(callee.object))) return false;
  if (ANNOUNCES_FAILURE.test(name)) return true;
  if (RESPONSE_STATUS_CALLS.has(name) && callee.type === AST_NODE_TYPES.MemberExpression && isErrorStatus(call.arguments[0])) return true;
  // `saveTaskLog(id, lines, TaskState.FAILED)`: the work's record put in a failed state of its states' enum
  if (call.arguments.some((argument) => isFailedStateMember(context, argument))) return true;
  if (SENDS_EVENT.test(name)) return call.arguments.some((argument) => FAILURE_TEXT.test(context.sourceCode.getText(argument)));
  return SETS_STATUS.test(name) && call.arguments.some((argument) => saysFailed('status', argument));
}

/** `TaskState.FAILED`, `RunStatus.Error`: a failed member of an enum of states or statuses. */
function isFailedStateMember(context: Context, node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return value.type === AST_NODE_TYPES.MemberExpression && !value.computed && value.property.type === AST_NODE_TYPES.Identifier
    && FAILED_STATUS.test(value.property.name) && /(?:state|status)$/i.test(context.sourceCode.getText(value.object));
}

/** `success: false`, `isError: true`, `status: 'failed'`, `state: RunState.Failed`. */
function saysFailed(key: string, node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Literal) {
    if (FAILED_WHEN_FALSE.has(key)) return value.value === false;
    if (FAILED_WHEN_TRUE.has(key)) return value.value === true;
    return STATUS_KEYS.has(key) && typeof value.value === 'string' && FAILED_STATUS.test(value.value);
  }
  return STATUS_KEYS.has(key) && value.type === AST_NODE_TYPES.MemberExpression && !value.computed
    && value.property.type === AST_NODE_TYPES.Identifier && FAILED_STATUS.test(value.property.name);
}

/**
 * The try is already one item's: it sits in the body of a loop over items (`for (const account of accounts)`), so a
 * failure gives up the rest of that item's inner loop (its pages, its files) and the outer loop goes on with the
 * next item. All or nothing per item is a choice, not an abandoned batch. A `while` loop (a worker going round) does
 * not make its items: a failure there still drops the rest of the batch in hand.
 */
function isolatesOuterItem(statement: TSESTree.TryStatement): boolean {
  for (let current: TSESTree.Node | undefined = statement.parent; current && !isFunction(current); current = current.parent) {
    if (current.type === AST_NODE_TYPES.ForOfStatement || current.type === AST_NODE_TYPES.ForInStatement || current.type === AST_NODE_TYPES.ForStatement) return true;
    if (current.type === AST_NODE_TYPES.WhileStatement || current.type === AST_NODE_TYPES.DoWhileStatement) return false;
  }
  return false;
}

/**
 * An awaited external call in a loop this try wraps, whose failure would end that loop; undefined if none. A call of the application's
 * own database or cache is not counted unless asked (`checkDataStores`): when the store fails it fails every item
 * alike, so a catch per item would only log the same outage once per item (the thirty-seventh round's knex loops).
 */
function abandoningCall(context: Context, statement: TSESTree.TryStatement, checkDataStores: boolean): ExternalCall | undefined {
  const index = getExternalCalls(context);
  for (const loop of loopsDirectlyIn(context).get(statement) ?? []) {
    if (isRetryLoop(context, loop) || !index.containsExternalCall(loop.body) || walksCursor(context, loop) || readsStream(context, loop) || writesOneStream(context, loop)
      || takesNextFromSource(context, loop)) continue;
    const inLoop = callsWithin(index.calls, loop.body);
    if (searchesForAnswer(context, loop, inLoop.map((candidate) => candidate.node))) continue;
    const call = inLoop.find((candidate) => endsIteration(candidate.node, loop) && (checkDataStores || !libraryOf(candidate.client)?.dataStore));
    if (call) return call;
  }
  return undefined;
}

const loopsByTry = new WeakMap<TSESTree.Program, Map<TSESTree.TryStatement, LoopStatement[]>>();

/** For each try, the loops whose nearest enclosing try block (in the same function) is its block; once per file. */
function loopsDirectlyIn(context: Context): Map<TSESTree.TryStatement, LoopStatement[]> {
  const cached = loopsByTry.get(context.sourceCode.ast);
  if (cached) return cached;
  const map = new Map<TSESTree.TryStatement, LoopStatement[]>();
  for (const loop of getFileNodes(context.sourceCode).loops) {
    const statement = innermostTry(loop);
    if (statement) map.set(statement, [...(map.get(statement) ?? []), loop]);
  }
  loopsByTry.set(context.sourceCode.ast, map);
  return map;
}

function innermostTry(node: TSESTree.Node): TSESTree.TryStatement | undefined {
  for (let child: TSESTree.Node = node, current: TSESTree.Node | undefined = node.parent; current; child = current, current = current.parent) {
    if (isFunction(current)) return undefined;
    if (current.type === AST_NODE_TYPES.TryStatement && current.block === child) return current;
  }
  return undefined;
}

/** The calls (in source order) that start inside `node`, found by binary search. */
function callsWithin(calls: readonly ExternalCall[], node: TSESTree.Node): readonly ExternalCall[] {
  const start = firstStartingAt(calls, node.range[0], (call) => call.node);
  let end = start;
  while (end < calls.length && calls[end]!.node.range[0] < node.range[1]) end++;
  return calls.slice(start, end);
}

/**
 * Whether a failure of this call ends the loop's iteration: it runs in the loop body (not in a callback), is
 * awaited (or yielded), and no try or `.catch` closer to it handles the failure.
 */
function endsIteration(call: TSESTree.CallExpression, loop: LoopStatement): boolean {
  if (!contains(loop.body, call) || !inSameFunction(call, loop)) return false;
  let awaited = loop.type === AST_NODE_TYPES.ForOfStatement && loop.await;
  for (
    let child: TSESTree.Node = call, current: TSESTree.Node | undefined = call.parent;
    current && current !== loop;
    child = current, current = current.parent
  ) {
    if (current.type === AST_NODE_TYPES.AwaitExpression || current.type === AST_NODE_TYPES.YieldExpression) awaited = true;
    if (current.type === AST_NODE_TYPES.TryStatement && current.block === child && current.handler) return false;
    if (
      current.type === AST_NODE_TYPES.MemberExpression &&
      current.object === child &&
      current.property.type === AST_NODE_TYPES.Identifier &&
      (current.property.name === 'catch' || current.property.name === 'then') &&
      current.parent.type === AST_NODE_TYPES.CallExpression &&
      (current.property.name === 'catch' || current.parent.arguments.length > 1)
    ) {
      return false;
    }
  }
  return awaited;
}

/**
 * `while (nextUrl) { const page = await (await fetch(nextUrl)).json(); ...; nextUrl = page.next }`: each request
 * asks for what the previous answer pointed to, so after a failure there is no next page to go on with, and
 * abandoning the walk is all a catch can do.
 */
function walksCursor(context: Context, loop: LoopStatement): boolean {
  const { visitorKeys } = context.sourceCode;
  const requests = callsWithin(getExternalCalls(context).calls, loop.body).map((call) => call.node);
  // For each variable given a value in the loop, the requests whose answers that value comes from.
  const sources = new Map<string, Set<TSESTree.CallExpression>>();
  const sourcesOf = (node: TSESTree.Node): Set<TSESTree.CallExpression> => {
    const found = new Set<TSESTree.CallExpression>(requests.filter((request) => contains(node, request)));
    walkSameFunction(node, visitorKeys, (inner) => {
      if (inner.type === AST_NODE_TYPES.Identifier) for (const request of sources.get(inner.name) ?? []) found.add(request);
    });
    return found;
  };
  let walks = false;
  walkSameFunction(loop.body, visitorKeys, (node) => {
    if (walks) return;
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
      const from = sourcesOf(node.init);
      // `const { data } = await axios.get(...)`: every name the pattern binds.
      walkSameFunction(node.id, visitorKeys, (inner) => {
        if (inner.type === AST_NODE_TYPES.Identifier) sources.set(inner.name, from);
      });
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && CURSOR_MOVES.has(node.operator) && node.left.type === AST_NODE_TYPES.Identifier) {
      const cursor = node.left.name;
      // The cursor takes its next value from the answer of a request that was sent with its previous value
      // (`cursor = page.next`), or moves on by as much as that answer held (`skip += rows.length`: an offset).
      walks = [...sourcesOf(node.right)].some((request) => request.arguments.some((argument) => mentionsName(context, argument, cursor)));
    }
  });
  return walks;
}

const CURSOR_MOVES = new Set(['=', '+=', '-=']);

/**
 * `let job = await jobs.next(); while (job) { await run(job); job = await jobs.next(); }` in a job a scheduler runs
 * again and again (`@Schedule({ interval })`, NestJS's `@Cron`, `@Interval`): each turn takes the next item from a
 * source that keeps the rest, asked again by the same call that gave the first one. Stopping at a failure abandons
 * nothing: the items not taken wait for the next run, seconds later (cnpmcore's task workers, the thirty-fourth
 * round). Run once, the same drain leaves them until something else runs it.
 */
function takesNextFromSource(context: Context, loop: LoopStatement): boolean {
  if (loop.type !== AST_NODE_TYPES.WhileStatement || loop.test.type !== AST_NODE_TYPES.Identifier || !inScheduledJob(loop)) return false;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(loop), loop.test);
  const declarator = variable?.defs[0]?.node;
  const first = declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init ? awaitedCallText(context, declarator.init) : undefined;
  if (!variable || first === undefined) return false;
  return variable.references.some((reference) => {
    const { identifier } = reference;
    const assignment = identifier.parent;
    return reference.isWrite() && !reference.init && contains(loop.body, identifier) && assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === identifier
      && awaitedCallText(context, assignment.right) === first;
  });
}

const SCHEDULE_DECORATORS = /^(?:Schedule|Scheduled|Cron|Interval)$/;

/** A method run by a scheduler: it, or its class, is decorated for it. */
function inScheduledJob(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.MethodDefinition) continue;
    const classNode = current.parent.parent;
    const decorators = [...current.decorators, ...(classNode.type === AST_NODE_TYPES.ClassDeclaration || classNode.type === AST_NODE_TYPES.ClassExpression ? classNode.decorators : [])];
    return decorators.some((decorator) => {
      const expression = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
      const callee = expression.type === AST_NODE_TYPES.TSInstantiationExpression ? expression.expression : expression;
      return callee.type === AST_NODE_TYPES.Identifier && SCHEDULE_DECORATORS.test(callee.name);
    });
  }
  return false;
}

/** The text of the call an `await` waits for (`jobs.next()` of `await jobs.next()`). */
function awaitedCallText(context: Context, node: TSESTree.Node): string | undefined {
  const inner = unwrapExpression(node);
  return inner.type === AST_NODE_TYPES.AwaitExpression && inner.argument.type === AST_NODE_TYPES.CallExpression ? context.sourceCode.getText(inner.argument) : undefined;
}

/** Streams made by constructor or factory, and the types a stream parameter is declared with. */
const STREAM_CLASSES = new Set(['Readable', 'Writable', 'PassThrough', 'Transform', 'Duplex', 'ReadableStream', 'WritableStream', 'TransformStream']);
const STREAM_FACTORIES = new Set(['createWriteStream', 'createGzip', 'getWriter']);
const STREAM_TYPES = new Set([...STREAM_CLASSES, 'ServerResponse', 'Response', 'WritableStreamDefaultWriter', 'ReadableStreamDefaultController']);
const STREAM_WRITES = new Set(['write', 'push', 'enqueue']);

/**
 * `const out = new Readable(...)` before `while (!done) { const rows = await db.rows(...); out.push(toCsv(rows)) }`: each
 * iteration appends its answer, in order, to one stream that a reader consumes as it comes (an export, a download).
 * Going on after a failed page would hand the reader output with a hole in it; stopping the whole loop is right.
 * An array filled in the loop is not a stream: its items can be kept whatever happens to the others.
 */
function writesOneStream(context: Context, loop: LoopStatement): boolean {
  let writes = false;
  walkSameFunction(loop.body, context.sourceCode.visitorKeys, (node) => {
    if (writes || node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || node.arguments.length === 0) return;
    const { object, property } = node.callee;
    if (property.type !== AST_NODE_TYPES.Identifier || !STREAM_WRITES.has(property.name) || object.type !== AST_NODE_TYPES.Identifier) return;
    const definition = ASTUtils.findVariable(context.sourceCode.getScope(object), object)?.defs[0];
    if (!definition || contains(loop, definition.name)) return;
    writes = definition.type === 'Parameter' ? STREAM_TYPES.has(typeName(definition.name)) : madeAsStream(definition.node);
  });
  return writes;
}

function madeAsStream(declarator: TSESTree.Node): boolean {
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) return false;
  const init = declarator.init.type === AST_NODE_TYPES.AwaitExpression ? declarator.init.argument : declarator.init;
  if (init.type === AST_NODE_TYPES.NewExpression) return init.callee.type === AST_NODE_TYPES.Identifier && STREAM_CLASSES.has(init.callee.name);
  if (init.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = init.callee.type === AST_NODE_TYPES.MemberExpression ? init.callee.property : init.callee;
  return callee.type === AST_NODE_TYPES.Identifier && STREAM_FACTORIES.has(callee.name);
}

/** `res: ServerResponse`, `out: Writable`: the name of a parameter's declared type. */
function typeName(name: TSESTree.Node): string {
  const annotation = name.type === AST_NODE_TYPES.Identifier ? name.typeAnnotation?.typeAnnotation : undefined;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return '';
  const typeName = annotation.typeName;
  return typeName.type === AST_NODE_TYPES.Identifier ? typeName.name : typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName.right.name : '';
}

/**
 * `while (true) { const { done, value } = await reader.read(); if (done) break; await redis.xadd(key, value) }`: the
 * loop takes the pieces of one stream from its reader, in order; going on after a failed write would leave a hole in
 * what the other side keeps, so ending the whole stream (and telling its sender) is what the catch should do.
 */
function readsStream(context: Context, loop: LoopStatement): boolean {
  let reads = false;
  walkSameFunction(loop.body, context.sourceCode.visitorKeys, (node) => {
    if (reads || node.type !== AST_NODE_TYPES.VariableDeclarator || node.id.type !== AST_NODE_TYPES.ObjectPattern || !node.init) return;
    const init = node.init.type === AST_NODE_TYPES.AwaitExpression ? node.init.argument : node.init;
    const callee = init.type === AST_NODE_TYPES.CallExpression ? init.callee : undefined;
    reads = callee?.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier
      && callee.property.name === 'read' && init!.type === AST_NODE_TYPES.CallExpression && init.arguments.length === 0
      && node.id.properties.some((property) => property.type === AST_NODE_TYPES.Property && !property.computed
        && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'done');
  });
  return reads;
}

function mentionsName(context: Context, root: TSESTree.Node, name: string): boolean {
  let found = false;
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier && node.name === name) found = true;
  });
  return found;
}
