import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { isFunction, walkSameFunction } from './loops.js';
import { CALL, CONSTRUCT, findModuleReferences, moduleTrace, type TraceMap, type TraceMapElement } from './module-references.js';
import { classifyDuration, isRandomised, type RetryBound, type RetryConstruct, type RetryDelay } from './retries.js';
import { causeNamed, throwsNotReady } from './retry-causes.js';
import { getSettings } from './settings.js';
import { fileEnvironment } from '../project/file-environment.js';
import { localFunction } from './timer-settlement.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Retries configured through a library: axios-retry, p-retry, async-retry, async's `retry` and `retryable`, cockatiel,
 * got, ky, @resilint/runtime, and socket.io-client's reconnection.
 */

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

function httpClientTrace(library: string): TraceMapElement {
  const entry: TraceMapElement = { [CALL]: `${library}` };
  for (const verb of HTTP_VERBS) entry[verb] = { [CALL]: `${library}.${verb}` };
  for (const factory of ['extend', 'create', 'stream', 'paginate']) entry[factory] = { [CALL]: `${library}.${factory}` };
  return moduleTrace(entry);
}

const tracesBySettings = new WeakMap<object, TraceMap>();

function libraryTrace(context: Context): TraceMap {
  const settings = getSettings(context);
  const cached = tracesBySettings.get(settings);
  if (cached) return cached;
  const runtime = moduleTrace(undefined, { retry: { [CALL]: 'runtime' } });
  const trace: TraceMap = {
    'axios-retry': moduleTrace({ [CALL]: 'axios-retry' }),
    'p-retry': moduleTrace({ [CALL]: 'p-retry' }),
    'async-retry': moduleTrace({ [CALL]: 'async-retry' }),
    retry: moduleTrace({ operation: { [CALL]: 'retry.operation' } }, { operation: { [CALL]: 'retry.operation' } }),
    ...Object.fromEntries(['async', 'async-es'].map((module) => [module, moduleTrace({ retry: { [CALL]: 'async.retry' }, retryable: { [CALL]: 'async.retryable' } }, { retry: { [CALL]: 'async.retry' }, retryable: { [CALL]: 'async.retryable' } })])),
    'async/retry': moduleTrace({ [CALL]: 'async.retry' }),
    'async/retryable': moduleTrace({ [CALL]: 'async.retryable' }),
    cockatiel: moduleTrace(undefined, { retry: { [CALL]: 'cockatiel' } }),
    got: httpClientTrace('got'),
    ky: httpClientTrace('ky'),
    '@resilint/runtime': runtime,
    [settings.runtimeModule]: runtime,
    ioredis: moduleTrace({ [CONSTRUCT]: 'ioredis' }, { Redis: { [CONSTRUCT]: 'ioredis' } }),
    'socket.io-client': moduleTrace({ [CALL]: 'socket-io' }, { io: { [CALL]: 'socket-io' }, connect: { [CALL]: 'socket-io' } }),
  };
  tracesBySettings.set(settings, trace);
  return trace;
}

export function findLibraryRetries(context: Context): RetryConstruct[] {
  const found: RetryConstruct[] = [];
  for (const reference of findModuleReferences(context.sourceCode, libraryTrace(context))) {
    if (reference.node.type === AST_NODE_TYPES.NewExpression && reference.info === 'ioredis') {
      const reconnection = ioredisReconnection(context, reference.node);
      if (reconnection) found.push(reconnection);
      continue;
    }
    if (reference.node.type !== AST_NODE_TYPES.CallExpression) continue;
    const call = reference.node;
    const [library, verb] = reference.info.split('.');
    const construct =
      library === 'axios-retry'
        ? axiosRetry(context, call)
        : library === 'p-retry' || library === 'async-retry'
          ? promiseRetry(context, call, library)
          : library === 'retry'
            ? retryOperation(context, call)
          : library === 'async'
            ? asyncRetry(context, call, `\`async.${verb}\``)
          : library === 'cockatiel'
            ? cockatielRetry(context, call)
            : library === 'runtime'
              ? runtimeRetry(context, call)
              : library === 'socket-io'
                ? socketIoReconnection(context, call)
                : httpClientRetry(context, call, library!, verb);
    if (construct) found.push(construct);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Reading option objects

/** An object literal passed directly, or through a `const` in this file. */
export function objectLiteral(context: Context, node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSSatisfiesExpression) return objectLiteral(context, node.expression);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(node), node);
  const declarator = variable?.defs[0]?.node;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const') return undefined;
  return declarator.init ? objectLiteral(context, declarator.init) : undefined;
}

