import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { failsByEvent, getExternalCalls, type ExternalCall } from '../analysis/external-calls.js';
import { unawaitedByMistake } from '../analysis/missing-await.js';
import { importersTakeExport } from '../analysis/exported-promises.js';
import { fetchesModuleAsset, isOwnOriginCall } from '../analysis/own-origin.js';
import { getProtection, type EscapeRoute, type Fate } from '../analysis/protection.js';
import { getSettings, type ResilintSettings } from '../analysis/settings.js';
import { createRule } from '../create-rule.js';
import { fileEnvironment } from '../project/file-environment.js';
import { environmentAt } from '../analysis/code-environment.js';
import { enclosingFunction, withFileNodes } from '../analysis/loops.js';
import { failureOnlyLogged } from '../analysis/logged-rejections.js';
import { memberKeyName } from '../analysis/member-syntax.js';
import { asyncExecutorSuggestions, callbackFailureSuggestions, droppedAsyncCallSuggestions, droppedMapSuggestions, failureHandlingSuggestions, fixMessages } from '../fixes/suggestions.js';
import { bodyTryCatchCatches } from '../fixes/handle-failure.js';
import { droppedAsyncCallAround, droppedMapAround, droppedMapLabel, forEachAround } from '../fixes/dropped-map.js';

type Options = [{ scope?: 'boundary' | 'function'; checkOwnOrigin?: boolean; checkPages?: boolean; checkLoggedRejections?: boolean }];
type MessageId =
  | 'floating'
  | 'exported'
  | 'callback'
  | 'callbackCalls'
  | 'topLevel'
  | 'errorEvent'
  | 'caller'
  | 'droppedMap'
  | 'droppedAsyncCall'
  | 'fixAwait'
  | 'fixAddFallback'
  | 'fixWrapInBreakerAndFallback'
  | 'fixWrapInPipeline'
  | 'fixAddCatch'
  | 'fixWrapInTryCatch'
  | 'fixCatchInCallback'
  | 'fixAddErrorListener'
  | 'fixRejectOnError'
  | 'fixRejectInExecutor'
  | 'fixAwaitEveryPromise'
  | 'fixAwaitEveryPromiseAndForEach'
  | 'fixSettleEveryPromise'
  | 'fixLogEveryFailure';

