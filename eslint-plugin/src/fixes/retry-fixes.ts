import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { RetryConstruct } from '../analysis/retries.js';
import { enclosingLoop, isFunction, isLoop, walkSameFunction, type LoopStatement } from '../analysis/loops.js';
import { catchFallsThrough } from '../analysis/retry-causes.js';
import { RXJS_RESUBSCRIPTION, RXJS_RETRY } from '../analysis/retry-observables.js';
import { promisedTimerCall } from '../analysis/promised-timers.js';
import { indentOf, isTypeScript, lineBreak, quoted, semicolon } from './code-style.js';
import { objectTextWith, propertyKey, type ObjectChanges } from './object-literal.js';
import { POLL_DEADLINE, POLL_DEADLINE_MS, STILL_NOT_READY } from './poll-deadline.js';
import { freeName, importNames, importRuntime, namesInUse } from './runtime-import.js';
import { insertAtEndOfBlock } from './block-edits.js';
import { backoffInterceptor, boundInterceptor } from './interceptor-fixes.js';
import { backoffResubscription, boundResubscription } from './resubscription-fixes.js';
import { addRecursionBackoff, addRecursionBound, addRecursionDeadline } from './recursion-fixes.js';
import { SourceEdits } from './source-edits.js';
import { backoffStatusLoop, boundStatusLoop } from './status-loop-fixes.js';
import type { FixTarget } from './wrap-in-policies.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const MAX_ATTEMPTS = '3';

/** What a retry library needs changed, by the name the retry analysis gives it. */
interface LibraryFix {
  /** which argument of the library call holds its options; -1: the object holding the delay option the retry read */
  readonly optionsIndex: number;
  readonly backoff: (target: FixTarget, call: TSESTree.CallExpression | TSESTree.NewExpression, edits: SourceEdits) => ObjectChanges;
  readonly bound: ObjectChanges;
  /** the library also takes a bare count in place of its options (RxJS's `retry(3)`): that count becomes this option */
  readonly countOption?: string;
  /** the attempt option that ends a poll at a fixed interval after a while (async's `times`) */
  readonly pollOption?: string;
}

/** The `retry` package's options, as p-retry, async-retry and `retry.operation` take them. */
const RETRY_PACKAGE_FIX: Omit<LibraryFix, 'optionsIndex'> = {
  backoff: () => ({ set: [['factor', '2'], ['minTimeout', '100'], ['maxTimeout', '30_000'], ['randomize', 'true']] }),
  bound: { set: [['retries', MAX_ATTEMPTS]], remove: ['forever'] },
};

/** async's `retry` and `retryable`: `times` and `interval` (ms, or a function of the attempt) in the first argument. */
const ASYNC_FIX: LibraryFix = {
  optionsIndex: 0,
  backoff: () => ({ set: [['interval', '(attempt) => Math.random() * Math.min(30_000, 100 * 2 ** attempt)']] }),
  bound: { set: [['times', MAX_ATTEMPTS]] },
  pollOption: 'times',
};