interface OptionLookup {
  /** The property with this name, if written. */
  readonly property: TSESTree.Property | undefined;
  /** Whether a spread (`...defaults`) may supply it unseen. */
  readonly maySpread: boolean;
}

export function option(object: TSESTree.ObjectExpression, key: string): OptionLookup {
  let property: TSESTree.Property | undefined;
  let maySpread = false;
  for (const member of object.properties) {
    if (member.type === AST_NODE_TYPES.SpreadElement) {
      maySpread = true;
      continue;
    }
    const name = member.computed
      ? undefined
      : member.key.type === AST_NODE_TYPES.Identifier
        ? member.key.name
        : member.key.type === AST_NODE_TYPES.Literal
          ? String(member.key.value)
          : undefined;
    if (name === key) property = member;
  }
  return { property, maySpread: maySpread && !property };
}

function staticValue(context: Context, node: TSESTree.Node | undefined): { value: unknown } | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Identifier && node.name === 'Infinity') return { value: Infinity };
  return ASTUtils.getStaticValue(node, context.sourceCode.getScope(node)) ?? undefined;
}

/** A function given as an option, written inline or as a `const`/declaration in this file. */
function functionValue(context: Context, node: TSESTree.Node | undefined): TSESTree.FunctionLike | undefined {
  if (!node) return undefined;
  return isFunction(node) ? node : localFunction(context, node);
}

function returnedExpressions(context: Context, fn: TSESTree.FunctionLike): TSESTree.Node[] {
  if (!fn.body) return [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const returned: TSESTree.Node[] = [];
  walkSameFunction(fn.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
  });
  return returned;
}

function parameterNames(fn: TSESTree.FunctionLike): Set<string> {
  const names = new Set<string>();
  const add = (pattern: TSESTree.Node): void => {
    if (pattern.type === AST_NODE_TYPES.Identifier) names.add(pattern.name);
    else if (pattern.type === AST_NODE_TYPES.AssignmentPattern) add(pattern.left);
    else if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of pattern.properties) add(property.type === AST_NODE_TYPES.RestElement ? property.argument : property.value);
    } else if (pattern.type === AST_NODE_TYPES.ArrayPattern) pattern.elements.forEach((element) => element && add(element));
  };
  fn.params.forEach(add);
  return names;
}

/** A delay written as a function of the attempt (`retryDelay`, `calculateDelay`, ky's `delay`). */
function delayFunction(context: Context, node: TSESTree.Node | undefined): { growth: RetryDelay; jitter: boolean } | undefined {
  const fn = functionValue(context, node);
  if (!fn?.body) return undefined;
  const returned = returnedExpressions(context, fn);
  if (returned.length === 0) return { growth: 'none', jitter: false };
  const varying = parameterNames(fn);
  let growth: RetryDelay = 'constant';
  let jitter = false;
  for (const expression of returned) {
    const kind = classifyDuration(context, expression, varying, fn.body);
    if (kind === 'growing') growth = 'growing';
    else if (kind === 'unknown' && growth === 'constant') growth = 'unknown';
    if (isRandomised(context, expression, fn.body)) jitter = true;
  }
  const zero = returned.every((expression) => staticValue(context, expression)?.value === 0);
  return { growth: zero ? 'none' : growth, jitter };
}

function retriedFunction(context: Context, node: TSESTree.Node | undefined): TSESTree.Node[] {
  const fn = functionValue(context, node);
  return fn?.body ? [fn.body] : [];
}

/** `policy.execute(fn)` for the policy this call creates (kept in a variable or chained). */
export function executedWork(context: Context, policyCall: TSESTree.CallExpression): TSESTree.Node[] {
  const executeArgument = (member: TSESTree.Node): TSESTree.Node[] => {
    const parent = member.parent;
    if (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === member &&
      calleeName(parent) === 'execute' &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    ) {
      return retriedFunction(context, parent.parent.arguments[0]);
    }
    return [];
  };
  const direct = executeArgument(policyCall);
  if (direct.length > 0) return direct;
  const declarator = policyCall.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(declarator), declarator.id);
  return variable ? variable.references.flatMap((reference) => executeArgument(reference.identifier)) : [];
}