export default createRule<Options, MessageId>({
  name: 'no-unprotected-call',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow calls to a network, database or SDK client whose failure can escape unhandled',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          scope: {
            type: 'string',
            enum: ['boundary', 'function'],
            description: '"boundary": a failure handed to the caller is fine; "function": handle every call in its own function.',
          },
          checkOwnOrigin: {
            type: 'boolean',
            description: "Also report browser calls to the page's own origin: relative URLs, bundled assets, localhost.",
          },
          checkPages: {
            type: 'boolean',
            description: 'Also report promises dropped in code that runs in a page: there a rejection is logged and the page goes on.',
          },
          checkLoggedRejections: {
            type: 'boolean',
            description: "Also report promises dropped in a package whose process installs an 'unhandledRejection' handler that logs and goes on.",
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      floating:
        'The failure of {{call}} escapes: its promise is not awaited, returned or given a rejection handler, so a failure becomes an unhandled rejection.',
      exported:
        "The failure of {{call}} waits in the exported promise `{{name}}` for an importer to await it: a failure before one does, or when none does, is an unhandled rejection.",
      callback:
        'The failure of {{call}} escapes from the {{callback}} callback, whose result nobody awaits, so a failure becomes an unhandled rejection.',
      callbackCalls:
        'The failures of {{call}} and {{others}} escape from the {{callback}} callback, whose result nobody awaits, so a failure becomes an unhandled rejection.',
      topLevel: 'The failure of {{call}} escapes from top-level code: nothing catches it, so a failure stops the module.',
      errorEvent:
        "The failure of {{call}} escapes: the request has no 'error' listener, so a network error crashes the process.",
      caller:
        'The failure of {{call}} escapes to the caller of {{function}}: handle it here (try/catch, .catch or a fallback policy).',
      droppedMap:
        'The failure of {{call}} escapes: `{{map}}` makes a promise for each item and nobody awaits them, so each failure becomes an unhandled rejection.',
      droppedAsyncCall:
        'The failure of {{call}} escapes: it is awaited inside an async function called here, whose promise is not awaited, returned or given a rejection handler, so a failure becomes an unhandled rejection.',
      fixAwait: fixMessages.fixAwait,
      fixAddFallback: fixMessages.fixAddFallback,
      fixWrapInBreakerAndFallback: fixMessages.fixWrapInBreakerAndFallback,
      fixWrapInPipeline: fixMessages.fixWrapInPipeline,
      fixAddCatch: fixMessages.fixAddCatch,
      fixWrapInTryCatch: fixMessages.fixWrapInTryCatch,
      fixCatchInCallback: fixMessages.fixCatchInCallback,
      fixAddErrorListener: fixMessages.fixAddErrorListener,
      fixRejectOnError: fixMessages.fixRejectOnError,
      fixRejectInExecutor: fixMessages.fixRejectInExecutor,
      fixAwaitEveryPromise: fixMessages.fixAwaitEveryPromise,
      fixAwaitEveryPromiseAndForEach: fixMessages.fixAwaitEveryPromiseAndForEach,
      fixSettleEveryPromise: fixMessages.fixSettleEveryPromise,
      fixLogEveryFailure: fixMessages.fixLogEveryFailure,
    },
  },
  defaultOptions: [{ scope: 'boundary', checkOwnOrigin: false, checkPages: false, checkLoggedRejections: false }],
  create(context, [{ scope = 'boundary', checkOwnOrigin = false, checkPages = false, checkLoggedRejections = false }]) {
    const report = (call: ExternalCall, route: EscapeRoute, awaitHandsOn: boolean): void => {
      const { messageId, data } = describeRoute(route);
      context.report({
        node: call.node,
        messageId,
        data: { call: call.label, ...data },
        suggest: route.type === 'callback' && route.executor
          ? asyncExecutorSuggestions(context, call, route.fn)
          : failureHandlingSuggestions(context, call, awaitHandsOn, route.type === 'callback'),
      });
    };
    const reportedMaps = new Set<TSESTree.CallExpression>();
    const reportDroppedMap = (call: ExternalCall, map: TSESTree.CallExpression, awaited: Fate, forEach: TSESTree.CallExpression | undefined): void => {
      const awaitReaches = awaited.kind === 'handled' ? 'catch' : awaited.kind === 'handed-on' && scope === 'boundary' ? 'caller' : undefined;
      context.report({
        // `items.map`, not the whole callback
        loc: { start: map.loc.start, end: map.callee.loc.end },
        messageId: 'droppedMap',
        data: { call: call.label, map: droppedMapLabel(context.sourceCode, map) },
        suggest: droppedMapSuggestions(context, map, awaitReaches, forEach),
      });
    };
    const reportDroppedAsyncCall = (dropped: TSESTree.CallExpression, calls: readonly ExternalCall[]): void => {
      const fn = dropped.callee as TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
      const outer = enclosingFunction(dropped);
      const label = outer ? `the async task in ${functionName(outer)}` : 'the async task';
      // with one call inside, handling that call also resolves the finding
      const forTheCall = calls.length === 1
        ? failureHandlingSuggestions(context, calls[0]!).filter(({ messageId }) => messageId !== 'fixAddCatch' && messageId !== 'fixAwait')
        : [];
      context.report({
        // `(async () =>`, not the whole body
        loc: { start: dropped.loc.start, end: fn.body.loc.start },
        messageId: 'droppedAsyncCall',
        data: { call: calls[0]!.label },
        suggest: [...droppedAsyncCallSuggestions(context, dropped, label), ...forTheCall],
      });
    };
    // One finding for an async callback several calls of which fail into it (a listener joining one room, then
    // another): one try/catch around its body is the fix, where a catch around each call would be three.
    const reportCallbackCalls = (route: Extract<EscapeRoute, { type: 'callback' }>, escaping: readonly { call: ExternalCall; awaitHandsOn: boolean }[]): void => {
      const calls = escaping.map(({ call }) => call);
      if (calls.length === 1 || !bodyTryCatchCatches(context.sourceCode, route.fn, calls.map((call) => call.node))) {
        for (const { call, awaitHandsOn } of escaping) report(call, route, awaitHandsOn);
        return;
      }
      const others = calls.length - 1;
      context.report({
        node: calls[0]!.node,
        messageId: 'callbackCalls',
        data: { call: calls[0]!.label, others: `${others} other call${others === 1 ? '' : 's'}`, callback: route.callback },
        suggest: callbackFailureSuggestions(context, route.fn, route.callback),
      });
    };
    return withFileNodes(context.sourceCode, {
      'Program:exit'(_program: TSESTree.Program) {
        const settings = getSettings(context);
        const protection = getProtection(context.sourceCode, settings, context.physicalFilename);
        const droppedAsyncCalls = new Map<TSESTree.CallExpression, ExternalCall[]>();
        const callbackCalls = new Map<TSESTree.Node, { route: Extract<EscapeRoute, { type: 'callback' }>; escaping: { call: ExternalCall; awaitHandsOn: boolean }[] }>();
        for (const call of getExternalCalls(context).calls) {
          if (!checkOwnOrigin && isOwnOriginCall(call, context.sourceCode, context.physicalFilename, settings)) continue;
          // its failures come back as a result (Resend's `{ error }`) or go to a callback as its answer streams in
          // (the AI SDK's `streamText`): none can escape, awaited or not
          if (call.resolvesWithError || call.streamsResult) continue;
          // a file shipped beside the module, read through its URL, on a server too: no dependency whose failure could escape
          if (!checkOwnOrigin && fetchesModuleAsset(call, context.sourceCode)) continue;
          const fate = protection.fateOfCall(call.node, { scope, eventStyle: failsByEvent(call) });
          if (fate.kind !== 'escapes' || isScriptEntryPoint(call, fate.to, context.physicalFilename, context.sourceCode, settings)) continue;
          // a promise kept for the modules that import it: their awaits receive its failure, as a function's callers do
          if (fate.to.type === 'exported' && scope === 'boundary' && importersTakeExport(context.physicalFilename, fate.to.name)) continue;
          if (isDeferredStartup(call, fate.to, context.physicalFilename, context.sourceCode, settings) || isConstructorStartup(call, fate.to, context.physicalFilename, context.sourceCode, settings)) continue;
          if (fate.to.type === 'floating' && isStartupCheckThatFailsTheApp(call.node)) continue;
          if (!checkOwnOrigin && fate.to.type === 'floating' && isPageBeacon(call, fate.to.promise, context.sourceCode, context.physicalFilename, settings)) continue;
          // a promise dropped in a page: its failure is a line in the console, and the page goes on
          if (!checkPages && fate.to.type === 'floating' && environmentAt(call.node, context.sourceCode, context.physicalFilename, settings) === 'browser') continue;
          // the process logs unhandled rejections and goes on: the failure is logged, as its author chose
          if (!checkLoggedRejections && failureOnlyLogged(call.node, fate.to, context.physicalFilename)) continue;
          // one finding for an async function called at once and dropped, however many calls it awaits
          const droppedAsync = fate.to.type === 'floating' ? droppedAsyncCallAround(call.node, fate.to.promise) : undefined;
          if (droppedAsync) {
            droppedAsyncCalls.set(droppedAsync, [...(droppedAsyncCalls.get(droppedAsync) ?? []), call]);
            continue;
          }
          const map = fate.to.type === 'floating' ? droppedMapAround(call.node, fate.to.promise) : undefined;
          if (map) {
            // one finding for the map, however many calls inside it fail into its promises
            if (!reportedMaps.has(map)) {
              // awaited inside a forEach(async ...), the failure would escape there: await that forEach too
              let awaited = protection.fateIfAwaited(map, scope);
              const forEach = awaited.kind === 'escapes' && awaited.to.type === 'callback' ? forEachAround(map) : undefined;
              if (forEach) awaited = protection.fateIfAwaited(forEach, scope);
              reportDroppedMap(call, map, awaited, forEach);
            }
            reportedMaps.add(map);
            continue;
          }
          // a floating call that, awaited, would hand its failure to a caller that receives it, left unawaited by
          // mistake, not by design (a refresh put in the background): see missing-await.ts
          const awaited = fate.to.type === 'floating' && unawaitedByMistake(context.sourceCode, call.node) ? protection.fateIfAwaited(call.node, scope).kind : undefined;
          const awaitHandsOn = awaited === 'handled' || (awaited === 'handed-on' && scope === 'boundary');
          if (fate.to.type === 'callback') {
            const group = callbackCalls.get(fate.to.fn) ?? { route: fate.to, escaping: [] };
            group.escaping.push({ call, awaitHandsOn });
            callbackCalls.set(fate.to.fn, group);
            continue;
          }
          report(call, fate.to, awaitHandsOn);
        }
        for (const [dropped, calls] of droppedAsyncCalls) reportDroppedAsyncCall(dropped, calls);
        for (const { route, escaping } of callbackCalls.values()) reportCallbackCalls(route, escaping);
      },
    });
  },
});

