import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { alwaysLeavesLoop, enclosingFunction, isFunction, walk, type FunctionNode, type LoopStatement } from './loops.js';
import { staticPropertyName } from './member-syntax.js';
import { endsBy, lastStatement, unwrapExpression } from './syntax.js';
import { asDelay, calleeName } from './delays.js';
import { causeNamed, implied, markerText } from './retry-causes.js';
import { doesIo } from './retry-loops.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Members an HTTP answer's status is read from (`ok`: fetch's 2xx). */
const STATUS_MEMBERS = new Set(['status', 'statusCode', 'ok']);

/**
 * `if (answer.status === 503) return infer(url, body)`: a function that calls itself again when the answer's status
 * says the dependency is struggling (a 5xx, a 429) retries that failure as surely as one calling itself from a
 * catch: the answer is the failure. The `if` whose consequent holds the self-call, in the function itself, when
 * its test reads a status and proves such a failure, and the function does I/O (or `requester`; null for a callback
 * handed the answer of an operation it cannot read).
 */
export function statusGuard(context: Context, selfCall: TSESTree.CallExpression, fn: FunctionNode, requester: FunctionNode | null = fn): TSESTree.IfStatement | undefined {
  let child: TSESTree.Node = selfCall;
  for (let current: TSESTree.Node | undefined = selfCall.parent; current && current !== fn; child = current, current = current.parent) {
    if (isFunction(current)) return undefined;
    if (current.type !== AST_NODE_TYPES.IfStatement || current.consequent !== child) continue;
    const test = statusTest(context, current.test);
    // or a mark the answer's error carries (`if (autoRetry && transientErrorCode)`, read from the body of a failed answer)
    const failing = test ? provesFailure(context, test) : implied(context, current.test, true) === 'failure';
    if (failing && (requester === null || doesIo(context, requester.body))) return current;
  }
  return undefined;
}

/**
 * `if (answer.state === 'pending') { await sleep(1_000); return check(id) }`, `case 'queued': return
 * Promise.delay(1_000).then(() => check(id))`, `if (res.status === 202)`: a function that asks again when the answer
 * says the work is not done yet polls. The `if` or `case` whose branch holds the self-call (reached through the
 * callbacks of a promise chain, a timer or a promise's executor), when its test says "not ready" and the function
 * does I/O; with the timer the self-call runs from, if any.
 */
export function notReadyGuard(context: Context, selfCall: TSESTree.CallExpression, fn: FunctionNode):
  { guard: TSESTree.IfStatement | TSESTree.SwitchCase; branch: TSESTree.Node; timer: TSESTree.CallExpression | undefined } | undefined {
  let timer: TSESTree.CallExpression | undefined;
  let child: TSESTree.Node = selfCall;
  for (let current: TSESTree.Node | undefined = selfCall.parent; current && current !== fn; child = current, current = current.parent) {
    if (isFunction(current)) {
      const chain = chainStep(current);
      if (!chain) return undefined;
      if (chain.type === AST_NODE_TYPES.CallExpression && calleeName(chain.callee) === 'setTimeout') timer ??= chain;
      continue;
    }
    const guard = current.type === AST_NODE_TYPES.IfStatement && current.consequent === child
      && (implied(context, current.test, true) === 'not-ready' || saysGoingOn(current.test)) ? current
      : current.type === AST_NODE_TYPES.SwitchCase && caseGroupCause(context, current) === 'not-ready' ? current : undefined;
    if (guard) return doesIo(context, fn.body) || answeredByCall(context, guard) ? { guard, branch: child, timer } : undefined;
    // `if (s.status === 'ready') resolve(s.id); else if (s.status === 'error') reject(...); else setTimeout(check, 2000)`
    if (current.type === AST_NODE_TYPES.IfStatement && current.alternate === child && !isIfStatement(child) && elseOfDoneAnswer(current)) {
      return doesIo(context, fn.body) ? { guard: current, branch: child, timer } : undefined;
    }
    // `if (!job?.inProgressLock) return job; await pause(10_000); return check(id)`: past an early return on the
    // answer saying the work is over, what is left runs while it is not
    const early = current.type === AST_NODE_TYPES.BlockStatement ? earlyReturnWhenDone(context, current, child) : undefined;
    if (early) return doesIo(context, fn.body) ? { guard: early, branch: current, timer } : undefined;
  }
  return undefined;
}

/** An `if` before `statement` in `block`, with no `else`, that leaves when its test says the work is over. */
function earlyReturnWhenDone(context: Context, block: TSESTree.BlockStatement, statement: TSESTree.Node): TSESTree.IfStatement | undefined {
  const index = block.body.indexOf(statement as TSESTree.Statement);
  for (let at = index - 1; at >= 0; at--) {
    const candidate = block.body[at]!;
    if (candidate.type !== AST_NODE_TYPES.IfStatement || candidate.alternate || !settlesOrLeaves(candidate.consequent)) continue;
    if (saysOver(candidate.test) || implied(context, candidate.test, false) === 'not-ready') return candidate;
  }
  return undefined;
}

/** Words an answer's state starts with when the work is over (`'ready'`, `'SUCCEEDED'`, `'readyToBePublished'`). */
const DONE_STATES = ['ready', 'complete', 'completed', 'done', 'finished', 'succeeded', 'success', 'successful', 'available', 'published'];

function isDoneState(value: string): boolean {
  const lower = value.toLowerCase();
  // the word alone, or followed by more words (`readyToBePublished`, `READY_FOR_USE`), not a longer word (`readyness`)
  return DONE_STATES.some((word) => lower.startsWith(word) && (value.length === word.length || /[A-Z_]/.test(value.charAt(word.length))));
}

function isIfStatement(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.IfStatement;
}

/**
 * The last `else` of a chain of tests of the answer, one of which (taken) says the work is over, each taken branch
 * leaving: what is left is an answer saying it is not over yet.
 */
function elseOfDoneAnswer(last: TSESTree.IfStatement): boolean {
  const chain: TSESTree.IfStatement[] = [last];
  while (chain[0]!.parent.type === AST_NODE_TYPES.IfStatement && chain[0]!.parent.alternate === chain[0]) chain.unshift(chain[0]!.parent);
  return chain.some((link) => saysDone(link.test)) && chain.every((link) => settlesOrLeaves(link.consequent));
}

/** `s.status === 'ready'`, `'done' === job.state`, either side of an `&&` (`s.status === 'ready' && s.id`). */
function saysDone(test: TSESTree.Node): boolean {
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&') return saysDone(test.left) || saysDone(test.right);
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '==')) return false;
  return [test.left, test.right].some((side) => side.type === AST_NODE_TYPES.Literal && typeof side.value === 'string' && isDoneState(side.value));
}