const LIBRARY_FIXES: Record<string, LibraryFix> = {
  '`axios-retry`': {
    optionsIndex: 1,
    // the delay helper hangs off the default export, whatever the file named it
    backoff: (target, call) => ({
      set: [['retryDelay', `${target.sourceCode.getText(call.callee)}.exponentialDelay`]],
    }),
    bound: { set: [['retries', MAX_ATTEMPTS]] },
  },
  '`p-retry`': { ...RETRY_PACKAGE_FIX, optionsIndex: 1 },
  '`async-retry`': { ...RETRY_PACKAGE_FIX, optionsIndex: 1 },
  '`retry.operation`': { ...RETRY_PACKAGE_FIX, optionsIndex: 0 },
  '`ioredis` reconnection': {
    optionsIndex: -1,
    // (typed in TypeScript: options held in a `const` give the parameter no type of their own)
    backoff: (target) => ({ set: [['retryStrategy', `(${isTypeScript(target.filename) ? 'times: number' : 'times'}) => Math.random() * Math.min(30_000, 100 * 2 ** times)`]] }),
    bound: {},
  },
  '`async.retry`': ASYNC_FIX,
  '`async.retryable`': ASYNC_FIX,
  "cockatiel's `retry`": {
    optionsIndex: 1,
    backoff: (target, _call, edits) => {
      const { ExponentialBackoff } = importNames(target.sourceCode, 'cockatiel', ['ExponentialBackoff'], edits);
      return { set: [['backoff', `new ${ExponentialBackoff}()`]] };
    },
    bound: { set: [['maxAttempts', MAX_ATTEMPTS]] },
  },
  '`retry` from the runtime': {
    optionsIndex: 0,
    backoff: (target, _call, edits) => {
      const { exponentialBackoff } = importRuntime(target.sourceCode, target.runtimeModule, ['exponentialBackoff'], edits);
      return { set: [['backoff', backoffExpression(target, exponentialBackoff)]] };
    },
    bound: { set: [['maxAttempts', MAX_ATTEMPTS]] },
  },
  '`socket.io-client`': {
    optionsIndex: 1,
    // it backs off with jitter already
    backoff: () => ({}),
    bound: { set: [['reconnectionAttempts', MAX_ATTEMPTS]] },
  },
  [RXJS_RETRY]: {
    optionsIndex: 0,
    // the next subscription after a wait that doubles, up to 30 s, at a random point of it (full jitter)
    backoff: (target, _call, edits) => {
      const { timer } = importNames(target.sourceCode, 'rxjs', ['timer'], edits);
      return { set: [['delay', `(_error, attempt) => ${timer}(Math.random() * Math.min(30_000, 100 * 2 ** attempt))`]] };
    },
    bound: { set: [['count', MAX_ATTEMPTS]] },
    countOption: 'count',
  },
};

export function backoffExpression(target: FixTarget, exponentialBackoff: string): string {
  return `${exponentialBackoff}({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: ${quoted(target.sourceCode, 'full')} })`;
}

/**
 * Gives a retry a growing, randomised delay: the library's own backoff option, or, in a hand-written loop, a
 * wait of `Math.random() * min(30 s, 100 ms * 2^attempt)` (exponential backoff with full jitter) in its catch,
 * in place of the constant wait it had.
 */
export function addBackoff(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  if (retry.name === RXJS_RESUBSCRIPTION) return backoffResubscription(target, retry);
  if (retry.kind === 'library') return configureLibrary(target, retry, 'backoff');
  if (retry.kind === 'loop') return addLoopBackoff(target, retry);
  if (retry.kind === 'recursion') return retry.retried.length === 0 ? backoffInterceptor(target, retry) : addRecursionBackoff(target, retry);
  return undefined;
}

/** The fixed pause a retry whose client takes no other is given between its tries (urllib's `retryDelay`). */
export const FIXED_PAUSE_MS = '1_000';

/**
 * A fixed pause between the tries of a retry a request's options turn on, the only wait its client takes; a count above
 * `fewAttempts` is lowered to it, as more tries a fixed time apart keep failed clients in lock-step.
 */
export function addFixedPause(target: FixTarget, retry: RetryConstruct, fewAttempts: number): SourceEdits | undefined {
  const pause = retry.pauseOption;
  if (!pause) return undefined;
  const edits = new SourceEdits();
  // no fixed wait is allowed at all: the client's own retries are turned off
  if (fewAttempts > 0) {
    const written = pause.options.properties.find((property) => property.type === 'Property' && propertyKey(property) === pause.pause);
    // beside the count, before any options spread in after it, which may still set their own
    if (written?.type === 'Property') edits.replace(written.value.range, FIXED_PAUSE_MS);
    else edits.insert(pause.count.range[1], `, ${pause.pause}: ${FIXED_PAUSE_MS}`);
  }
  if (retry.attemptLimit === undefined || retry.attemptLimit > fewAttempts) edits.replace(pause.count.value.range, String(fewAttempts));
  return edits;
}

/** Bounds a retry: the library's attempt option, or an attempt counter that rethrows in a loop's catch. */
export function addBound(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  if (retry.name === RXJS_RESUBSCRIPTION) return boundResubscription(target, retry);
  if (retry.kind === 'library') return configureLibrary(target, retry, 'bound');
  if (retry.kind === 'loop') return addLoopBound(target, retry);
  if (retry.kind === 'recursion') return retry.retried.length === 0 ? boundInterceptor(target, retry) : addRecursionBound(target, retry);
  return undefined;
}

