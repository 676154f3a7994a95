import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { RetryConstruct } from '../analysis/retries.js';
import { contains, isFunction, walkSameFunction } from '../analysis/loops.js';
import { memberKeyName, staticPropertyName } from '../analysis/member-syntax.js';
import { indentOf, lineBreak, semicolon } from './code-style.js';
import { POLL_DEADLINE, STILL_NOT_READY } from './poll-deadline.js';
import { freeName, namesInUse } from './runtime-import.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Fixes for a function that calls itself again after a failure. Both count the attempts in a parameter: the one
 * the self-call already moves by one (`attempt + 1`, or `attemptsLeft - 1` from a literal default), or a new last
 * parameter `attempt = 0` that the self-call passes on as `attempt + 1` (callers elsewhere keep calling it as before).
 */

const ERROR_PARAM = /^(?:err|error|e|ex)$/;
/** A test that reads an answer's status (`answer.status === 503`, `!answer.ok`) or a mark its error carries (`transientErrorCode`). */
const STATUS_READ = /\.(?:status(?:Code)?|ok)\b|transient/i;
const BACKOFF_MS = (exponent: string): string => `Math.random() * Math.min(30_000, 100 * 2 ** ${exponent})`;

/** Waits `Math.random() * min(30 s, 100 ms * 2^attempt)` before the self-call, in place of the constant wait it had. */
export function addRecursionBackoff(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  const { sourceCode } = target;
  const found = selfCallOf(retry);
  if (!found) return undefined;
  const edits = new SourceEdits();
  const exponent = attemptNumber(sourceCode, found.fn, found.selfCall, edits);
  if (!exponent) return undefined;
  if (retry.delay === 'constant') {
    const duration = constantDuration(retry, found.selfCall);
    if (!duration) return undefined;
    edits.replace(duration.range, BACKOFF_MS(exponent));
    return edits;
  }
  if (retry.delay !== 'none') return undefined;
  const wait = `new Promise((resolve) => setTimeout(resolve, ${BACKOFF_MS(exponent)}))`;
  const call = found.selfCall;
  const statement = call.parent;
  const inFunction = enclosingFunctionOf(call);
  if (inFunction?.async && statement?.type === 'ReturnStatement' && statement.parent.type === 'BlockStatement') {
    edits.insert(statement.range[0], `await ${wait}${semicolon(sourceCode)}${lineBreak(sourceCode)}${indentOf(sourceCode, statement)}`);
  } else {
    edits.insert(call.range[0], `${wait}.then(() => `);
    edits.insert(call.range[1], ')');
  }
  return edits;
}

/** Rethrows the failure instead of calling itself again once 3 attempts have been made. */
export function addRecursionBound(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  return addRecursionStop(target, retry, (edits, found) => {
    const exponent = attemptNumber(target.sourceCode, found.fn, found.selfCall, edits);
    return exponent && madeAtLeast(exponent, 2);
  });
}

/**
 * Polling by calling itself: a last parameter `deadline = Date.now() + 10 * 60_000`, handed on unchanged, ends it with
 * the last error once passed.
 */
export function addRecursionDeadline(target: FixTarget, retry: RetryConstruct): SourceEdits | undefined {
  // a deadline the caller may give (`t1 > t0 && Date.now() >= t1`) still decides when given: the default only when not
  const given = retry.optionalDeadline?.type === 'LogicalExpression'
    ? [retry.optionalDeadline.left, retry.optionalDeadline.right].find((side) => !/\b(?:Date|performance)\.now\(\)/.test(target.sourceCode.getText(side)))
    : undefined;
  const stopsWhen = (edits: SourceEdits, found: SelfCall): string | undefined => {
    const name = freeName('deadline', namesInUse(target.sourceCode));
    const passed = `Date.now() > ${name}`;
    return addParameter(target.sourceCode, found.fn, found.selfCall, name, `Date.now() + ${POLL_DEADLINE}`, name, edits)
      ? given ? `!(${target.sourceCode.getText(given)}) && ${passed}` : passed
      : undefined;
  };
  const guard = retry.answerGuard;
  return guard?.type === 'IfStatement' || guard?.type === 'SwitchCase' ? stopAskingAgain(target, retry, guard, stopsWhen) : addRecursionStop(target, retry, stopsWhen);
}