function construct(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  name: string,
  parts: Omit<RetryConstruct, 'kind' | 'node' | 'loc' | 'name'>,
): RetryConstruct {
  return { kind: 'library', node: call, loc: call.loc, name, ...parts };
}

// ---------------------------------------------------------------------------------------------
// The libraries

/** axios-retry: `retries` (default 3), `retryDelay` (default no delay), `retryCondition`. */
function axiosRetry(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  if (call.arguments[1] && !objectLiteral(context, call.arguments[1])) return undefined;
  const options = objectLiteral(context, call.arguments[1]);
  const retries = options && option(options, 'retries');
  const retryDelay = options && option(options, 'retryDelay');
  const condition = options && option(options, 'retryCondition');
  let bound: RetryBound = 'attempts';
  if (retries?.maySpread) bound = 'unknown';
  else if (staticValue(context, retries?.property?.value)?.value === Infinity) bound = 'none';
  let delay: RetryDelay = 'none';
  let jitter: boolean | undefined = false;
  if (retryDelay?.maySpread) {
    delay = 'unknown';
    jitter = undefined;
  } else if (retryDelay?.property) {
    const value = retryDelay.property.value;
    const helper = value.type === AST_NODE_TYPES.CallExpression ? calleeName(value.callee) : calleeName(value);
    if (helper === 'exponentialDelay') {
      delay = 'growing';
      jitter = true; // axios-retry adds up to 20% at random
    } else if (helper === 'linearDelay') {
      delay = 'growing';
    } else {
      const described = delayFunction(context, value);
      delay = described?.growth ?? 'unknown';
      jitter = described ? described.jitter : undefined;
    }
  }
  const acceptsAll = condition?.property && acceptsEveryRequest(context, condition.property.value);
  return construct(call, '`axios-retry`', {
    retried: [],
    bound,
    boundNode: bound === 'none' ? retries?.property : undefined,
    delay,
    delayNode: retryDelay?.property,
    jitter,
    retriesNonIdempotent: acceptsAll ? { node: condition!.property!, method: 'POST' } : undefined,
  });
}

/** `retryCondition: () => true`: every failed request is retried, whatever its method. */
function acceptsEveryRequest(context: Context, node: TSESTree.Node): boolean {
  const fn = functionValue(context, node);
  if (!fn) return false;
  const returned = returnedExpressions(context, fn);
  return returned.length > 0 && returned.every((expression) => staticValue(context, expression)?.value === true);
}

/**
 * p-retry and async-retry (both on the `retry` package's timeouts): `retries` (default 10), `factor` (default 2),
 * `minTimeout`/`maxTimeout`, `randomize` (default false in p-retry, true in async-retry), `forever`, `maxRetryTime`.
 */
function promiseRetry(context: Context, call: TSESTree.CallExpression, library: string): RetryConstruct | undefined {
  return retryModuleConstruct(context, call, call.arguments[1], `\`${library}\``, retriedFunction(context, call.arguments[0]), library === 'async-retry');
}

/**
 * The `retry` package's `retry.operation(options)` (what p-retry and async-retry are built on): the function handed to
 * `operation.attempt(fn)` is run again each time its catch calls `operation.retry(error)`.
 */
function retryOperation(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  const holder = call.parent;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(holder), holder.id);
  const attempted = (variable?.references ?? []).flatMap((reference) => {
    const member = reference.identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && calleeName(member) === 'attempt'
      && member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member ? retriedFunction(context, member.parent.arguments[0]) : [];
  });
  return attempted.length === 0 ? undefined : retryModuleConstruct(context, call, call.arguments[0], '`retry.operation`', attempted, false);
}

