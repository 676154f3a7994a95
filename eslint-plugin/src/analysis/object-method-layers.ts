import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { parameterOf } from './caller-signals.js';
import type { ExternalCall } from './external-calls.js';
import { boundingKeys } from './layer-callers.js';
import { enclosingFunction } from './loops.js';
import { staticPropertyName } from './member-syntax.js';
import { OptionPresence } from './option-presence.js';
import { propertyKey, unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A module's own stand-in for a client, written as an object of arrow functions (`const http = { post: (url, data,
 * config?) => instance.post(url, data, { ...config, ...outboundConfig() }) }`) and called only as `http.post(...)` in
 * that module: its callers hand it the options its call spreads in. When every one of them gives options that set no
 * bound (left out, or a literal naming none), and whatever else is spread in visibly sets none either, nothing bounds
 * the call, and the bound belongs in the stand-in: one edit there bounds every caller, so it is reported there, once.
 * An object the module hands elsewhere or exports may have callers out of view: it is not judged.
 */
export function objectMethodCallersGiveNoBound(sourceCode: SourceCode, call: ExternalCall, filename: string | undefined): boolean {
  const options = call.optionsExpression && unwrapExpression(call.optionsExpression);
  const fn = enclosingFunction(call.node);
  const keys = boundingKeys(call);
  if (!fn || !options || options.type !== AST_NODE_TYPES.ObjectExpression || keys.length === 0) return false;
  const method = fn.parent;
  const holder = method?.parent;
  if (method?.type !== AST_NODE_TYPES.Property || method.value !== fn || holder?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const name = propertyKey(method);
  const object = objectVariable(sourceCode, holder);
  if (name === undefined || !object) return false;

  const presence = new OptionPresence(sourceCode, fn, 'unknown', 'unknown', filename);
  const forwarded: number[] = [];
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.Property) {
      const key = propertyKey(property);
      if (key === undefined || keys.includes(key)) return false; // the stand-in sets a bound of its own
      continue;
    }
    const argument = unwrapExpression(property.argument);
    const parameter = argument.type === AST_NODE_TYPES.Identifier ? parameterOf(sourceCode, argument) : undefined;
    if (parameter?.fn === fn && parameter.destructuredKey === undefined) forwarded.push(parameter.index);
    else if (!keys.every((key) => presence.member(argument, key) === 'nothing')) return false;
  }

  const callers: TSESTree.CallExpression[] = [];
  for (const reference of object.references) {
    if (reference.init) continue;
    const member = reference.identifier.parent;
    // handed on, exported or changed: callers out of view may bound it
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
    const assigned = member.parent?.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member;
    if (assigned) return false;
    const called = member.parent?.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member ? member.parent : undefined;
    if (called && staticPropertyName(member) === name) callers.push(called);
  }
  return callers.length > 0 && callers.every((caller) => forwarded.every((index) => givesNoBound(caller.arguments[index], keys)));
}

/** The `const` an object literal is the whole value of, declared in the module and never exported. */
function objectVariable(sourceCode: SourceCode, object: TSESTree.ObjectExpression): TSESLint.Scope.Variable | undefined {
  const declarator = object.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== object || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declaration = declarator.parent;
  if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const' || declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
  return (findVariable(sourceCode.getScope(declarator) as never, declarator.id) as TSESLint.Scope.Variable | null) ?? undefined;
}

/** Options a caller gives that visibly set no bound: none, `undefined`/`null`, or a literal naming none and spreading nothing. */
function givesNoBound(argument: TSESTree.CallExpressionArgument | undefined, keys: readonly string[]): boolean {
  if (!argument) return true;
  const given = unwrapExpression(argument);
  if ((given.type === AST_NODE_TYPES.Identifier && given.name === 'undefined') || (given.type === AST_NODE_TYPES.Literal && given.value === null)) return true;
  return given.type === AST_NODE_TYPES.ObjectExpression && given.properties.every((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const key = propertyKey(property);
    return key !== undefined && !keys.includes(key);
  });
}