/**
 * `if (job.state === 'pending') { await sleep(1_000); return check(id) }`: no error to rethrow, and the answer in
 * hand is not the one asked for, so the branch that asks again first throws once the deadline has passed.
 */
function stopAskingAgain(
  target: FixTarget,
  retry: RetryConstruct,
  guard: TSESTree.IfStatement | TSESTree.SwitchCase,
  stopsWhen: (edits: SourceEdits, found: SelfCall) => string | undefined,
): SourceEdits | undefined {
  const { sourceCode } = target;
  const found = selfCallOf(retry);
  if (!found) return undefined;
  const edits = new SourceEdits();
  const condition = stopsWhen(edits, found);
  if (!condition) return undefined;
  // a poll re-armed by a timer inside a promise's executor settles that promise: a throw would reach nobody
  const inner = executorReject(guard, found.fn);
  if (inner === null) return undefined;
  const reject = inner ?? executorAround(sourceCode, found.fn, edits);
  const error = `new Error(${STILL_NOT_READY})`;
  const check = reject
    ? `if (${condition}) { ${reject}(${error})${semicolon(sourceCode)} return${semicolon(sourceCode)} }`
    : `if (${condition}) throw ${error}${semicolon(sourceCode)}`;
  // the branch asking again: the `if`'s own, its last `else` (`else setTimeout(check, 2_000)`), or what follows an
  // early return when the work is over (`if (!job.inProgress) return job; await pause(); return check(id)`)
  const afterEarlyReturn = guard.type === 'IfStatement' && !contains(guard, found.selfCall) && guard.parent.type === 'BlockStatement'
    ? guard.parent.body[guard.parent.body.indexOf(guard) + 1] : undefined;
  const branch = guard.type === 'SwitchCase' ? guard : guard.alternate && contains(guard.alternate, found.selfCall) ? guard.alternate : guard.consequent;
  const first = afterEarlyReturn ?? (branch.type === 'BlockStatement' ? branch.body[0] : branch.type === 'SwitchCase' ? branch.consequent[0] : undefined);
  if (first) {
    edits.insert(first.range[0], `${check}${lineBreak(sourceCode)}${indentOf(sourceCode, first)}`);
  } else if (branch.type !== 'SwitchCase' && branch.type !== 'BlockStatement') {
    edits.insert(branch.range[0], `{ ${check} `);
    edits.insert(branch.range[1], ' }');
  } else {
    return undefined;
  }
  return edits;
}

function addRecursionStop(
  target: FixTarget,
  retry: RetryConstruct,
  stopsWhen: (edits: SourceEdits, found: SelfCall) => string | undefined,
): SourceEdits | undefined {
  const { sourceCode } = target;
  const found = selfCallOf(retry);
  if (!found) return undefined;
  const handler = failureHandlerOf(found.selfCall, found.fn);
  if (!handler) return stopGoingRoundOnStatus(target, found, stopsWhen);
  const edits = new SourceEdits();
  const condition = stopsWhen(edits, found);
  if (!condition) return undefined;
  let error = handler.error;
  if (!error) {
    if (handler.node.type !== 'CatchClause') return undefined;
    error = freeName('error', namesInUse(sourceCode));
    edits.insert(handler.node.body.range[0], `(${error}) `);
  }
  // in a promise's executor a throw from a callback settles nothing: the promise is rejected instead
  const inner = executorReject(handler.node, found.fn);
  if (inner === null) return undefined;
  // (or the poll itself is declared in one, its failure handed there)
  const reject = inner ?? executorAround(sourceCode, found.fn, edits);
  const handedOn = reject ? `return ${reject}(${error})${semicolon(sourceCode)}` : reportFromCallback(sourceCode, handler, found, error);
  if (handedOn === null) return undefined;
  const check = `if (${condition}) ${handedOn ?? `throw ${error}${semicolon(sourceCode)}`}`;
  const statement = statementOf(found.selfCall, handler.node);
  if (statement?.parent.type === 'BlockStatement') {
    edits.insert(statement.range[0], `${check}${lineBreak(sourceCode)}${indentOf(sourceCode, statement)}`);
  } else if (statement) {
    edits.insert(statement.range[0], `{ ${check} `);
    edits.insert(statement.range[1], ' }');
  } else {
    // `.catch((error) => load(url))`: the arrow's expression body becomes a block
    const arrow = handler.node;
    if (arrow.type !== 'ArrowFunctionExpression' || arrow.body.type === 'BlockStatement') return undefined;
    edits.insert(arrow.body.range[0], `{ ${check} return `);
    edits.insert(arrow.body.range[1], `${semicolon(sourceCode)} }`);
  }
  return edits;
}