/** The options of the `retry` package, as p-retry, async-retry and `retry.operation` take them. */
function retryModuleConstruct(
  context: Context, call: TSESTree.CallExpression, given: TSESTree.Node | undefined, name: string, retried: TSESTree.Node[], jitterByDefault: boolean,
): RetryConstruct {
  // Options this file does not show (a parameter, `this.retryOptions`): still a retry of the function it is given.
  if (given && !objectLiteral(context, given)) return construct(call, name, { retried, bound: 'unknown', delay: 'unknown', jitter: undefined });
  const options = objectLiteral(context, given);
  const read = (key: string): OptionLookup | undefined => (options ? option(options, key) : undefined);
  const value = (key: string): unknown => staticValue(context, read(key)?.property?.value)?.value;
  const spread = options?.properties.some((member) => member.type === AST_NODE_TYPES.SpreadElement) ?? false;

  let bound: RetryBound = spread ? 'unknown' : 'attempts';
  let boundNode: TSESTree.Node | undefined;
  if (value('forever') === true) {
    bound = 'none';
    boundNode = read('forever')?.property;
  } else if (value('retries') === Infinity) {
    bound = 'none';
    boundNode = read('retries')?.property;
  }
  const maxRetryTime = value('maxRetryTime');
  if (bound === 'none' && typeof maxRetryTime === 'number' && Number.isFinite(maxRetryTime)) bound = 'deadline';

  let delay: RetryDelay = spread ? 'unknown' : 'growing';
  let delayNode: TSESTree.Node | undefined;
  const minTimeout = value('minTimeout');
  const maxTimeout = value('maxTimeout');
  if (value('factor') === 1) {
    delay = 'constant';
    delayNode = read('factor')?.property;
  } else if (typeof minTimeout === 'number' && minTimeout === maxTimeout) {
    delay = minTimeout === 0 ? 'none' : 'constant';
    delayNode = read('maxTimeout')?.property;
  } else if (minTimeout === 0 && read('factor') === undefined && !spread) {
    delay = 'none';
    delayNode = read('minTimeout')?.property;
  }
  const randomize = value('randomize');
  const jitter = spread ? undefined : randomize === undefined ? jitterByDefault : randomize === true;
  const retries = value('retries');
  // a start-up load retried until it succeeds, a minute apart at most, each failure logged: bounded in load, seen
  const capped = typeof maxTimeout === 'number' && Number.isFinite(maxTimeout);
  const watched = bound === 'none' && delay === 'growing' && capped && (read('onFailedAttempt')?.property !== undefined || read('onRetry')?.property !== undefined);
  return construct(call, name, {
    retried,
    // the work throws "not there yet" (a token the person has not approved yet): polling through the library
    ...(retried.some((node) => throwsNotReady(context, node)) ? { cause: 'not-ready' as const } : {}),
    bound,
    ...(watched ? { watched } : {}),
    boundNode,
    // The `retry` package's default is 10 retries.
    ...(bound === 'attempts' && !spread ? { attemptLimit: typeof retries === 'number' ? retries : 10 } : {}),
    delay,
    delayNode,
    jitter,
  });
}

/**
 * async's `retry([options,] task[, callback])` and `retryable([options,] task)`: `options` is a count (`times`) or
 * `{ times, interval, errorFilter }`; 5 attempts 0 ms apart by default, `interval` a fixed wait or a function of the
 * attempt. `times: Infinity` (or `Number.POSITIVE_INFINITY`) tries for ever: a poll that waits on a job that never ends.
 */
