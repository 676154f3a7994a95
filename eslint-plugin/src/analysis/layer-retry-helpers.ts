import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isFunction, type FunctionNode } from './loops.js';
import { staticPropertyName } from './member-syntax.js';
import { propertyKey, unwrapExpression } from './syntax.js';
import type { LayerRetry } from './layer-retries.js';
import { callsWithin } from './raced-wrappers.js';

/**
 * A request layer's own retry helper, declared in its module: `retry((resolve, reject, retry) => { ...request... },
 * { retries, interval })` with `function retry(fn, { retries = 5, interval = 50 })` running `fn` again from a timer
 * (percy's client). The helper's count option, its default, and where the layer takes it from its caller: how many
 * times the layer sends a caller's request again.
 */

/** The helper's option for the number of tries, by its usual names. */
const COUNT_NAME = /^(?:retries|tries|maxRetries|maxTries|attempts|maxAttempts|times)$/;

/** The count of the same-file retry helper `call` runs `work` in, or undefined when `call` is no such helper's. */
export function helperRetryCount(call: TSESTree.CallExpression, work: FunctionNode, layer: FunctionNode): LayerRetry['count'] | undefined {
  const index = call.arguments.indexOf(work as TSESTree.CallExpressionArgument);
  const helper = call.callee.type === AST_NODE_TYPES.Identifier ? moduleFunction(call, call.callee.name) : undefined;
  const task = helper?.params[index];
  if (!helper?.body || task?.type !== AST_NODE_TYPES.Identifier || !runsAgainFromTimer(helper.body, task.name)) return undefined;
  const pattern = helper.params[index + 1];
  const declared = pattern?.type === AST_NODE_TYPES.AssignmentPattern ? pattern.left : pattern;
  if (declared?.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of declared.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKey(property);
    const fallback = property.value.type === AST_NODE_TYPES.AssignmentPattern && property.value.right.type === AST_NODE_TYPES.Literal
      && typeof property.value.right.value === 'number' ? property.value.right.value : undefined;
    if (key === undefined || !COUNT_NAME.test(key) || fallback === undefined) continue;
    return countGiven(call.arguments[index + 1], key, fallback, layer);
  }
  return undefined;
}

/** What the layer passes for the helper's count: nothing (its default), a number, or its caller's option of that name. */
function countGiven(options: TSESTree.Node | undefined, key: string, fallback: number, layer: FunctionNode): LayerRetry['count'] | undefined {
  const object = options && unwrapExpression(options);
  if (!object) return { fixed: fallback };
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const property = object.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && propertyKey(candidate) === key);
  if (!property) return object.properties.some((candidate) => candidate.type === AST_NODE_TYPES.SpreadElement) ? undefined : { fixed: fallback };
  const value = unwrapExpression((property as TSESTree.Property).value);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number') return { fixed: value.value };
  const caller = value.type === AST_NODE_TYPES.Identifier ? destructuredFromParameter(value.name, layer)
    : value.type === AST_NODE_TYPES.MemberExpression && value.object.type === AST_NODE_TYPES.Identifier ? memberOfParameter(value, layer) : undefined;
  return caller && { ...caller, fallback };
}

/** `let { retries } = options` among the layer's statements, `options` its parameter: that parameter, and the key. */
function destructuredFromParameter(name: string, layer: FunctionNode): { index: number; key: string } | undefined {
  for (const { pattern, index } of parameterPatterns(layer)) {
    const property = pattern.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && bindsName(candidate.value, name));
    const key = property?.type === AST_NODE_TYPES.Property ? propertyKey(property) : undefined;
    if (key !== undefined) return { index, key };
  }
  return undefined;
}

/**
 * `const { body, tries, ...requestOptions } = options` among the layer's statements, `options` its parameter: the
 * rest is what the caller's options hold besides the named ones (its method and headers among them).
 */
export function restOfParameter(name: string, layer: FunctionNode): number | undefined {
  for (const { pattern, index } of parameterPatterns(layer)) {
    if (pattern.properties.some((property) => property.type === AST_NODE_TYPES.RestElement && bindsName(property.argument, name))) return index;
  }
  return undefined;
}

/** The object patterns the layer's statements destructure one of its parameters with. */
function parameterPatterns(layer: FunctionNode): { pattern: TSESTree.ObjectPattern; index: number }[] {
  if (layer.body?.type !== AST_NODE_TYPES.BlockStatement) return [];
  const found: { pattern: TSESTree.ObjectPattern; index: number }[] = [];
  for (const statement of layer.body.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || declarator.init?.type !== AST_NODE_TYPES.Identifier) continue;
      const index = parameterIndex(layer, declarator.init.name);
      if (index !== undefined) found.push({ pattern: declarator.id, index });
    }
  }
  return found;
}

function memberOfParameter(member: TSESTree.MemberExpression, layer: FunctionNode): { index: number; key: string } | undefined {
  const key = staticPropertyName(member);
  const index = member.object.type === AST_NODE_TYPES.Identifier ? parameterIndex(layer, member.object.name) : undefined;
  return key === undefined || index === undefined ? undefined : { index, key };
}

function bindsName(value: TSESTree.Node, name: string): boolean {
  const binding = value.type === AST_NODE_TYPES.AssignmentPattern ? value.left : value;
  return binding.type === AST_NODE_TYPES.Identifier && binding.name === name;
}

function parameterIndex(layer: FunctionNode, name: string): number | undefined {
  const index = layer.params.findIndex((param) => bindsName(param, name));
  return index < 0 ? undefined : index;
}

/** A function of the module the call is in, declared at its top level under `name`. */
function moduleFunction(node: TSESTree.Node, name: string): FunctionNode | undefined {
  let program: TSESTree.Node = node;
  while (program.parent) program = program.parent;
  if (program.type !== AST_NODE_TYPES.Program) return undefined;
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === name) return declaration;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init && isFunction(declarator.init)) return declarator.init;
    }
  }
  return undefined;
}

/** The helper calls its task (`fn(resolve, reject, retry)`) and schedules something with a timer: it runs the task again. */
function runsAgainFromTimer(body: TSESTree.Node, task: string): boolean {
  const calls = (name: string) => callsWithin(body, (call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === name);
  return calls(task) && calls('setTimeout');
}
