import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { methodFromOptions, unwrapExpression } from '../libraries/index.js';
import { isProjectValue, type Value, type WrapperFact } from '../project/values.js';
import type { ExternalCall } from './external-calls.js';
import { dottedName } from './member-syntax.js';
import { pathStaysOnPage } from './own-origin.js';

/**
 * A call of the project's wrapper from another module. When it forwards its caller's options or signal into an
 * unbounded call, this call is judged as that call would be, by what it passes; otherwise it hands on the wrapper's
 * failure, and the wrapper's own call was judged (and reported) where the wrapper is.
 */
export function wrapperCall(node: TSESTree.CallExpression, wrapper: WrapperFact): ExternalCall {
  const label = dottedName(node.callee) ?? wrapper.name;
  const extra = {
    ...(wrapper.flavor === undefined ? {} : { flavor: wrapper.flavor }),
    ...(wrapper.setting === undefined ? {} : { setting: wrapper.setting }),
    ...(wrapper.destination === undefined ? {} : { wrapperDestination: wrapper.destination }),
    ...(wrapper.readsOnly ? { readsOnly: true as const } : {}),
    ...(wrapper.retriedBy === undefined ? {} : { retriedInLayer: wrapper.retriedBy }),
  };
  const forwards = !wrapper.bounded && (wrapper.optionsParameter !== undefined || wrapper.signalParameter !== undefined);
  if (forwards) {
    const optionsExpression = wrapper.optionsParameter === undefined ? undefined : node.arguments[wrapper.optionsParameter];
    const options = optionsExpression && unwrapExpression(optionsExpression);
    return {
      node,
      client: wrapper.client,
      label,
      httpMethod: wrapper.httpMethod ?? (wrapper.client === 'fetch' || wrapper.client === 'node-fetch' ? methodFromOptions(optionsExpression) : undefined),
      optionsArgument: options?.type === AST_NODE_TYPES.ObjectExpression ? options : undefined,
      signalOption: wrapper.signalOption,
      optionsExpression,
      instanceOptions: [],
      defaultsTimeout: undefined,
      wrapped: undefined,
      ...(wrapper.optionsParameter === undefined ? {} : { forwardedOptionsIndex: wrapper.optionsParameter }),
      ...(wrapper.signalParameter === undefined ? {} : { forwardedSignalIndex: wrapper.signalParameter }),
      ...(wrapper.signalDefaulted ? { forwardedSignalDefaulted: true as const } : {}),
      ...(wrapper.boundOptions === undefined ? {} : { wrapperOptions: { ...wrapper.boundOptions, wrapper: wrapper.name === 'default' ? label : wrapper.name } }),
      ...extra,
    };
  }
  const handedOn = {
    node,
    client: wrapper.client,
    label,
    httpMethod: wrapper.httpMethod,
    optionsArgument: undefined,
    signalOption: undefined,
    optionsExpression: undefined,
    instanceOptions: [],
    defaultsTimeout: undefined,
    ...extra,
  };
  // The wrapped call stands at this call: the analyses that look into it (idempotency) stay in this file.
  // a layer that takes its caller's signal (reported in itself for the optional one) can still be cancelled through it
  const signal = wrapper.takesCallerSignal ? { signalOption: wrapper.signalOption } : {};
  return { ...handedOn, wrapped: { ...handedOn, label: wrapper.name, wrapped: undefined, ...signal } };
}

/**
 * `refreshToken(api)` of a wrapper that requests a path on the client it is handed: the page's own origin when the
 * client handed in has a fixed path for its base (`axios.create({ baseURL: '/api' })`) or none.
 */
export function withHandedClient(wrapper: WrapperFact, node: TSESTree.CallExpression, evaluate: (node: TSESTree.Node) => Value | undefined): WrapperFact {
  if (wrapper.destination || wrapper.clientParameter === undefined) return wrapper;
  const argument = node.arguments[wrapper.clientParameter];
  const handed = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? evaluate(argument) : undefined;
  return handed && !isProjectValue(handed) && handed.kind === wrapper.client && pathStaysOnPage(handed.kind, handed.options) ? { ...wrapper, destination: 'page' } : wrapper;
}