/** Names a script gives the function it starts with. */
const ENTRY_POINT = /^(?:main|run|start|bootstrap|cli)$/i;

/**
 * A page's fire-and-forget request (`fetch(pingUrl);`, a telemetry ping): the library's own call, or a function of the
 * file whose last act is that request (an analytics script's `this.sendRequest('hb', data);`), its promise dropped as a
 * statement of its own, its answer never read. In a page its failure is a line in the console; nothing waits for it and
 * nothing breaks.
 */
function isPageBeacon(call: ExternalCall, promise: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>, filename: string, settings: ResilintSettings): boolean {
  // a function of the page's own dropped so that does more after its request (its `main();`) may leave the page half
  // done: still reported
  return (call.wrapped === undefined || endsWithItsRequest(call, call.wrapped)) && promise === call.node && call.node.parent?.type === AST_NODE_TYPES.ExpressionStatement
    && environmentAt(call.node, sourceCode, filename, settings) === 'browser';
}

/**
 * `async send(path, body) { const data = JSON.stringify(body); await fetch(url, { body: data }); }`: nothing after the
 * request. Not the page's entry point (`main();`), where the page starts: its failure leaves the page half made.
 */
function endsWithItsRequest(call: ExternalCall, request: ExternalCall): boolean {
  // (a wrapper of another module stands at its call, `request.node === call.node`: what it does after is not read here)
  if (request.node === call.node) return false;
  const fn = enclosingFunction(request.node);
  if (!fn || ENTRY_POINT.test(functionName(fn))) return false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body.range[0] <= request.node.range[0] && request.node.range[1] <= fn.body.range[1];
  const last = fn.body.body.at(-1);
  return (last?.type === AST_NODE_TYPES.ExpressionStatement || last?.type === AST_NODE_TYPES.ReturnStatement)
    && last.range[0] <= request.node.range[0] && request.node.range[1] <= last.range[1];
}