function asyncRetry(context: Context, call: TSESTree.CallExpression, name: string): RetryConstruct | undefined {
  const first = call.arguments[0];
  const task = first && (isFunction(first) || functionValue(context, first)) ? first : call.arguments[1];
  const given = task === first ? undefined : first;
  const options = objectLiteral(context, given);
  const retried = retriedFunction(context, asyncTask(task));
  const count = (node: TSESTree.Node | undefined): unknown => staticValue(context, node)?.value;
  if (given && !options) {
    // `retry(3, task)`: a count; anything else this file cannot read
    const times = count(given);
    if (typeof times !== 'number') return construct(call, name, { retried, bound: 'unknown', delay: 'unknown', jitter: undefined });
    return construct(call, name, { retried, bound: times === Infinity ? 'none' : 'attempts', ...(times === Infinity ? {} : { attemptLimit: times }), delay: 'none', jitter: false });
  }
  const spread = options?.properties.some((member) => member.type === AST_NODE_TYPES.SpreadElement) ?? false;
  const times = options && option(options, 'times');
  const interval = options && option(options, 'interval');
  // `errorFilter: (error) => error.name === 'JobStatusPendingError'`: it goes round only while the work is not done
  const filter = options && option(options, 'errorFilter').property?.value;
  const polls = (filter !== undefined && causeNamed(context.sourceCode.getText(filter)) === 'not-ready') || retried.some((node) => throwsNotReady(context, node))
    || answersAtOnce(context, functionValue(context, asyncTask(task)));
  const timesValue = count(times?.property?.value);
  const bound: RetryBound = spread ? 'unknown' : timesValue === Infinity ? 'none' : 'attempts';
  const intervalValue = interval?.property ? count(interval.property.value) : 0;
  const delay: RetryDelay = spread || (interval?.property && isFunction(interval.property.value)) ? (spread ? 'unknown' : 'growing') : intervalValue === 0 ? 'none' : typeof intervalValue === 'number' ? 'constant' : 'unknown';
  return construct(call, name, {
    retried,
    ...(polls ? { cause: 'not-ready' as const } : {}),
    bound,
    ...(bound === 'none' ? { boundNode: times?.property } : {}),
    ...(bound === 'attempts' ? { attemptLimit: typeof timesValue === 'number' ? timesValue : 5 } : {}),
    delay,
    ...(interval?.property ? { delayNode: interval.property } : {}),
    jitter: delay === 'growing' ? undefined : false,
  });
}

/**
 * A task that calls its callback before it returns, every time (`job = findJob(id); return job ? callback() :
 * callback('NOPE')`): it waits on nothing, so what it asks again is state in this process (a job not registered yet),
 * polled, not a dependency that failed.
 */
function answersAtOnce(context: Context, task: TSESTree.FunctionLike | undefined): boolean {
  const callback = task?.params.at(-1);
  if (!task?.body || task.async || callback?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(task.body), callback.name);
  const uses = (variable?.references ?? []).map((reference) => reference.identifier);
  let direct = 0;
  walkSameFunction(task.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && uses.includes(node.callee)) direct++;
  });
  return uses.length > 0 && direct === uses.length;
}

/** The function async runs, through its own adapters: `async.ensureAsync(fn)`, `async.asyncify(fn)`. */
function asyncTask(task: TSESTree.Node | undefined): TSESTree.Node | undefined {
  return task?.type === AST_NODE_TYPES.CallExpression && ['ensureAsync', 'asyncify', 'wrapSync'].includes(calleeName(task.callee) ?? '') ? task.arguments[0] : task;
}

/** cockatiel `retry(policy, { maxAttempts, backoff })`: unbounded and without delay by default. */
function cockatielRetry(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  if (call.arguments[1] && !objectLiteral(context, call.arguments[1])) return undefined;
  const options = objectLiteral(context, call.arguments[1]);
  const maxAttempts = options && option(options, 'maxAttempts');
  const backoff = options && option(options, 'backoff');
  let bound: RetryBound = 'attempts';
  if (maxAttempts?.maySpread) bound = 'unknown';
  else if (!maxAttempts?.property || staticValue(context, maxAttempts.property.value)?.value === Infinity) bound = 'none';

  let delay: RetryDelay = 'none';
  let jitter: boolean | undefined = false;
  if (backoff?.maySpread) {
    delay = 'unknown';
    jitter = undefined;
  } else if (backoff?.property) {
    const created = constructed(context, backoff.property.value);
    const className = created && calleeName(created.callee);
    if (className === 'ConstantBackoff') {
      delay = staticValue(context, created!.arguments[0])?.value === 0 ? 'none' : 'constant';
    } else if (className === 'ExponentialBackoff') {
      delay = 'growing';
      const generator = objectLiteral(context, created!.arguments[0]);
      const chosen = generator && option(generator, 'generator').property?.value;
      jitter = !(chosen && calleeName(chosen) === 'noJitterGenerator');
    } else if (className === 'IterableBackoff') {
      const values = staticValue(context, created!.arguments[0])?.value;
      delay = Array.isArray(values) && values.length > 0 && values.every((item) => item === values[0]) ? 'constant' : 'unknown';
    } else {
      delay = 'unknown';
      jitter = undefined;
    }
  }
  return construct(call, "cockatiel's `retry`", {
    retried: executedWork(context, call),
    bound,
    boundNode: bound === 'none' ? maxAttempts?.property : undefined,
    delay,
    delayNode: backoff?.property,
    jitter,
  });
}

