import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from '../libraries/index.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { forwardedParameters, parameterOf } from '../analysis/caller-options.js';
import { layerOwnsSignalDefault } from '../analysis/layer-signals.js';
import { boundingKeys, callerPassesUrlForOptions, everyCallerGivesNoBound } from '../analysis/layer-callers.js';
import type { FunctionNode } from '../analysis/loops.js';
import { callDestination, requestTarget, urlDestination } from '../analysis/url-destination.js';
import { timeoutVerdict } from '../analysis/timeouts.js';
import { racedAgainstRejectingTimer } from '../analysis/raced-wrappers.js';
import type { ModuleSource } from './module-source.js';
import type { WrapperFact } from './values.js';

// What a wrapper's callers inherit from the external call it makes: bounded, bounded by what they pass, or not.

/** 2: callers must bound it themselves; 1: unbounded inside (reported there); 0: bounded. */
export function weakness(fact: WrapperFact): number {
  if (fact.bounded) return 0;
  return fact.optionsParameter !== undefined || fact.signalParameter !== undefined ? 2 : 1;
}

/**
 * What callers of `fn` inherit from its external call `call`. A call that hands on another wrapper's call inherits
 * that wrapper's judgement. A call whose options or signal come from one of `fn`'s parameters (`fetch(url, init)`,
 * `{ ...init, headers }`, `{ signal: opts.signal }`, `{ signal }`), or whose only bound is an option of the wrapper
 * with no default (`timeout` turned into a signal when given), is bounded by what each caller passes, unless its
 * instance bounds it anyway.
 */
export function factFrom(source: ModuleSource, file: string, call: ExternalCall, fn: FunctionNode, name: string): WrapperFact {
  const inner = call.wrapped ?? call;
  const base = {
    name,
    client: call.client,
    httpMethod: call.httpMethod ?? inner.httpMethod,
    signalOption: call.signalOption ?? inner.signalOption,
    ...(call.flavor === undefined ? {} : { flavor: call.flavor }),
    ...(call.setting === undefined ? {} : { setting: call.setting }),
    ...ownDestination(source, file, call, fn),
    ...(call.readsOnly ?? inner.readsOnly ? { readsOnly: true as const } : {}),
  };
  if (call.wrapped || racedAgainstRejectingTimer(source, call.node)) {
    // a layer over one reported for its optional signal, handing its own caller's signal on: a race can cancel through it
    const handsOnSignal = call.wrapped?.signalOption !== undefined && handsOnCallersSignal(source, call.node, fn);
    return { ...base, bounded: true, ...(handsOnSignal ? { takesCallerSignal: true as const } : {}) };
  }
  const forwarded = forwardedParameters(source, call, fn);
  // some callers hand the layer a URL where its call takes options: the bound is the layer's, reported there
  if (forwarded && callerPassesUrlForOptions(source, file, call)) return { ...base, bounded: timeoutVerdict(source, withoutCallersOptions(call), file).bounded };
  if (forwarded) {
    // (the file lets the client's bound beyond it be read: the module registering `HttpModule` for the class)
    if (timeoutVerdict(source, withoutCallersOptions(call), file).bounded) return { ...base, bounded: true };
    // no caller gives the layer a bound: it is reported in the layer, once (layer-callers.ts), not at each caller
    if (forwarded.optionsParameter !== undefined
      && everyCallerGivesNoBound(source, file, fn, forwarded.optionsParameter, forwarded.boundOptions?.names ?? boundingKeys(call))) return { ...base, bounded: false };
    // reported in the layer with a default for the signal: its callers hand on its failure, judged there
    if (layerOwnsSignalDefault(source, call, file)) return { ...base, bounded: false, takesCallerSignal: true };
    // a wrapper bounded only by options of its own takes a signal from its caller only if it reads one
    const takesSignal = !forwarded.boundOptions || (base.signalOption !== undefined && forwarded.boundOptions.names.includes(base.signalOption));
    return { ...base, ...(takesSignal ? {} : { signalOption: undefined }), bounded: false, ...forwarded };
  }
  return { ...base, bounded: timeoutVerdict(source, call).bounded };
}

/** `requestJson(path, init, query, abortSignal)`: a parameter of `fn` named for a signal, handed to the call. */
function handsOnCallersSignal(source: ModuleSource, call: TSESTree.CallExpression, fn: FunctionNode): boolean {
  return call.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && /signal/i.test(argument.name) && parameterOf(source, argument, fn) !== undefined);
}

/** The call as its wrapper makes it when given no options by its caller. */
export function withoutCallersOptions(call: ExternalCall): ExternalCall {
  return { ...call, optionsExpression: undefined, optionsArgument: undefined, forwardedSignalIndex: undefined, forwardedOptionsIndex: undefined, wrapperOptions: undefined };
}

/**
 * `fetch(formatPath('/api/ai/detect'), init)`: a wrapper whose call goes to the page (or this machine) whoever calls
 * it; or `(api: AxiosInstance) => api.post('/auth/refresh')`: one whose call requests a path on the client its
 * caller hands it, which goes where that client's base does.
 */
function ownDestination(source: ModuleSource, file: string, call: ExternalCall, fn: FunctionNode): { destination?: 'page' | 'loopback'; clientParameter?: number } {
  const destination = call.wrapperDestination ?? callDestination(call, source, file);
  if (destination === 'page' || destination === 'loopback') return { destination };
  const target = call.wrapped ? undefined : requestTarget(call.node);
  const callee = unwrapExpression(call.node.callee);
  const holder = callee.type === AST_NODE_TYPES.MemberExpression ? unwrapExpression(callee.object) : undefined;
  if (!target || target.isHost || holder?.type !== AST_NODE_TYPES.Identifier || urlDestination(target.expression, source, file) !== 'page') return {};
  const parameter = parameterOf(source, holder, fn);
  return parameter?.plain ? { clientParameter: parameter.index } : {};
}