/**
 * A script's `main();` (or `await main()`) in the module's top-level code, outside a browser: its rejection ends the
 * process with an error and a non-zero exit code, which is what a script or a server's start-up should do. Other
 * top-level calls (`notify(event);`) are fire-and-forget work whose failure a reviewer would want handled, unless the
 * file is a command-line program (a shebang or a package `bin`).
 */
function isScriptEntryPoint(call: ExternalCall, route: EscapeRoute, filename: string, sourceCode: Readonly<TSESLint.SourceCode>, settings: ResilintSettings): boolean {
  // a wrapper of this file, or one of another module judged by the options or signal it is handed
  const wrapperCall = call.wrapped !== undefined || call.forwardedOptionsIndex !== undefined || call.forwardedSignalIndex !== undefined;
  if (!wrapperCall || (route.type !== 'floating' && route.type !== 'top-level')) return false;
  // (or in the handler of a command the module registers: `program.command('publish').action((v) => { publish(v) })`)
  let action: TSESTree.Node | undefined;
  for (let node: TSESTree.Node | undefined = call.node.parent; node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression
      || node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassBody) {
      if (action || !isCommandAction(node)) return false;
      action = node;
    }
  }
  const callee = call.node.callee;
  const environment = fileEnvironment(filename, sourceCode.text, settings.files, sourceCode.scopeManager);
  return environment === 'cli' || (!action && environment !== 'browser' && callee.type === AST_NODE_TYPES.Identifier && ENTRY_POINT.test(callee.name));
}