/**
 * `if (answer.status === 503) return infer(...)`: no error to rethrow, so the status test itself stops going round
 * (`if (!(attempt >= 2) && (answer.status === 503))`), and the last answer is handled as any the function does not
 * retry.
 */
function stopGoingRoundOnStatus(target: FixTarget, found: SelfCall, stopsWhen: (edits: SourceEdits, found: SelfCall) => string | undefined): SourceEdits | undefined {
  let guard: TSESTree.IfStatement | undefined;
  let child: TSESTree.Node = found.selfCall;
  for (let current: TSESTree.Node | undefined = found.selfCall.parent; current && current !== found.fn && !guard; child = current, current = current.parent) {
    if (isFunction(current)) return undefined;
    if (current.type === 'IfStatement' && current.consequent === child && STATUS_READ.test(target.sourceCode.getText(current.test))) guard = current;
  }
  if (!guard) return undefined;
  const edits = new SourceEdits();
  const condition = stopsWhen(edits, found);
  if (!condition) return undefined;
  edits.replace(guard.test.range, `!(${condition}) && (${target.sourceCode.getText(guard.test)})`);
  return edits;
}

/**
 * `new Promise((resolve, reject) => ...)` around the handler, within the function: the executor's `reject` (null when
 * it takes none, so there is no way to settle the promise with the failure); undefined outside an executor.
 */
function executorReject(handler: TSESTree.Node, fn: TSESTree.FunctionLike): string | null | undefined {
  for (let current = handler.parent; current && current !== fn; current = current.parent) {
    const owner = current.parent;
    if (!isFunction(current) || owner?.type !== 'NewExpression' || owner.callee.type !== 'Identifier' || owner.callee.name !== 'Promise' || owner.arguments[0] !== current) continue;
    const reject = current.params[1];
    return reject?.type === 'Identifier' ? reject.name : null;
  }
  return undefined;
}

/**
 * The `reject` of the promise executor a poll function is declared in (`new Promise((resolve, reject) => { const check
 * = ... })`); one the executor is given by the fix when it takes only `resolve` (a throw from the poll's timer or
 * `.catch` callback would settle nothing: the promise would wait for ever, the error unhandled).
 */
function executorAround(sourceCode: SourceCode, fn: TSESTree.FunctionLike, edits: SourceEdits): string | undefined {
  let current: TSESTree.Node | undefined = fn.parent;
  while (current && !isFunction(current)) current = current.parent;
  const owner = current?.parent;
  if (!current || !isFunction(current) || owner?.type !== 'NewExpression' || owner.callee.type !== 'Identifier' || owner.callee.name !== 'Promise' || owner.arguments[0] !== current) return undefined;
  const [resolve, reject] = current.params;
  if (reject) return reject.type === 'Identifier' ? reject.name : undefined;
  if (resolve?.type !== 'Identifier') return undefined;
  const name = freeName('reject', namesInUse(sourceCode));
  // (`resolve => ...` has no parentheses of its own: the one before it opens `new Promise(`)
  const opening = sourceCode.getTokenBefore(resolve);
  if (opening?.value === '(' && opening.range[0] >= current.range[0]) edits.insert(resolve.range[1], `, ${name}`);
  else edits.replace(resolve.range, `(${resolve.name}, ${name})`);
  return name;
}

interface SelfCall {
  readonly fn: TSESTree.FunctionLike;
  /** The call that runs the function again (a timer given the function itself becomes a call to it). */
  readonly selfCall: TSESTree.CallExpression;
}