/** States an answer is in while the work goes on (a job, a build, a deployment, a stack). */
const IN_PROGRESS_STATE = /^(?:running|pending|in[ _-]?progress|processing|queued|started|waiting|building|creating|deploying|provisioning|starting|initiali[sz]ing|scheduled)$/i;

/**
 * `if (job.state === 'running') { await pause(5_000); return check(id) }`: a test that the answer's state is one of work
 * going on, either side of an `&&` (each side of an `||`). Not the object's own state (`this.state === 'running'`: a
 * worker going round).
 */
export function saysGoingOn(test: TSESTree.Node): boolean {
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&') return saysGoingOn(test.left) || saysGoingOn(test.right);
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '||') return saysGoingOn(test.left) && saysGoingOn(test.right);
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '==')) return false;
  const [state, other] = test.left.type === AST_NODE_TYPES.Literal ? [test.left, test.right] : [test.right, test.left];
  let root: TSESTree.Node = other;
  while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.ChainExpression) root = root.type === AST_NODE_TYPES.ChainExpression ? root.expression : root.object;
  return state.type === AST_NODE_TYPES.Literal && typeof state.value === 'string' && IN_PROGRESS_STATE.test(state.value) && root.type === AST_NODE_TYPES.Identifier;
}

/**
 * The test of an early return saying the work is over: a done state (`saysDone`, or among a list of states
 * `['COMPLETED', 'ABORTED'].includes(status)`), or a state other than one of work going on (`job.status !== 'running'
 * && job.completedAt`), either side of an `&&`.
 */
function saysOver(test: TSESTree.Node): boolean {
  if (saysDone(test)) return true;
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&') return saysOver(test.left) || saysOver(test.right);
  // `['COMPLETED', 'ABORTED'].includes(status)`
  if (test.type === AST_NODE_TYPES.CallExpression && test.callee.type === AST_NODE_TYPES.MemberExpression && test.callee.object.type === AST_NODE_TYPES.ArrayExpression
    && test.callee.property.type === AST_NODE_TYPES.Identifier && test.callee.property.name === 'includes') {
    return test.callee.object.elements.some((element) => element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string' && isDoneState(element.value));
  }
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '!==' && test.operator !== '!=')) return false;
  return [test.left, test.right].some((side) => side.type === AST_NODE_TYPES.Literal && typeof side.value === 'string' && IN_PROGRESS_STATE.test(side.value));
}