function constructed(context: Context, node: TSESTree.Node): TSESTree.NewExpression | undefined {
  if (node.type === AST_NODE_TYPES.NewExpression) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declarator = ASTUtils.findVariable(context.sourceCode.getScope(node), node)?.defs[0]?.node;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init?.type === AST_NODE_TYPES.NewExpression
    ? declarator.init
    : undefined;
}

/**
 * socket.io-client: `io(url, { ... })` reconnects after every drop, for ever by default (`reconnectionAttempts:
 * Infinity`), 1 s to 5 s apart with jitter. In a page or a service that is the point: it keeps trying. In a command run
 * in a terminal or a CI job, a server that went away leaves the command waiting for ever: reported there only, unless
 * `reconnection: false` or a finite `reconnectionAttempts` is set. Options this file does not show are not judged.
 */
function socketIoReconnection(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  const { sourceCode } = context;
  if (fileEnvironment(context.physicalFilename, sourceCode.text, getSettings(context).files, sourceCode.scopeManager) !== 'cli') return undefined;
  const [first, second] = call.arguments;
  const given = second ?? (first?.type === AST_NODE_TYPES.ObjectExpression ? first : undefined);
  const options = given ? objectLiteral(context, given) : undefined;
  if (given && (!options || options.properties.some((member) => member.type === AST_NODE_TYPES.SpreadElement))) return undefined;
  const value = (key: string): unknown => (options ? staticValue(context, option(options, key)?.property?.value)?.value : undefined);
  if (value('reconnection') === false) return undefined;
  const attempts = value('reconnectionAttempts');
  if (typeof attempts === 'number' && Number.isFinite(attempts)) return undefined;
  // a count this file cannot read (a setting) may be finite
  if (options && option(options, 'reconnectionAttempts').property && attempts === undefined) return undefined;
  return construct(call, '`socket.io-client`', { retried: [call], bound: 'none', delay: 'growing', jitter: true });
}

/**
 * ioredis's reconnection: `retryStrategy(times)` gives the wait before the next reconnect (its default grows, 50 ms a
 * try up to 2 s). One that returns a fixed wait (`() => 10`) reconnects every client at once, a hundred times a second,
 * for as long as Redis is down. Reconnecting for ever is what a long-lived client does: only the wait is judged.
 */
function ioredisReconnection(context: Context, node: TSESTree.NewExpression): RetryConstruct | undefined {
  const options = [...node.arguments].reverse().map((argument) => objectLiteral(context, argument)).find((object) => object !== undefined);
  const strategy = options && option(options, 'retryStrategy').property;
  const described = strategy && delayFunction(context, strategy.value);
  if (!strategy || !described) return undefined;
  return construct(node, '`ioredis` reconnection', { retried: [node], bound: 'unknown', delay: described.growth, delayNode: strategy, jitter: described.jitter });
}

/** @resilint/runtime `retry({ maxAttempts, backoff: exponentialBackoff({ ... }) })`: bounded, backing off with jitter by default. */
function runtimeRetry(context: Context, call: TSESTree.CallExpression): RetryConstruct | undefined {
  if (call.arguments[0] && !objectLiteral(context, call.arguments[0])) return undefined;
  const options = objectLiteral(context, call.arguments[0]);
  const maxAttempts = options && option(options, 'maxAttempts');
  const backoff = options && option(options, 'backoff');
  const bound: RetryBound = maxAttempts?.maySpread
    ? 'unknown'
    : staticValue(context, maxAttempts?.property?.value)?.value === Infinity
      ? 'none'
      : 'attempts';
  let delay: RetryDelay = backoff?.maySpread ? 'unknown' : 'growing';
  let jitter: boolean | undefined = backoff?.maySpread ? undefined : true;
  const backoffValue = backoff?.property?.value;
  if (backoffValue?.type === AST_NODE_TYPES.CallExpression && calleeName(backoffValue.callee) === 'exponentialBackoff') {
    const settings = objectLiteral(context, backoffValue.arguments[0]);
    const read = (key: string): unknown => (settings ? staticValue(context, option(settings, key).property?.value)?.value : undefined);
    const initial = read('initialDelayMs');
    if (initial === 0) delay = 'none';
    else if (read('multiplier') === 1 || (typeof initial === 'number' && initial === read('maxDelayMs'))) delay = 'constant';
    jitter = read('jitter') !== 'none';
  } else if (backoffValue) {
    const custom = objectLiteral(context, backoffValue);
    const delayMs = custom && option(custom, 'delayMs').property?.value;
    const described = delayMs ? delayFunction(context, delayMs) : undefined;
    delay = described?.growth ?? 'unknown';
    jitter = described?.jitter;
  }
  return construct(call, '`retry` from the runtime', {
    retried: executedWork(context, call),
    bound,
    boundNode: bound === 'none' ? maxAttempts?.property : undefined,
    delay,
    delayNode: backoff?.property,
    jitter,
  });
}