function selfCallOf(retry: RetryConstruct): SelfCall | undefined {
  const fn = retry.retried[0]?.parent;
  const selfCall = retry.node;
  if (!fn || !isFunction(fn) || selfCall.type !== 'CallExpression' || fn.params.some((param) => param.type === 'RestElement')) return undefined;
  return { fn, selfCall };
}

/**
 * The expression for the number of attempts made before this one: the parameter the self-call moves by one, or a
 * new last parameter `attempt = 0` that the self-call hands on as `attempt + 1`.
 */
function attemptNumber(sourceCode: SourceCode, fn: TSESTree.FunctionLike, selfCall: TSESTree.CallExpression, edits: SourceEdits): string | undefined {
  if (!contains(fn, selfCall)) return closureCount(sourceCode, selfCall, edits);
  const cycle = failureCountField(sourceCode, fn, selfCall, edits);
  if (cycle !== 'no cycle') return cycle;
  const existing = attemptExponent(fn, selfCall);
  if (existing) return existing;
  const name = freeName('attempt', namesInUse(sourceCode));
  return addParameter(sourceCode, fn, selfCall, name, '0', `${name} + 1`, edits) ? name : undefined;
}

/**
 * `const retry = (error) => (left-- > 0 ? setTimeout(run, wait) : reject(error))`, the trigger handed to the work it
 * runs again: the work is called with what its helper gives it, so the count is kept beside the trigger, `let
 * attempt = 0`, and moved on each time the trigger schedules the work (`attempt++`).
 */
function closureCount(sourceCode: SourceCode, timer: TSESTree.CallExpression, edits: SourceEdits): string | undefined {
  const moved = countMovedBefore(sourceCode, timer);
  if (moved) return moved;
  let trigger: TSESTree.Node | undefined = timer.parent;
  while (trigger && !isFunction(trigger)) trigger = trigger.parent;
  const declaration = trigger?.parent?.type === 'VariableDeclarator' ? trigger.parent.parent : trigger;
  if (declaration?.parent?.type !== 'BlockStatement') return undefined;
  const name = freeName('attempt', namesInUse(sourceCode));
  edits.insert(declaration.range[0], `let ${name} = 0${semicolon(sourceCode)}${lineBreak(sourceCode)}${indentOf(sourceCode, declaration)}`);
  return `${name}++`;
}

/**
 * `if (meta.attempts < maxRetries) { meta.attempts++; makeRequest() }`: the count the branch already moves just before
 * it runs the work again is the number of attempts made.
 */
function countMovedBefore(sourceCode: SourceCode, call: TSESTree.CallExpression): string | undefined {
  const statement = call.parent;
  const block = statement?.parent;
  if (statement?.type !== 'ExpressionStatement' || block?.type !== 'BlockStatement') return undefined;
  for (const earlier of block.body.slice(0, block.body.indexOf(statement)).reverse()) {
    const moved = earlier.type === 'ExpressionStatement' ? earlier.expression : undefined;
    if (moved?.type === 'UpdateExpression' && moved.operator === '++') return sourceCode.getText(moved.argument);
    if (moved?.type === 'AssignmentExpression' && moved.operator === '+=' && moved.right.type === 'Literal' && moved.right.value === 1) return sourceCode.getText(moved.left);
  }
  return undefined;
}

/**
 * A method running itself again through other methods (`this.reconnect()` from the read loop's catch): no argument
 * reaches it again, so the failures are counted in a field of the class, `readLoopFailures = 0`, moved on at each
 * failure (`this.readLoopFailures++`).
 */
function failureCountField(sourceCode: SourceCode, fn: TSESTree.FunctionLike, selfCall: TSESTree.CallExpression, edits: SourceEdits): string | undefined | 'no cycle' {
  const callee = selfCall.callee;
  const owner = fn.parent;
  const called = callee.type === 'MemberExpression' && callee.object.type === 'ThisExpression' && !callee.computed ? staticPropertyName(callee) : undefined;
  if (called === undefined || (owner?.type !== 'MethodDefinition' && owner?.type !== 'PropertyDefinition') || owner.computed) return 'no cycle';
  const method = memberKeyName(owner);
  if (method === undefined || method === called) return 'no cycle';
  const body = owner.parent;
  const first = body.body[0];
  if (body.type !== 'ClassBody' || !first) return undefined;
  // a plain field whatever the method: `#readLoop` and `readLoop` both count in `readLoopFailures`
  const name = freeName(`${method.replace(/^[#_]+/, '')}Failures`, namesInUse(sourceCode));
  edits.insert(first.range[0], `${name} = 0${semicolon(sourceCode)}${lineBreak(sourceCode)}${indentOf(sourceCode, first)}`);
  return `this.${name}++`;
}