/**
 * The handler a command-line program registers for a command (commander's `.action(...)`): it runs once per run, and
 * a rejection it drops ends the run with exit code 1 and the error printed, as a script's dropped `main()` does.
 */
function isCommandAction(node: TSESTree.Node): boolean {
  const registration = node.parent;
  return registration?.type === AST_NODE_TYPES.CallExpression && registration.arguments[0] === node
    && registration.callee.type === AST_NODE_TYPES.MemberExpression && !registration.callee.computed
    && registration.callee.property.type === AST_NODE_TYPES.Identifier && registration.callee.property.name === 'action';
}

/** What runs a callback once, as soon as the module has loaded: where a service puts its start-up. */
const RUNS_ONCE_AFTER_LOAD = new Set(['setImmediate', 'process.nextTick']);

/**
 * A service's start-up deferred to the next turn by the module's top-level code, outside a browser: an async function
 * of steps (`setImmediate(async () => { const redis = await getRedisClient(config); ... })` in a worker's `main.ts`).
 * As for a script's `main();`, its rejection ends the process with an error at boot, which is what a start-up should
 * do. Only a call made in that function itself: what it sets going (a listener, a consumer's handler, a loop's
 * callback) is reported, and so is a single call handed on (`process.nextTick(() => fetch(url))`, fire and forget).
 */
function isDeferredStartup(call: ExternalCall, route: EscapeRoute, filename: string, sourceCode: Readonly<TSESLint.SourceCode>, settings: ResilintSettings): boolean {
  if (route.type !== 'callback' || !RUNS_ONCE_AFTER_LOAD.has(route.callback)) return false;
  const callback = enclosingFunction(call.node);
  const scheduler = callback?.parent;
  if (!callback?.async || callback.body.type !== AST_NODE_TYPES.BlockStatement || scheduler?.type !== AST_NODE_TYPES.CallExpression
    || scheduler.arguments[0] !== callback) return false;
  for (let node: TSESTree.Node | undefined = scheduler.parent; node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression
      || node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassBody) return false;
  }
  return fileEnvironment(filename, sourceCode.text, settings.files, sourceCode.scopeManager) !== 'browser';
}

/**
 * A server's start-up begun in the constructor of its class, which the module makes once as it loads (`class Server {
 * constructor() { void this.startServer(); } }` and `new Server()` at its top level, an entry's shape): as for a
 * script's `main();`, a rejection there ends the process at boot. A class made anywhere else is not this.
 */
function isConstructorStartup(call: ExternalCall, route: EscapeRoute, filename: string, sourceCode: Readonly<TSESLint.SourceCode>, settings: ResilintSettings): boolean {
  if (route.type !== 'floating') return false;
  const constructor = enclosingFunction(call.node);
  const method = constructor?.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'constructor') return false;
  const owner = method.parent.parent;
  if (owner.type !== AST_NODE_TYPES.ClassDeclaration || owner.parent?.type !== AST_NODE_TYPES.Program) return false;
  const uses = sourceCode.getDeclaredVariables(owner).flatMap((variable) => variable.references)
    .filter((reference) => (reference as { isValueReference?: boolean }).isValueReference !== false).map((reference) => reference.identifier);
  const made = uses.filter((identifier) => identifier.parent?.type === AST_NODE_TYPES.NewExpression && identifier.parent.callee === identifier);
  return uses.length === 1 && made.length === 1 && madeAsModuleLoads(made[0]!) && fileEnvironment(filename, sourceCode.text, settings.files, sourceCode.scopeManager) === 'server';
}

/** `new Server()` in the module's top-level code, or in a function it calls at once there (`((): Server => new Server())()`). */
function madeAsModuleLoads(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.ArrowFunctionExpression && current.type !== AST_NODE_TYPES.FunctionExpression && current.type !== AST_NODE_TYPES.FunctionDeclaration) continue;
    const invoked = current.parent;
    if (invoked?.type !== AST_NODE_TYPES.CallExpression || invoked.callee !== current) return false;
  }
  return true;
}