/** A poll a library makes at a fixed interval: the attempt limit that ends it after about ten minutes (`times: 600` a second apart). */
export function libraryPollLimit(sourceCode: SourceCode, retry: RetryConstruct): { option: string; times: number; interval: number } | undefined {
  const option = LIBRARY_FIXES[retry.name]?.pollOption;
  const interval = retry.delay === 'constant' && retry.delayNode?.type === 'Property' ? ASTUtils.getStaticValue(retry.delayNode.value, sourceCode.getScope(retry.delayNode))?.value : undefined;
  if (option === undefined || typeof interval !== 'number' || !(interval > 0)) return undefined;
  return { option, times: Math.ceil(POLL_DEADLINE_MS / interval), interval };
}

/** Ends a library's poll after about ten minutes: its attempt option set from its interval. */
export function addPollLimit(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  const limit = libraryPollLimit(target.sourceCode, retry);
  return limit && configureLibrary(target, retry, 'bound', { set: [[limit.option, String(limit.times)]] });
}

function configureLibrary(target: FixTarget, retry: RetryConstruct, what: 'backoff' | 'bound', given?: ObjectChanges): SourceEdits | undefined {
  const call = retry.node;
  if (call.type !== 'CallExpression' && call.type !== 'NewExpression') return undefined;
  const edits = new SourceEdits();
  const nested = call.type === 'CallExpression' ? httpClientRetryOptions(retry, what) : undefined;
  if (nested) {
    edits.replace(nested.object.range, objectTextWith(target.sourceCode, nested.object, nested.changes));
    return edits;
  }
  const fix = LIBRARY_FIXES[retry.name];
  if (!fix) return undefined;
  const changes = given ?? (what === 'backoff' ? fix.backoff(target, call, edits) : fix.bound);
  const options = fix.optionsIndex < 0 ? retry.delayNode?.parent : optionsObject(target.sourceCode, call.arguments[fix.optionsIndex]);
  if (options?.type === 'ObjectExpression') {
    edits.replace(options.range, objectTextWith(target.sourceCode, options, changes));
  } else if (options && fix.countOption && options.type !== 'SpreadElement' && what === 'backoff') {
    // `retry(3)`: the count kept, in the options the wait joins
    const entries = [[fix.countOption, target.sourceCode.getText(options)], ...(changes.set ?? [])].map(([key, value]) => `${key}: ${value}`).join(', ');
    edits.replace(options.range, `{ ${entries} }`);
  } else if (options === undefined && call.arguments.length === fix.optionsIndex) {
    const entries = (changes.set ?? []).map(([key, value]) => `${key}: ${value}`).join(', ');
    const closing = target.sourceCode.getLastToken(call);
    const last = call.arguments.at(-1);
    if (!closing) return undefined;
    edits.insert(last ? last.range[1] : closing.range[0], `${last ? ', ' : ''}{ ${entries} }`);
  } else {
    return undefined;
  }
  return edits;
}

/** The options written at the call, or the object literal of the `const` it names (`pRetry(run, retryOptions)`). */
function optionsObject(sourceCode: SourceCode, node: TSESTree.Node | undefined): TSESTree.Node | undefined {
  const unwrapped = node?.type === 'TSAsExpression' || node?.type === 'TSSatisfiesExpression' ? node.expression : node;
  if (unwrapped?.type !== 'Identifier') return unwrapped;
  const declarator = sourceCode.getScope(unwrapped).references.find((reference) => reference.identifier === unwrapped)?.resolved?.defs[0]?.node;
  if (declarator?.type !== 'VariableDeclarator' || declarator.parent.kind !== 'const' || !declarator.init) return unwrapped;
  const init = declarator.init.type === 'TSAsExpression' || declarator.init.type === 'TSSatisfiesExpression' ? declarator.init.expression : declarator.init;
  return init.type === 'ObjectExpression' ? init : unwrapped;
}

/**
 * got's and ky's `retry: { limit, calculateDelay | delay }`: their default delay already grows (got's with
 * noise), so a constant delay function is removed; a missing bound becomes `limit: 3`.
 */