/** A new last parameter `name = initial`, which the self-call passes as `passed`. */
function addParameter(
  sourceCode: SourceCode,
  fn: TSESTree.FunctionLike,
  selfCall: TSESTree.CallExpression,
  name: string,
  initial: string,
  passed: string,
  edits: SourceEdits,
): boolean {
  const last = fn.params.at(-1);
  if (last) {
    edits.insert(last.range[1], `, ${name} = ${initial}`);
  } else {
    const start = fn.typeParameters?.range[1] ?? fn.id?.range[1] ?? fn.range[0];
    const opening = sourceCode.getTokens(fn).find((token) => token.value === '(' && token.range[0] >= start);
    if (!opening) return false;
    edits.insert(opening.range[1], `${name} = ${initial}`);
  }
  // `setTimeout(connect, 1000)`: the timer calls it with no arguments, so it gets a function that passes the value
  const timerReference = asTimer(selfCall)?.arguments[0];
  if (timerReference && timerReference.type !== 'SpreadElement' && !isFunction(timerReference)) {
    edits.replace(timerReference.range, `() => ${sourceCode.getText(timerReference)}(${[...Array(fn.params.length).fill('undefined'), passed].join(', ')})`);
    return true;
  }
  if (selfCall.arguments.some((argument) => argument.type === 'SpreadElement') || selfCall.arguments.length > fn.params.length) return false;
  const padding = Array(fn.params.length - selfCall.arguments.length).fill('undefined');
  const added = [...padding, passed].join(', ');
  const lastArgument = selfCall.arguments.at(-1);
  const closing = sourceCode.getLastToken(selfCall);
  if (!closing) return false;
  edits.insert(lastArgument ? lastArgument.range[1] : closing.range[0], lastArgument ? `, ${added}` : added);
  return true;
}

/** How many attempts came before, from the parameter the self-call moves by one. */
function attemptExponent(fn: TSESTree.FunctionLike, selfCall: TSESTree.CallExpression): string | undefined {
  for (const [index, parameter] of fn.params.entries()) {
    const name =
      parameter.type === 'Identifier'
        ? parameter.name
        : parameter.type === 'AssignmentPattern' && parameter.left.type === 'Identifier'
          ? parameter.left.name
          : undefined;
    const argument = selfCall.arguments[index];
    if (!name || argument?.type !== 'BinaryExpression' || argument.left.type !== 'Identifier' || argument.left.name !== name) continue;
    if (argument.right.type !== 'Literal' || argument.right.value !== 1) continue;
    if (argument.operator === '+') return name;
    const initial = parameter.type === 'AssignmentPattern' && parameter.right.type === 'Literal' ? parameter.right.value : undefined;
    if (argument.operator === '-' && typeof initial === 'number') return `(${initial} - ${name})`;
  }
  return countInOptions(fn, selfCall);
}

/** `attempt >= 2`; for a count from 1 (`(attempt - 1)`), `attempt >= 3`. */
function madeAtLeast(exponent: string, attempts: number): string {
  const fromOne = /^\((\w+) - (\d+)\)$/.exec(exponent);
  return fromOne ? `${fromOne[1]} >= ${attempts + Number(fromOne[2])}` : `${exponent} >= ${attempts}`;
}

/**
 * `call({ ...options, attempt: attempt + 1 })` with `const attempt = options.attempt || 1`: the count travels in the
 * options the function is given, from the first value the local gives it (the attempts made before this one:
 * `attempt - 1`).
 */
