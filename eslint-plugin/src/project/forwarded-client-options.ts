import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { firstStartingAt } from '../analysis/loops.js';
import { memberKeyName } from '../analysis/member-syntax.js';
import { propertyKey } from '../analysis/syntax.js';
import { libraryOf } from '../libraries/index.js';
import type { ClassCreationBound } from './values.js';

/**
 * A class whose client is made in its constructor from the options it is given (`this.instance = axios.create({
 * ...axiosConfig })`, the `HttpClient` an OpenAPI generator writes, which the generated `Api` extends): every call its
 * methods make through that client is bounded by what its creator passes, and only by that. So its creation is judged
 * at each `new` (the generated file is not linted, and its calls take their per-call options from further callers),
 * by the options of the client's creation that bound every call (axios's `timeout`; a signal given once at creation
 * would abort every later call, so it is not the fix).
 */
export function clientFromConstructorOptions(
  body: TSESTree.ClassBody,
  className: string,
  calls: readonly TSESTree.CallExpression[],
  externalCallAt: (node: TSESTree.CallExpression) => ExternalCall | undefined,
): ClassCreationBound | undefined {
  const constructor = body.body.find((element): element is TSESTree.MethodDefinition => element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor');
  if (!constructor) return undefined;
  for (let index = firstStartingAt(calls, body.range[0], (call) => call); index < calls.length && calls[index]!.range[0] < body.range[1]; index++) {
    const call = externalCallAt(calls[index]!);
    if (!call || call.wrapped || call.createdFromCallerOptions?.fnStart !== constructor.value.range[0]) continue;
    const names = (libraryOf(call.client)?.timeout?.instanceOptions ?? []).filter((name) => name !== 'signal');
    if (names.length === 0 || setsOwnBound(call, names)) continue;
    return { index: call.createdFromCallerOptions.index, names, client: call.client, method: `${className}.${methodName(calls[index]!) ?? 'request'}` };
  }
  return undefined;
}

/** The call's own options literal names a bound itself (`{ ...params, timeout: 5_000 }`). */
function setsOwnBound(call: ExternalCall, names: readonly string[]): boolean {
  const own = [...names, ...(libraryOf(call.client)?.timeout?.callOptions ?? []), ...(call.signalOption ? [call.signalOption] : [])];
  return call.optionsArgument?.properties.some((property) => property.type === AST_NODE_TYPES.Property && own.includes(propertyKey(property) ?? '')) ?? false;
}

/** The method or arrow-function field the call is made in. */
function methodName(node: TSESTree.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if ((current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.PropertyDefinition) && !current.computed) return memberKeyName(current);
  }
  return undefined;
}