/**
 * got and ky `retry` options on a request or an instance (`extend`/`create`): a number (the limit) or
 * `{ limit, methods, calculateDelay (got) / delay (ky) }`. Their default delays grow; got's is randomised.
 */
function httpClientRetry(
  context: Context,
  call: TSESTree.CallExpression,
  library: string,
  verb: string | undefined,
): RetryConstruct | undefined {
  const options = [...call.arguments].reverse().map((argument) => objectLiteral(context, argument)).find(Boolean);
  const retry = options && option(options, 'retry').property;
  if (!retry) return undefined;
  const label = `${library}'s \`retry\` option`;
  const limitValue = (node: TSESTree.Node | undefined): unknown => staticValue(context, node)?.value;
  if (retry.value.type !== AST_NODE_TYPES.ObjectExpression) {
    const limit = limitValue(retry.value);
    if (limit === undefined) return undefined;
    return construct(call, label, {
      retried: [],
      bound: limit === Infinity ? 'none' : 'attempts',
      boundNode: limit === Infinity ? retry : undefined,
      delay: 'growing',
      jitter: library === 'got' ? true : undefined,
    });
  }
  const settings = retry.value;
  const limit = option(settings, 'limit');
  const methods = option(settings, 'methods').property;
  const delayOption = option(settings, library === 'got' ? 'calculateDelay' : 'delay').property;
  const limitNumber = limit.maySpread ? undefined : limitValue(limit.property?.value);
  const bound: RetryBound = limit.maySpread ? 'unknown' : limitNumber === Infinity ? 'none' : 'attempts';
  const described = delayOption ? delayFunction(context, delayOption.value) : undefined;
  let delay: RetryDelay = delayOption ? described?.growth ?? 'unknown' : 'growing';
  let jitter: boolean | undefined = delayOption ? described?.jitter : library === 'got' ? true : undefined;
  if (library === 'got' && delayOption && described?.growth === 'growing') {
    // got hands `computedValue`, its own randomised exponential delay, to calculateDelay.
    const fn = functionValue(context, delayOption.value);
    if (fn && parameterNames(fn).has('computedValue')) jitter = true;
  }
  if (library === 'ky') {
    const kyJitter = option(settings, 'jitter').property;
    if (kyJitter && staticValue(context, kyJitter.value)?.value !== false) jitter = true;
  }
  const methodList = methods ? staticValue(context, methods.value)?.value : undefined;
  const unsafe = Array.isArray(methodList)
    ? methodList.find((method) => typeof method === 'string' && ['POST', 'PATCH'].includes(method.toUpperCase()))
    : undefined;
  if (delay === 'none') jitter = false;
  return construct(call, label, {
    retried: [],
    bound,
    boundNode: bound === 'none' ? limit.property : undefined,
    // counted as p-retry's `retries` are: `limit: 1` is one second try, no series a fixed wait could keep in lock-step
    ...(typeof limitNumber === 'number' && Number.isFinite(limitNumber) ? { attemptLimit: limitNumber } : {}),
    delay,
    delayNode: delayOption,
    jitter,
    retriesNonIdempotent:
      typeof unsafe === 'string' && (verb === undefined || !['get', 'head', 'options', 'put', 'delete'].includes(verb))
        ? { node: methods!, method: unsafe.toUpperCase() }
        : undefined,
  });
}