function countInOptions(fn: TSESTree.FunctionLike, selfCall: TSESTree.CallExpression): string | undefined {
  for (const [index, parameter] of fn.params.entries()) {
    const name = parameter.type === 'Identifier' ? parameter.name : parameter.type === 'AssignmentPattern' && parameter.left.type === 'Identifier' ? parameter.left.name : undefined;
    const argument = selfCall.arguments[index];
    if (!name || argument?.type !== 'ObjectExpression'
      || !argument.properties.some((property) => property.type === 'SpreadElement' && property.argument.type === 'Identifier' && property.argument.name === name)) continue;
    for (const property of argument.properties) {
      if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
      const moved = property.value;
      if (moved.type !== 'BinaryExpression' || moved.operator !== '+' || moved.left.type !== 'Identifier' || moved.right.type !== 'Literal' || moved.right.value !== 1) continue;
      const start = firstCount(fn, moved.left.name, name, property.key.name);
      if (start !== undefined) return start === 0 ? moved.left.name : `(${moved.left.name} - ${start})`;
    }
  }
  return undefined;
}

/** `const attempt = options.attempt || 1` (or `?? 0`) among the function's statements: the count's first value. */
function firstCount(fn: TSESTree.FunctionLike, local: string, parameter: string, key: string): number | undefined {
  if (fn.body?.type !== 'BlockStatement') return undefined;
  for (const statement of fn.body.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init;
      if (declarator.id.type !== 'Identifier' || declarator.id.name !== local || init?.type !== 'LogicalExpression' || init.operator === '&&') continue;
      const read = init.left;
      if (read.type === 'MemberExpression' && !read.computed && read.object.type === 'Identifier' && read.object.name === parameter && read.property.type === 'Identifier'
        && read.property.name === key && init.right.type === 'Literal' && typeof init.right.value === 'number') return init.right.value;
    }
  }
  return undefined;
}

/**
 * The constant wait before the self-call: the delay of the timer that makes it (`setTimeout(connect, 1000)`,
 * `setTimeout(() => this.connect(), 1000)`), or the duration of the sleep the retry waits.
 */
function constantDuration(retry: RetryConstruct, selfCall: TSESTree.CallExpression): TSESTree.Node | undefined {
  if (asTimer(selfCall)) return selfCall.arguments[1];
  for (let current: TSESTree.Node | undefined = selfCall.parent; current && current !== retry.retried[0]; current = current.parent) {
    const timer: TSESTree.CallExpression | undefined = isFunction(current) ? asTimer(current.parent) : undefined;
    if (timer && timer.arguments[0] === current) return timer.arguments[1];
  }
  const delay = retry.delayNode;
  if (delay?.type === 'CallExpression' && !asTimer(delay)) return delay.arguments[0];
  if (delay?.type === 'NewExpression') {
    const executor = delay.arguments[0];
    return asTimer(executor && isFunction(executor) ? executor.body : undefined)?.arguments[1];
  }
  return undefined;
}

/** The node, when it is a `setTimeout(...)` call. */
function asTimer(node: TSESTree.Node | undefined): TSESTree.CallExpression | undefined {
  return node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'setTimeout' ? node : undefined;
}

interface Handler {
  readonly node: TSESTree.CatchClause | TSESTree.FunctionLike;
  /** The name the failure goes by there. */
  readonly error: string | undefined;
}

/** The catch clause, or `.catch(...)` callback, the self-call is made from. */
function failureHandlerOf(selfCall: TSESTree.Node, fn: TSESTree.FunctionLike): Handler | undefined {
  for (let current = selfCall.parent; current && current !== fn; current = current.parent) {
    if (current.type === 'CatchClause') return { node: current, error: current.param?.type === 'Identifier' ? current.param.name : undefined };
    if (isFunction(current)) {
      const owner = current.parent;
      // `setTimeout(() => this.connect(), 1000)` in the catch: the handler is further out
      if (asTimer(owner)?.arguments[0] === current) continue;
      const first = current.params[0];
      const isCatch = owner?.type === 'CallExpression' && owner.callee.type === 'MemberExpression' && owner.callee.property.type === 'Identifier' && owner.callee.property.name === 'catch';
      // `.catch((error) => ...)`, an error-first callback's `if (err) return self(...)`, or the trigger a callback-style
      // helper hands its work (`const retry = (failure) => setTimeout(run, 1_000)`), called with the failure
      const trigger = !contains(fn, selfCall);
      return first?.type === 'Identifier' && (isCatch || trigger || ERROR_PARAM.test(first.name)) ? { node: current, error: first.name } : undefined;
    }
  }
  return undefined;
}