function httpClientRetryOptions(
  retry: RetryConstruct,
  what: 'backoff' | 'bound',
): { object: TSESTree.ObjectExpression; changes: ObjectChanges } | undefined {
  if (!/'s `retry` option$/.test(retry.name)) return undefined;
  const option = what === 'backoff' ? retry.delayNode : retry.boundNode;
  if (option?.type !== 'Property') return undefined;
  const key = option.key.type === 'Identifier' ? option.key.name : undefined;
  if (option.parent.type !== 'ObjectExpression' || key === undefined) return undefined;
  // `limit: Infinity` or the short form `retry: Infinity` -> 3
  if (what === 'bound') return { object: option.parent, changes: { set: [[key, MAX_ATTEMPTS]] } };
  return { object: option.parent, changes: { remove: [key] } };
}

/** The try/catch of a retry loop: the first one in its body whose catch lets the loop go round again. */
function tryOf(sourceCode: SourceCode, retry: RetryConstruct): TSESTree.TryStatement | undefined {
  const loop = retry.node;
  if (!isLoop(loop)) return undefined;
  let found: TSESTree.TryStatement | undefined;
  walkSameFunction(loop.body, sourceCode.visitorKeys, (node) => {
    if (!found && node.type === 'TryStatement' && node.handler && enclosingLoop(node) === loop) found = node;
  });
  return found;
}

/** An `await` may be written at `node`: in an async function, or at the top of a module that already awaits there. */
function awaitAllowed(sourceCode: FixTarget['sourceCode'], node: TSESTree.Node): boolean {
  let current = node.parent;
  while (current && !isFunction(current)) current = current.parent;
  if (current) return current.async;
  let awaits = false;
  walkSameFunction(node, sourceCode.visitorKeys, (inner) => {
    if (inner.type === 'AwaitExpression') awaits = true;
  });
  return awaits;
}

/** The counter of `for (let attempt = 0; …; attempt++)`, when the loop has one. */
function forCounter(loop: TSESTree.Node): string | undefined {
  if (loop.type !== 'ForStatement' || loop.init?.type !== 'VariableDeclaration') return undefined;
  const declarator = loop.init.declarations[0];
  if (loop.init.declarations.length !== 1 || declarator?.id.type !== 'Identifier') return undefined;
  const update = loop.update;
  return update?.type === 'UpdateExpression' && update.argument.type === 'Identifier' && update.argument.name === declarator.id.name
    ? declarator.id.name
    : undefined;
}

function addLoopBackoff(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  const { sourceCode } = target;
  if (!awaitAllowed(sourceCode, retry.node)) return undefined;
  const attempt = tryOf(sourceCode, retry);
  const handler = attempt?.handler;
  if (!attempt) return backoffStatusLoop(target, retry);
  if (!handler) return undefined;
  const edits = new SourceEdits();
  const eol = lineBreak(sourceCode);
  const semi = semicolon(sourceCode);
  const counter = forCounter(retry.node);
  const waited = counter && retry.delay === 'constant' ? waitBeforeEachTry(sourceCode, retry, handler) : undefined;
  if (counter && waited) {
    // The wait keeps its place and its base (often the caller's setting) and grows from it, with full jitter.
    const base = SIMPLE_OPERAND.has(waited.type) ? sourceCode.getText(waited) : `(${sourceCode.getText(waited)})`;
    edits.replace(waited.range, `Math.random() * Math.min(30_000, ${base} * 2 ** ${counter})`);
    return edits;
  }
  let lines: string[];
  if (counter) {
    lines = [`await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** ${counter})))${semi}`];
  } else {
    const delayName = freeName('retryDelayMs', namesInUse(sourceCode));
    edits.insert(retry.node.range[0], `let ${delayName} = 100${semi}${eol}${indentOf(sourceCode, retry.node)}`);
    lines = [
      `await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, ${delayName})))${semi}`,
      `${delayName} *= 2${semi}`,
    ];
  }
  const replaced = constantWaitStatement(retry, handler);
  if (replaced) {
    const indent = indentOf(sourceCode, replaced);
    edits.replace(replaced.range, lines.join(eol + indent));
  } else {
    insertWhereLoopGoesRound(sourceCode, handler, retry.node as LoopStatement, lines, edits);
  }
  return edits;
}

/**
 * Adds statements on every path by which the catch sends the loop round again: before each `continue` of the loop,
 * and at the end of the catch when it can run off its end (`if (retryable) continue; throw error;` cannot).
 */
function insertWhereLoopGoesRound(
  sourceCode: SourceCode,
  handler: TSESTree.CatchClause,
  loop: LoopStatement,
  lines: readonly string[],
  edits: SourceEdits,
): void {
  const eol = lineBreak(sourceCode);
  const trailing = handler.body.body.at(-1);
  walkSameFunction(handler.body, sourceCode.visitorKeys, (node) => {
    if (node.type !== 'ContinueStatement' || node === trailing || !continues(node, loop)) return;
    if (node.parent.type === 'BlockStatement') {
      const indent = indentOf(sourceCode, node);
      edits.insert(node.range[0], lines.map((line) => line + eol + indent).join(''));
    } else {
      edits.replace(node.range, `{ ${lines.join(' ')} ${sourceCode.getText(node)} }`);
    }
  });
  if (trailing?.type === 'ContinueStatement' || catchFallsThrough(handler, loop, sourceCode.visitorKeys)) insertAtEndOfBlock(sourceCode, handler.body, lines, edits);
}

/** Whether this `continue` goes round `loop` (not a loop nested in it). */
function continues(statement: TSESTree.ContinueStatement, loop: LoopStatement): boolean {
  if (statement.label) return loop.parent.type === 'LabeledStatement' && loop.parent.label.name === statement.label.name;
  return enclosingLoop(statement) === loop;
}

/** The statement of the loop's existing wait, when it is a statement of its own in the catch. */
const SIMPLE_OPERAND = new Set<string>(['Identifier', 'MemberExpression', 'Literal', 'CallExpression']);

/**
 * The duration of a fixed wait the loop makes outside its catch (`if (i > 0) await new Promise((r) => setTimeout(r,
 * props.retryDelay))` before each try): the expression to grow in place.
 */
function waitBeforeEachTry(sourceCode: SourceCode, retry: RetryConstruct, handler: TSESTree.CatchClause): TSESTree.Node | undefined {
  const wait = retry.delayNode;
  if (!wait || (wait.range[0] >= handler.range[0] && wait.range[1] <= handler.range[1])) return undefined;
  const duration = wait.type === 'NewExpression' ? promisedTimerCall(wait, sourceCode.visitorKeys)?.arguments[1] : wait.type === 'CallExpression' ? wait.arguments[0] : undefined;
  return duration && duration.type !== 'SpreadElement' ? duration : undefined;
}

function constantWaitStatement(retry: RetryConstruct, handler: TSESTree.CatchClause): TSESTree.Statement | undefined {
  let node: TSESTree.Node | undefined = retry.delayNode;
  while (node && node.type !== 'ExpressionStatement') {
    if (isFunction(node)) return undefined;
    node = node.parent;
  }
  return node?.type === 'ExpressionStatement' && node.parent === handler.body ? node : undefined;
}

function addLoopBound(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  if (!tryOf(target.sourceCode, retry)) return boundStatusLoop(target, retry);
  return addLoopStop(target, retry, 'attempts', (counter) => `let ${counter} = 0`, (counter) => `++${counter} >= ${MAX_ATTEMPTS}`);
}

/**
 * Bounds a polling loop by time: a deadline ten minutes ahead, set before the loop, ends it with the last error when
 * an attempt fails after it has passed.
 */
export function addDeadline(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  if (retry.kind === 'recursion') return addRecursionDeadline(target, retry);
  if (retry.kind === 'interval') return addIntervalDeadline(target, retry);
  if (retry.kind !== 'loop') return undefined;
  if (retry.answerGuard === retry.node) return addAnswerPollDeadline(target, retry.node as LoopStatement);
  return addLoopStop(target, retry, 'deadline', (deadline) => `const ${deadline} = Date.now() + ${POLL_DEADLINE}`, (deadline) => `Date.now() > ${deadline}`);
}

/**
 * A poll on a timer cleared only by an answer: a deadline set before the timer starts, checked in the catch, clears
 * it.
 */
function addIntervalDeadline(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  const { sourceCode } = target;
  const call = retry.node as TSESTree.CallExpression;
  const timer = call.parent?.type === 'VariableDeclarator' ? sourceCode.getText(call.parent.id) : call.parent?.type === 'AssignmentExpression' ? sourceCode.getText(call.parent.left) : undefined;
  const statement = call.parent?.type === 'VariableDeclarator' ? call.parent.parent : call.parent?.parent;
  const attempt = retry.retried[0]?.type === 'BlockStatement' ? retry.retried[0].body.find((node): node is TSESTree.TryStatement => node.type === 'TryStatement') : undefined;
  const handler = attempt?.handler;
  if (!timer || !handler || (statement?.type !== 'VariableDeclaration' && statement?.type !== 'ExpressionStatement')) return undefined;
  const semi = semicolon(sourceCode);
  const name = freeName('deadline', namesInUse(sourceCode));
  const edits = new SourceEdits();
  edits.insert(statement.range[0], `const ${name} = Date.now() + ${POLL_DEADLINE}${semi}${lineBreak(sourceCode)}${indentOf(sourceCode, statement)}`);
  const stop = `if (Date.now() > ${name}) clearInterval(${timer})${semi}`;
  const first = handler.body.body[0];
  if (first) edits.insert(first.range[0], `${stop}${lineBreak(sourceCode)}${indentOf(sourceCode, first)}`);
  else edits.replace(handler.body.range, `{${lineBreak(sourceCode)}${indentOf(sourceCode, handler)}  ${stop}${lineBreak(sourceCode)}${indentOf(sourceCode, handler)}}`);
  return edits;
}

/**
 * `while (job.state === 'pending') { ... }`: no error to rethrow, and the answer in hand is not the one asked for, so
 * a deadline set before the loop is checked first thing in its body, throwing once it has passed.
 */
function addAnswerPollDeadline(target: FixTarget, loop: LoopStatement): SourceEdits | undefined {
  const { sourceCode } = target;
  const body = loop.body;
  const first = body.type === 'BlockStatement' ? body.body[0] : undefined;
  if (!first) return undefined;
  const semi = semicolon(sourceCode);
  const name = freeName('deadline', namesInUse(sourceCode));
  const edits = new SourceEdits();
  edits.insert(loop.range[0], `const ${name} = Date.now() + ${POLL_DEADLINE}${semi}${lineBreak(sourceCode)}${indentOf(sourceCode, loop)}`);
  // before the comments leading the first statement (an `eslint-disable-next-line` stays on the line it is for)
  const at = sourceCode.getCommentsBefore(first).find((comment) => comment.range[0] > body.range[0])?.range[0] ?? first.range[0];
  edits.insert(at, `if (Date.now() > ${name}) throw new Error(${STILL_NOT_READY})${semi}${lineBreak(sourceCode)}${indentOf(sourceCode, first)}`);
  return edits;
}

/** Declares a variable before the loop and, first thing in its catch, rethrows the error when `stops` holds. */
function addLoopStop(
  target: FixTarget,
  retry: RetryConstruct,
  preferredName: string,
  declaration: (name: string) => string,
  stops: (name: string) => string,
): SourceEdits | undefined {
  const { sourceCode } = target;
  const attempt = tryOf(sourceCode, retry);
  const handler = attempt?.handler;
  if (!handler || (handler.param !== null && handler.param.type !== 'Identifier')) return undefined;
  const edits = new SourceEdits();
  const semi = semicolon(sourceCode);
  const taken = namesInUse(sourceCode);
  const name = freeName(preferredName, taken);
  taken.add(name);
  let errorName = handler.param?.name;
  if (!errorName) {
    errorName = freeName('error', taken);
    const body = handler.body;
    edits.insert(body.range[0], `(${errorName}) `);
  }
  edits.insert(retry.node.range[0], `${declaration(name)}${semi}${lineBreak(sourceCode)}${indentOf(sourceCode, retry.node)}`);
  const check = `if (${stops(name)}) throw ${errorName}${semi}`;
  const first = handler.body.body[0];
  if (first) {
    const sameLine = first.loc.start.line === handler.body.loc.start.line;
    edits.insert(first.range[0], sameLine ? `${check} ` : `${check}${lineBreak(sourceCode)}${indentOf(sourceCode, first)}`);
  } else {
    insertAtEndOfBlock(sourceCode, handler.body, [check], edits);
  }
  return edits;
}