/** A branch that settles the poll's promise (`resolve(...)`, `reject(...)`), returns or throws, at its end. */
function settlesOrLeaves(branch: TSESTree.Statement): boolean {
  const last = lastStatement(branch);
  if (!last) return false;
  if (last.type === AST_NODE_TYPES.ReturnStatement || last.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (last.type !== AST_NODE_TYPES.ExpressionStatement || last.expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = last.expression.callee;
  return callee.type === AST_NODE_TYPES.Identifier && /^(?:resolve|reject|done|callback|cb|finish)$/.test(callee.name);
}

/**
 * `client.get(url).then((answer) => { switch (answer.state) ... })`: the test sits in the callback given the answer of
 * a call (not a wait's), which is the request, even when nothing awaits it.
 */
function answeredByCall(context: Context, guard: TSESTree.Node): boolean {
  const callback = enclosingFunction(guard);
  const owner = callback?.parent;
  if (owner?.type !== AST_NODE_TYPES.CallExpression || owner.arguments[0] !== callback || owner.callee.type !== AST_NODE_TYPES.MemberExpression
    || calleeName(owner.callee) !== 'then') return false;
  const receiver = unwrapExpression(owner.callee.object);
  return receiver.type === AST_NODE_TYPES.CallExpression && !asDelay(context, receiver);
}

/** The call or `new Promise` a callback of a promise chain (`.then(fn)`), a timer or an executor is handed to. */
function chainStep(fn: FunctionNode): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  const owner = fn.parent;
  if (owner?.type === AST_NODE_TYPES.NewExpression) {
    return owner.callee.type === AST_NODE_TYPES.Identifier && owner.callee.name === 'Promise' && owner.arguments[0] === fn ? owner : undefined;
  }
  if (owner?.type !== AST_NODE_TYPES.CallExpression || owner.arguments[0] !== fn) return undefined;
  return ['then', 'setTimeout'].includes(calleeName(owner.callee) ?? '') ? owner : undefined;
}

/** What the values of a `case` and the empty cases falling into it say (`case 'queued': case 'rendering':`). */
function caseGroupCause(context: Context, branch: TSESTree.SwitchCase): ReturnType<typeof implied> {
  const cases = branch.parent.cases;
  const group = [branch];
  for (let index = cases.indexOf(branch) - 1; index >= 0 && cases[index]!.consequent.length === 0; index--) group.push(cases[index]!);
  if (group.some((member) => !member.test)) return undefined;
  return causeNamed(group.map((member) => markerText(context, member.test!)).join(' '));
}

/** Whether the test, true, says the answer's status is a failure (`res.status === 408 || res.status >= 500`). */
export function saysStatusFailed(context: Context, test: TSESTree.Expression): boolean {
  const status = statusTest(context, test);
  return status !== undefined && provesFailure(context, status);
}

/**
 * Whether `node` runs only in the branch of an `if`, inside `within`, taken when the answer's status says the
 * dependency failed (`if (res.status >= 500 && attempt < 3) { await sleep(...); continue }`): a wait there is a
 * retry's, not a poll's.
 */
export function inFailingStatusBranch(context: Context, node: TSESTree.Node, within: LoopStatement): boolean {
  for (let child: TSESTree.Node = node, current = node.parent; current && current !== within; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.BlockStatement && afterSuccessLeaves(context, current, child, within)) return true;
    if (current.type !== AST_NODE_TYPES.IfStatement || current.consequent !== child) continue;
    const test = statusTest(context, current.test);
    if (test && provesFailure(context, test)) return true;
  }
  return false;
}

/**
 * `if (res.ok || res.status < 500) return res; ...`: what follows, in the same block, runs only when the answer's
 * status is a failure, the good answers having left the loop.
 */
function afterSuccessLeaves(context: Context, block: TSESTree.BlockStatement, child: TSESTree.Node, loop: LoopStatement): boolean {
  const before = block.body.slice(0, block.body.indexOf(child as TSESTree.Statement));
  return before.some((statement) => statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate
    && leavesWithAnswer(statement.consequent, loop) && provesSuccess(context, statement.test));
}

