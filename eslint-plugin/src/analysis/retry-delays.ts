import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName, containsUnreadableWait, findDelays, type Delay } from './delays.js';
import { contains, functionName, getFileNodes, isFunction, walk, walkSameFunction, type FunctionNode } from './loops.js';
import { mentions } from './retry-bounds.js';
import type { RetryDelay } from './retries.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** How a retry's waits behave across attempts: none, the same each time, growing, randomised. */

export type DurationGrowth = 'constant' | 'growing' | 'unknown';

interface DelayDescription {
  growth: RetryDelay;
  jitter: boolean | undefined;
  /** Every wait is the time the server asked for (`Retry-After`): the server sets the pace, not the client. */
  serverPaced?: boolean;
}

/**
 * How the delays found in a retry behave across attempts. `varying` holds the texts of what changes between
 * attempts (counters, parameters the retry passes anew); `region` is the code re-run on each attempt.
 */
export function describeDelays(
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
  // A wait read from the refusal (`await sleep(retryAfterSeconds * 1000)`) is as long as the server asked, which is
  // what a rate-limited client should do; the other waits of the same retry still say how it spaces other failures.
  const paced = delays.filter((delay) => delay.duration !== undefined && pacedByServer(context, delay.duration, region));
  if (paced.length === delays.length) return { growth: 'unknown', jitter: undefined, serverPaced: true };
  let growth: RetryDelay = 'constant';
  let jitter: boolean | undefined = false;
  let helperMayRandomise = false;
  for (const delay of delays) {
    if (paced.includes(delay)) continue;
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

/** The header (or an SDK error's field) in which a server says when to come back. */
const RETRY_AFTER = /^(?:retry[-_]?after(?:[-_]?ms)?|x-ratelimit-reset|ratelimit-reset)$/i;

/**
 * Whether a duration comes from what the server said (`err.response.headers['retry-after']`, `headers.get('Retry-After')`,
 * an SDK error's `retryAfter`), directly or through variables set from it in the retried code.
 */
export function pacedByServer(context: Context, duration: TSESTree.Node, region: TSESTree.Node, depth = 0): boolean {
  let found = false;
  walkSameFunction(duration, context.sourceCode.visitorKeys, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') found = RETRY_AFTER.test(node.value);
    else if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
      found = RETRY_AFTER.test(node.property.name);
    } else if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
      const definition = ASTUtils.findVariable(context.sourceCode.getScope(node), node)?.defs[0];
      const declarator = definition?.node;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || !contains(region, declarator) || declarator.init === duration) return;
      // `const { retryAfter } = error`
      const property = definition!.name.parent;
      const key = property?.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : '';
      found = RETRY_AFTER.test(key) || pacedByServer(context, declarator.init, region, depth + 1);
    }
  });
  return found;
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

/** `withTimeout(work, ms)`: its timer ends the wait for the work early, it adds no wait between attempts. */
function racesTimer(context: Context, fn: FunctionNode): boolean {
  let found = false;
  walkSameFunction(fn.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && context.sourceCode.getText(node.callee) === 'Promise.race') found = true;
  });
  return found;
}

const delayingNamesCache = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

function delayingFunctionNames(context: Context): ReadonlySet<string> {
  const cached = delayingNamesCache.get(context.sourceCode.ast);
  if (cached) return cached;
  const names = new Set<string>();
  const others: [FunctionNode, string][] = [];
  for (const fn of getFileNodes(context.sourceCode).functions) {
    const fnName = functionName(fn);
    if (!fnName || racesTimer(context, fn)) continue;
    if (findDelays(context, fn.body).length > 0 || containsUnreadableWait(context, fn.body) || promiseAfterTimer(context, fn)) names.add(fnName.name);
    else others.push([fn, fnName.name]);
  }
  // one awaiting such a function (`await this.recoverFromError(err)`, which awaits what `startKeepAlives()` returns)
  // waits too: followed until nothing is added
  for (let grew = true; grew;) {
    grew = false;
    for (const [fn, name] of others) {
      if (names.has(name) || !awaitsCallOf(context, fn, names)) continue;
      names.add(name);
      grew = true;
    }
  }
  delayingNamesCache.set(context.sourceCode.ast, names);
  return names;
}

/** `this.timer = setTimeout(this.poke, delay); return this.returned.promise`: a promise settled after a timer it arms. */
function promiseAfterTimer(context: Context, fn: FunctionNode): boolean {
  let timer = false;
  let returns = false;
  walkSameFunction(fn.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'setTimeout') timer = true;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returns = true;
  });
  return timer && returns;
}

/** An `await` in the function, and a call of one of `names` (awaited there, or held and awaited later). */
function awaitsCallOf(context: Context, fn: FunctionNode, names: ReadonlySet<string>): boolean {
  let awaits = false;
  let calls = false;
  walkSameFunction(fn.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AwaitExpression) awaits = true;
    if (node.type === AST_NODE_TYPES.CallExpression && names.has(calleeName(node.callee) ?? '')) calls = true;
  });
  return awaits && calls;
}
