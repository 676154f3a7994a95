import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { callOf, libraryOf, unwrapExpression, type ClientValue } from '../libraries/index.js';
import type { ProjectContext } from '../project/summaries.js';
import { dependencyVersion, olderThan } from '../project/dependency-versions.js';
import { isProjectValue, type Value } from '../project/values.js';
import type { ExternalCall } from './external-calls.js';
import type { DispatcherOptions } from './dispatcher-options.js';
import { withHandedClient, wrapperCall } from './wrapper-calls.js';
import { graphqlOperation } from './graphql-operations.js';
import { isTrailingCallback } from './node-callbacks.js';

/** What describing a call needs of the file's evaluator. */
export interface CallDescriptionScope {
  sourceCode: Readonly<TSESLint.SourceCode>;
  project: ProjectContext | undefined;
  references: ReadonlyMap<TSESTree.Identifier | TSESTree.JSXIdentifier, TSESLint.Scope.Reference>;
  dispatchers: DispatcherOptions;
  evaluate(node: TSESTree.Node): Value | undefined;
  evaluateHelper(node: TSESTree.Node): Value | undefined;
}

/**
 * The external call `node` makes, given what its callee evaluates to: the client, the options it is given (read
 * through a helper of the project that passes them on), the client's own options, and what the client's version does.
 */
export function describeExternalCall(
  node: TSESTree.CallExpression, callee: Value, defaultsTimeouts: Map<TSESTree.Node | 'root', TSESTree.Expression>, scope: CallDescriptionScope,
): ExternalCall | undefined {
  if (isProjectValue(callee)) return callee.kind === 'project-wrapper' ? wrapperCall(node, withHandedClient(callee.wrapper, node, (argument) => scope.evaluate(argument))) : undefined;
  const outcome = callOf(callee, node);
  const ioCall = outcome?.io;
  if (!ioCall) return undefined;
  // in a call's callback form (`sheets.spreadsheets.get(params, callback)`), a callback where its options go means none
  const given = ioCall.optionsIndex >= 0 && !isTrailingCallback(node, node.arguments[ioCall.optionsIndex]) ? node.arguments[ioCall.optionsIndex] : undefined;
  const passed = given && passedThroughOptions(given, scope);
  // null: the helper was given nothing and its default bounds nothing (`this.getAxiosConfigWithProxy()`)
  const optionsExpression = passed === null ? undefined : passed ?? given;
  const unwrapped = optionsExpression && unwrapExpression(optionsExpression);
  let defaultsTimeout: TSESTree.Expression | undefined;
  if (callee.kind === 'axios') {
    defaultsTimeout = (callee.origin && defaultsTimeouts.get(callee.origin)) ?? defaultsTimeouts.get('root');
  }
  return {
    node,
    client: callee.kind,
    label: ioCall.label,
    httpMethod: ioCall.httpMethod,
    optionsArgument: unwrapped?.type === AST_NODE_TYPES.ObjectExpression ? unwrapped : undefined,
    signalOption: takesSignal(callee, scope.project) ? ioCall.signalOption : undefined,
    optionsExpression,
    // inside a factory whose callers give the options, they are not known
    instanceOptions: callee.callerOptions ? [null] : scope.dispatchers.optionsOf(callee, optionsExpression) ?? callee.options,
    ...(callee.origin === undefined ? {} : { createdBy: callee.origin }),
    ...(callee.callerOptions ? { createdFromCallerOptions: callee.callerOptions } : {}),
    ...(callee.madeInSeveralPlaces ? { madeInSeveralPlaces: true } : {}),
    ...(callee.sharedByModule ? { sharedByModule: true as const } : {}),
    defaultsTimeout,
    wrapped: undefined,
    ...(callee.flavor === undefined ? {} : { flavor: callee.flavor }),
    ...(callee.custom === undefined ? {} : { setting: callee.custom }),
    ...(ioCall.emitsErrors ? { emitsErrors: true } : {}),
    ...(ioCall.streamsResult ? { streamsResult: true } : {}),
    ...(resolvesWithError(callee, scope.project) ? { resolvesWithError: true } : {}),
    ...(ioCall.readsOnly || (ioCall.httpMethod === 'POST' && graphqlOperation(scope.sourceCode, node) === 'query') ? { readsOnly: true } : {}),
  };
}

/** Whether the version of the client's package this file is written against takes a signal on its calls. */
function takesSignal(callee: ClientValue, project: ProjectContext | undefined): boolean {
  const library = libraryOf(callee.kind);
  const since = library?.signalSince;
  const file = project?.file;
  return !since || !file || !olderThan(dependencyVersion(file, library.modules[0]!), since);
}

/** Whether the version of the client's package this file is written against resolves its failures instead of rejecting. */
function resolvesWithError(callee: ClientValue, project: ProjectContext | undefined): boolean {
  const library = libraryOf(callee.kind);
  const since = library?.resolvesWithErrorSince;
  const file = project?.file;
  return since !== undefined && (!file || !olderThan(dependencyVersion(file, library!.modules[0]!), since));
}

/**
 * Options made by a helper of the project that returns the object it is given (`this.getAxiosConfigWithProxy({})`,
 * directly or through a `const`): the object the caller gave it, which is what bounds the call or not.
 */
function passedThroughOptions(options: TSESTree.Node, scope: CallDescriptionScope): TSESTree.CallExpressionArgument | null | undefined {
  if (!scope.project) return undefined;
  let call = unwrapExpression(options);
  if (call.type === AST_NODE_TYPES.Identifier) {
    const variable = scope.references.get(call)?.resolved;
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || !def.node.init
      || variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
    call = unwrapExpression(def.node.init);
    if (call.type === AST_NODE_TYPES.AwaitExpression) call = unwrapExpression(call.argument);
  }
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const helper = scope.evaluateHelper(call.callee);
  if (!helper || !isProjectValue(helper) || helper.kind !== 'project-passthrough') return undefined;
  const argument = call.arguments[helper.parameter];
  if (argument === undefined && call.arguments.every((given) => given.type !== AST_NODE_TYPES.SpreadElement)) return helper.defaultUnbounded ? null : undefined;
  return argument;
}