/** A `return` of something or a `break` (a `throw` leaves on a failure, not with the answer). */
function leavesWithAnswer(statement: TSESTree.Statement, loop: LoopStatement): boolean {
  return endsBy(statement, AST_NODE_TYPES.ReturnStatement, AST_NODE_TYPES.BreakStatement) && alwaysLeavesLoop(statement, loop);
}

/**
 * Whether the test, true, says the answer is one not to try again: `res.ok`, a status below 500 (`< 400`, `< 500`),
 * a 2xx named (`=== 200`), or a test joining one of those with others (`res.ok || (res.status >= 400 && res.status <
 * 500)`).
 */
function provesSuccess(context: Context, test: TSESTree.Node): boolean {
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator !== '??') return provesSuccess(context, test.left) || provesSuccess(context, test.right);
  if (test.type === AST_NODE_TYPES.MemberExpression) return staticPropertyName(test) === 'ok';
  if (test.type !== AST_NODE_TYPES.BinaryExpression || test.right.type !== AST_NODE_TYPES.Literal || typeof test.right.value !== 'number' || !readsStatus(context, test.left)) return false;
  const limit = test.right.value;
  if (test.operator === '<' || test.operator === '<=') return limit <= 500 && limit >= 300;
  return (test.operator === '===' || test.operator === '==') && limit >= 200 && limit < 300;
}

/**
 * The test itself when it reads a status, else the value of a flag it tests that does (`const again = res
 * instanceof Error || res.status >= 500; if (again && left > 0) return this.request(req, left - 1)`).
 */
function statusTest(context: Context, test: TSESTree.Expression): TSESTree.Node | undefined {
  if (readsStatus(context, test)) return test;
  const flags = test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&' ? [test.left, test.right] : [test];
  for (const flag of flags) {
    const value = flag.type === AST_NODE_TYPES.Identifier ? constValue(context, flag) : undefined;
    if (value && readsStatus(context, value)) return value;
  }
  return undefined;
}

function constValue(context: Context, identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
  const variable = findVariable(context.sourceCode.getScope(identifier) as never, identifier) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  return variable?.defs.length === 1 && def?.type === 'Variable' && def.parent.kind === 'const' && def.node.init ? def.node.init : undefined;
}

/**
 * Whether the test, true, says the answer failed: a status the causes name (`=== 503`, a 429), one of 5xx
 * (`>= 500`), a list of failing statuses (`[408, 429, 502].includes(status)`), or a thrown error in the answer's
 * place (`res instanceof Error`), and any of those joined by `||` or `&&` (one of them says a failure, none a success).
 */
function provesFailure(context: Context, test: TSESTree.Node): boolean {
  // (`res.status === 429 || invalidContentType`: it goes round on a 429 at least, whatever else it goes round on)
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator !== '??') {
    return test.operator === '||' ? (provesFailure(context, test.left) || provesFailure(context, test.right)) && !provesSuccess(context, test)
      : provesFailure(context, test.left) || provesFailure(context, test.right);
  }
  // `!res.ok`: a 4xx or a 5xx
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!' && test.argument.type === AST_NODE_TYPES.MemberExpression
    && staticPropertyName(test.argument) === 'ok') return true;
  if (test.type === AST_NODE_TYPES.BinaryExpression) {
    if (test.operator === 'instanceof') return test.right.type === AST_NODE_TYPES.Identifier && /Error$/.test(test.right.name);
    const limit = test.right.type === AST_NODE_TYPES.Literal && typeof test.right.value === 'number' ? test.right.value : undefined;
    if (limit !== undefined && readsStatus(context, test.left) && ((test.operator === '>=' && limit >= 500) || (test.operator === '>' && limit >= 499))) return true;
  }
  if (test.type === AST_NODE_TYPES.CallExpression && test.callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(test.callee) === 'includes'
    && test.callee.object.type === AST_NODE_TYPES.ArrayExpression && test.callee.object.elements.length > 0) {
    return test.callee.object.elements.every((element) => element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'number' && element.value >= 400);
  }
  const cause = implied(context, test, true);
  return cause === 'failure' || cause === 'rate-limited';
}

function readsStatus(context: Context, test: TSESTree.Node): boolean {
  let found = false;
  walk(test, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && STATUS_MEMBERS.has(staticPropertyName(node) ?? '')) found = true;
    return !found;
  });
  return found;
}