const CALLBACK_PARAM = /^(?:callback|cb|done|next)$/;

/**
 * In an error-first callback (`uploadPart(..., (err, data) => { ... })`) a throw reaches whoever calls it back (for
 * I/O, nobody: the process crashes), so the failure goes where the function hands its others: an `'error'` event it
 * emits there (`this.emit('error', err)`), a reporter it has already handed it to (then it only stops), else its own
 * callback parameter (`done(err)`). Undefined where a throw is
 * right (a catch, a promise's callback, a helper's trigger); null when there is no such place.
 */
function reportFromCallback(sourceCode: SourceCode, handler: Handler, found: SelfCall, error: string): string | undefined | null {
  const callback = handler.node;
  if (callback.type === 'CatchClause' || !contains(found.fn, found.selfCall)) return undefined;
  const owner = callback.parent;
  if (owner?.type === 'CallExpression' && owner.callee.type === 'MemberExpression' && owner.callee.property.type === 'Identifier'
    && ['catch', 'then', 'finally'].includes(owner.callee.property.name)) return undefined;
  const semi = semicolon(sourceCode);
  let emitter: string | undefined;
  walkSameFunction(callback.body ?? callback, sourceCode.visitorKeys, (node) => {
    if (emitter === undefined && node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && staticPropertyName(node.callee) === 'emit'
      && node.arguments[0]?.type === 'Literal' && node.arguments[0].value === 'error') emitter = sourceCode.getText(node.callee);
  });
  if (emitter !== undefined) return `{ ${emitter}('error', ${error})${semi} return${semi} }`;
  if (reportedBefore(sourceCode, callback, found.selfCall, error)) return `return${semi}`;
  const last = found.fn.params.at(-1);
  const name = last?.type === 'Identifier' ? last.name : last?.type === 'AssignmentPattern' && last.left.type === 'Identifier' ? last.left.name : undefined;
  return name !== undefined && CALLBACK_PARAM.test(name) ? `return ${name}(${error})${semi}` : null;
}

const LOGGER = /^(?:console|logger|log|debug)\b|\.(?:log|debug|info|warn|warning|trace)$/;

/**
 * `this.report('interrupted', err)` before the self-call: the failure is handed on (to a reporter its owner gave)
 * whether or not it goes round, so stopping is only not going round. Writing it to a log hands it to nobody.
 */
function reportedBefore(sourceCode: SourceCode, callback: TSESTree.FunctionLike, selfCall: TSESTree.Node, error: string): boolean {
  let reported = false;
  walkSameFunction(callback.body ?? callback, sourceCode.visitorKeys, (node) => {
    // a statement of its own (`report(err);`), not a test (`if (isTransient(err))`)
    if (reported || node.type !== 'CallExpression' || node.parent.type !== 'ExpressionStatement' || node.range[1] > selfCall.range[0]
      || LOGGER.test(sourceCode.getText(node.callee))) return;
    reported = node.arguments.some((argument) => argument.type === 'Identifier' && argument.name === error);
  });
  return reported;
}

/** The statement that holds the self-call, within the handler; undefined when it is an arrow's expression body. */
function statementOf(selfCall: TSESTree.Node, handler: TSESTree.Node): TSESTree.Statement | undefined {
  for (let current: TSESTree.Node | undefined = selfCall; current && current !== handler; current = current.parent) {
    if (isFunction(current) && asTimer(current.parent)?.arguments[0] !== current) return undefined;
    if (/Statement$|Declaration$/.test(current.type) && current.type !== 'BlockStatement') return current as TSESTree.Statement;
  }
  return undefined;
}

function enclosingFunctionOf(node: TSESTree.Node): TSESTree.FunctionLike | undefined {
  let current = node.parent;
  while (current && !isFunction(current)) current = current.parent;
  return current;
}