/** Decorators of classes a dependency-injection container makes once, at start-up (NestJS). */
const SINGLETON_DECORATORS = new Set(['Injectable', 'Module', 'Controller', 'Resolver', 'WebSocketGateway']);
/** Methods such a container calls once, at start-up. */
const STARTUP_HOOKS = new Set(['onModuleInit', 'onApplicationBootstrap']);

/**
 * A start-up check in a provider made once by a dependency-injection container, whose last rejection handler throws
 * on purpose (a NestJS service's constructor checking that its storage answers:
 * `fetch(base, { method: 'PROPFIND' }).then(...).catch(() => { throw new Error('cannot reach storage') })`): the author chose to stop the app when the dependency is not there, which is
 * what the unhandled rejection does. A request-scoped provider, or a handler that does not always throw, is reported.
 */
function isStartupCheckThatFailsTheApp(call: TSESTree.CallExpression): boolean {
  let chain: TSESTree.Node = call;
  let lastHandler: TSESTree.Node | undefined;
  while (chain.parent?.type === AST_NODE_TYPES.MemberExpression && chain.parent.object === chain
    && chain.parent.parent.type === AST_NODE_TYPES.CallExpression && chain.parent.parent.callee === chain.parent) {
    const method = chain.parent.property.type === AST_NODE_TYPES.Identifier ? chain.parent.property.name : undefined;
    const next: TSESTree.CallExpression = chain.parent.parent;
    lastHandler = method === 'catch' ? next.arguments[0] : method === 'then' ? next.arguments[1] : lastHandler;
    chain = next;
  }
  if (!lastHandler || !alwaysThrows(lastHandler) || chain.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const method = enclosingFunction(chain)?.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.key.type !== AST_NODE_TYPES.Identifier) return false;
  if (method.kind !== 'constructor' && !STARTUP_HOOKS.has(method.key.name)) return false;
  const decorators = method.parent.parent.decorators ?? [];
  return decorators.some((decorator) => {
    const expression = decorator.expression;
    const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
    const requestScoped = expression.type === AST_NODE_TYPES.CallExpression && expression.arguments.some((argument) => argument.type === AST_NODE_TYPES.ObjectExpression
      && argument.properties.some((property) => property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'scope'));
    return callee.type === AST_NODE_TYPES.Identifier && SINGLETON_DECORATORS.has(callee.name) && !requestScoped;
  });
}

/** `() => { throw new Error('...') }`: a handler whose every path ends in a throw (its last statement, no return). */
function alwaysThrows(handler: TSESTree.Node): boolean {
  if (handler.type !== AST_NODE_TYPES.ArrowFunctionExpression && handler.type !== AST_NODE_TYPES.FunctionExpression) return false;
  if (handler.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const statements = handler.body.body;
  return statements.at(-1)?.type === AST_NODE_TYPES.ThrowStatement && !statements.some((statement) => containsReturn(statement));
}

function containsReturn(statement: TSESTree.Node): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement) return true;
  if (statement.type === AST_NODE_TYPES.IfStatement) return containsReturn(statement.consequent) || (statement.alternate ? containsReturn(statement.alternate) : false);
  if (statement.type === AST_NODE_TYPES.BlockStatement) return statement.body.some(containsReturn);
  if (statement.type === AST_NODE_TYPES.TryStatement) return containsReturn(statement.block) || (statement.handler ? containsReturn(statement.handler.body) : false);
  return false;
}

function describeRoute(route: EscapeRoute): { messageId: MessageId; data: Record<string, string> } {
  switch (route.type) {
    case 'floating':
      return { messageId: 'floating', data: {} };
    case 'exported':
      return { messageId: 'exported', data: { name: route.name } };
    case 'callback':
      return { messageId: 'callback', data: { callback: route.callback } };
    case 'top-level':
      return { messageId: 'topLevel', data: {} };
    case 'error-event':
      return { messageId: 'errorEvent', data: {} };
    case 'caller':
      return { messageId: 'caller', data: { function: functionName(route.fn) } };
  }
}

function functionName(fn: TSESTree.FunctionLike): string {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  const member = parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition' ? memberKeyName(parent) : undefined;
  return member ?? 'this function';
}
