import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isFunction } from './loops.js';
import { callsOfPrivateFunction } from './optional-signals.js';
import { enclosingClassBody, staticPropertyName } from './member-syntax.js';
import { conjuncts, propertyKey, readOptions, unwrapExpression } from './syntax.js';

/**
 * A request layer that bounds its request only when its caller gives a timeout (`if (config.timeout)
 * req.setTimeout(config.timeout, onTimeout)`), with no default anywhere: every caller that gives none waits forever,
 * so the layer is unbounded by default (an SDK's own HTTP layer whose API clients never set one). The fix belongs in
 * the layer, once: a default for that value.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The value a bounding call (`req.setTimeout(timeout, onTimeout)`) is given, when that call runs only if the value is
 * set (`if (timeout)`, `timeout && ...`, `if (timeout !== undefined)`, `if (timeout > 0)`) and nothing gives the value a
 * default (`= 30_000`, `?? 30_000`, a field or options object that sets one). Undefined for a bound always set.
 */
export function timeoutGivenOnlyWhenSet(sourceCode: SourceCode, bounding: TSESTree.CallExpression): TSESTree.Expression | undefined {
  const value = bounding.arguments[0];
  if (!value || value.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const text = textOf(sourceCode, unwrapExpression(value));
  if (!runsOnlyWhenTested(sourceCode, bounding, text) || hasDefault(sourceCode, value)) return undefined;
  return value;
}

/**
 * `const options = { url, method }; if (config.timeout !== undefined) options.timeout = config.timeout; axios(options)`:
 * the request's options gain their bound only when the caller's value is set, and nothing gives that value a default
 * (an SDK's request layer taking its user's optional `timeout`). The value, when every write of a bounding option into
 * the options is so guarded or runs only on another path than the call (`else if (voice) options.timeout = 5000` at a
 * call in the `else` of `if (voice)`); undefined when any write may bound the call, or the options are handed to
 * anything but the request.
 */
export function timeoutWrittenOnlyWhenSet(sourceCode: SourceCode, call: TSESTree.Node, options: TSESTree.Node, names: readonly string[]): TSESTree.Expression | undefined {
  const target = unwrapExpression(options);
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  const init = def?.type === 'Variable' && def.node.id === def.name && def.node.init ? unwrapExpression(def.node.init) : undefined;
  if (!variable || variable.defs.length !== 1 || init?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const facts = readOptions(init);
  if (facts === 'unknown' || names.some((name) => facts.has(name))) return undefined;
  let optional: TSESTree.Expression | undefined;
  for (const reference of variable.references) {
    if (reference.init) continue;
    if (reference.isWrite()) return undefined;
    const member = reference.identifier.parent;
    const assignment = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || assignment?.type !== AST_NODE_TYPES.AssignmentExpression
      || assignment.left !== member) {
      // handed to anything but the request (`Object.assign(options, more)`, `applyDefaults(options)`) on its path, it
      // may gain a bound there; a read of it brings none
      if (member?.type === AST_NODE_TYPES.CallExpression && member.arguments.includes(reference.identifier as TSESTree.Identifier)
        && !sameCallee(sourceCode, member, call) && !onAnotherPath(sourceCode, member, call)) return undefined;
      continue;
    }
    const key = staticPropertyName(member);
    if (key === undefined) return undefined;
    if (!names.includes(key)) continue;
    const value = assignment.right;
    if (assignment.operator === '=' && runsOnlyWhenTested(sourceCode, assignment, textOf(sourceCode, unwrapExpression(value))) && !hasDefault(sourceCode, value)) {
      optional ??= value;
    } else if (!onAnotherPath(sourceCode, assignment, call)) {
      return undefined;
    }
  }
  return optional;
}

/** The request itself, or another sent by the same function with the same options (a first try and its re-sends). */
function sameCallee(sourceCode: SourceCode, other: TSESTree.CallExpression, call: TSESTree.Node): boolean {
  return other === call || (call.type === AST_NODE_TYPES.CallExpression && textOf(sourceCode, other.callee) === textOf(sourceCode, call.callee));
}

/** Whether `write` (or another use) runs only under a condition (`if (voice && ...)`) whose opposite the call runs under (`else` of `if (voice)`). */
function onAnotherPath(sourceCode: SourceCode, write: TSESTree.Node, call: TSESTree.Node): boolean {
  const required = new Set<string>();
  for (let current = write, parent = write.parent; parent && !isFunction(parent); current = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === current) {
      for (const term of conjuncts(parent.test)) required.add(textOf(sourceCode, term));
    }
  }
  for (let current = call, parent = call.parent; parent; current = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.alternate === current && required.has(textOf(sourceCode, unwrapExpression(parent.test)))) return true;
  }
  return false;
}

/**
 * The value whose test `node` runs under, when nothing gives that value a default: `controller.signal` assigned only
 * inside `if (config.timeout) { ... }` with `config.timeout` optional. Undefined where `node` runs unconditionally or
 * every tested value has a default.
 */
export function guardedByValueWithoutDefault(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.Node | undefined {
  let current = node;
  for (let parent = node.parent; parent && !isFunction(parent); current = parent, parent = parent.parent) {
    const test = (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.consequent === current ? parent.test
      : parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && parent.right === current ? parent.left : undefined;
    const tested = test && testedValues(test).find((value) => runsOnlyWhenTested(sourceCode, node, textOf(sourceCode, value)) && !hasDefault(sourceCode, value));
    if (tested) return tested;
  }
  return undefined;
}

/** The plain values a condition reads (`config.timeout` in `config.timeout > 0 && ready`). */
function testedValues(test: TSESTree.Node): TSESTree.Node[] {
  const target = unwrapExpression(test);
  if (target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression) return [target];
  if (target.type === AST_NODE_TYPES.LogicalExpression || target.type === AST_NODE_TYPES.BinaryExpression) return [...testedValues(target.left), ...testedValues(target.right)];
  if (target.type === AST_NODE_TYPES.UnaryExpression) return testedValues(target.argument);
  return [];
}

/**
 * `timeout: this.timeout` in a request's options, where the class declares the field optional (`timeout?: number`,
 * `number | undefined`, no initialiser) and nothing gives it a default (the constructor copies an optional option):
 * the request is bounded only when the client's creator set one (mailgun.js's axios provider).
 */
export function fieldTimeoutMayBeAbsent(sourceCode: SourceCode, value: TSESTree.Node): boolean {
  const target = unwrapExpression(value);
  if (target.type !== AST_NODE_TYPES.MemberExpression || unwrapExpression(target.object).type !== AST_NODE_TYPES.ThisExpression) return false;
  const name = staticPropertyName(target);
  const classBody = enclosingClassBody(target);
  if (name === undefined || !classBody) return false;
  const field = classBody.body.find((element): element is TSESTree.PropertyDefinition => element.type === AST_NODE_TYPES.PropertyDefinition
    && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name);
  const type = field?.typeAnnotation?.typeAnnotation;
  const optional = field !== undefined && !field.value
    && (field.optional || (type?.type === AST_NODE_TYPES.TSUnionType && type.types.some((member) => member.type === AST_NODE_TYPES.TSUndefinedKeyword)));
  return optional && !hasDefault(sourceCode, target);
}

/** Whether `node` runs only where a condition of its own function found the value (written `text`) set. */
function runsOnlyWhenTested(sourceCode: SourceCode, node: TSESTree.Node, text: string): boolean {
  let current = node;
  for (let parent = node.parent; parent && !isFunction(parent); current = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === current && testsValue(sourceCode, parent.test, text)) return true;
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.consequent === current && testsValue(sourceCode, parent.test, text)) return true;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && parent.right === current && testsValue(sourceCode, parent.left, text)) return true;
  }
  return false;
}

/** `timeout`, `!!timeout`, `timeout > 0`, `timeout !== undefined`, `typeof timeout === 'number'`, `typeof timeout !== 'undefined'`, and those joined by `&&`. */
function testsValue(sourceCode: SourceCode, test: TSESTree.Node, text: string): boolean {
  const target = unwrapExpression(test);
  if (textOf(sourceCode, target) === text) return true;
  if (target.type === AST_NODE_TYPES.LogicalExpression) return target.operator === '&&' && (testsValue(sourceCode, target.left, text) || testsValue(sourceCode, target.right, text));
  if (target.type === AST_NODE_TYPES.UnaryExpression) {
    const inner = unwrapExpression(target.argument);
    return target.operator === '!' && inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === '!' && testsValue(sourceCode, inner.argument, text);
  }
  if (target.type !== AST_NODE_TYPES.BinaryExpression) return false;
  const sides = [target.left, target.right].map((side) => unwrapExpression(side));
  // `typeof timeout === 'number'`: set; `timeout === undefined` would be the opposite
  if (target.operator === '===' || target.operator === '==') {
    return sides.some((side) => side.type === AST_NODE_TYPES.UnaryExpression && side.operator === 'typeof' && textOf(sourceCode, unwrapExpression(side.argument)) === text);
  }
  if (!['!==', '!=', '>', '>='].includes(target.operator)) return false;
  if (sides.some((side) => textOf(sourceCode, side) === text)) return true;
  // `typeof timeout !== 'undefined'`
  const [left, right] = sides as [TSESTree.Node, TSESTree.Node];
  const [typeOf, other] = left.type === AST_NODE_TYPES.UnaryExpression ? [left, right] : [right, left];
  return typeOf.type === AST_NODE_TYPES.UnaryExpression && typeOf.operator === 'typeof' && textOf(sourceCode, unwrapExpression(typeOf.argument)) === text
    && other.type === AST_NODE_TYPES.Literal && other.value === 'undefined';
}

/** Whether something visible gives the value a default, so that it is set unless a caller turns it off. */
export function hasDefault(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): boolean {
  if (depth > 4) return false;
  const target = unwrapExpression(node);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      // `timeout = 0` is the default of an SDK unbounded by default (0 turns node's timeout off)
      return typeof target.value !== 'number' || target.value > 0;
    case AST_NODE_TYPES.LogicalExpression:
      return target.operator !== '&&' && hasDefault(sourceCode, target.right, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return hasDefault(sourceCode, target.consequent, depth + 1) || hasDefault(sourceCode, target.alternate, depth + 1);
    case AST_NODE_TYPES.Identifier:
      return variableHasDefault(sourceCode, target, depth);
    case AST_NODE_TYPES.MemberExpression:
      return memberHasDefault(sourceCode, target, depth);
    default:
      return false;
  }
}

/** `timeout = 30_000` as a parameter or destructured, `const timeout = given ?? 30_000`, `timeout ??= 30_000`. */
function variableHasDefault(sourceCode: SourceCode, identifier: TSESTree.Identifier, depth: number): boolean {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (!variable || !def) return false;
  const pattern = def.name.parent;
  if (pattern?.type === AST_NODE_TYPES.AssignmentPattern && pattern.left === def.name) return hasDefault(sourceCode, pattern.right, depth + 1);
  if (def.type === 'Variable' && def.node.id === def.name && def.node.init && hasDefault(sourceCode, def.node.init, depth + 1)) return true;
  return variable.references.some((reference) => {
    const assignment = reference.identifier.parent;
    return reference.isWrite() && !reference.init && assignment?.type === AST_NODE_TYPES.AssignmentExpression
      && (assignment.operator !== '=' || hasDefault(sourceCode, assignment.right, depth + 1));
  });
}

/**
 * `this.timeout` with a field or a constructor that gives it a default; `options.timeout` with `options` an object
 * literal (or a parameter's default object) that sets it.
 */
function memberHasDefault(sourceCode: SourceCode, member: TSESTree.MemberExpression, depth: number): boolean {
  const name = staticPropertyName(member);
  if (name === undefined) return true; // a key not known: anything may set it
  const object = unwrapExpression(member.object);
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    const classBody = enclosingClassBody(member);
    return classBody !== undefined && classGivesDefault(sourceCode, classBody, name, depth);
  }
  if (object.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(object) as never, object) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (!def) return false;
  if (def.type === 'Parameter' && callerMayGiveMember(sourceCode, def.node, def.name as TSESTree.Identifier, name)) return true;
  const pattern = def.name.parent;
  const start = pattern?.type === AST_NODE_TYPES.AssignmentPattern && pattern.left === def.name ? pattern.right
    : def.type === 'Variable' && def.node.id === def.name ? def.node.init : undefined;
  const literal = start && unwrapExpression(start);
  return literal?.type === AST_NODE_TYPES.ObjectExpression
    && literal.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyKey(property) === name);
}

/**
 * `private _request(requestMessage)` whose callers in this module hand it options they build from what this file
 * cannot read (`{ ...this.defaultOptions, ...extra }`, a helper's result): they may carry the member, with a default
 * (influxdb-client-js's Node transport, whose defaults hold a 10 s timeout). Only literals without the key leave it
 * unset.
 */
function callerMayGiveMember(sourceCode: SourceCode, fn: TSESTree.Node, param: TSESTree.Identifier, name: string): boolean {
  if (fn.type !== AST_NODE_TYPES.FunctionDeclaration && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) return false;
  const index = fn.params.indexOf(param);
  const calls = index < 0 ? undefined : callsOfPrivateFunction(sourceCode, fn);
  return calls !== undefined && calls.some((call) => {
    const argument = call.arguments[index];
    const literal = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? objectBehind(sourceCode, argument) : undefined;
    return argument !== undefined && (literal === undefined
      || literal.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement || (property.type === AST_NODE_TYPES.Property && propertyKey(property) === name)));
  });
}

/** The object literal an argument is, or a `const` of the same function holds. */
function objectBehind(sourceCode: SourceCode, argument: TSESTree.Expression): TSESTree.ObjectExpression | undefined {
  const target = unwrapExpression(argument);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  const init = def?.type === 'Variable' && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init ? unwrapExpression(def.node.init) : undefined;
  return init?.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
}

/** A field `timeout = ...` or a write `this.timeout = ...` in the class whose value has a default. */
function classGivesDefault(sourceCode: SourceCode, classBody: TSESTree.ClassBody, name: string, depth: number): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.computed && node.key.type === AST_NODE_TYPES.Identifier && node.key.name === name) {
      found = node.value !== null && hasDefault(sourceCode, node.value, depth + 1);
    }
    // `constructor(private readonly timeout = 30_000)`
    if (node.type === AST_NODE_TYPES.TSParameterProperty && node.parameter.type === AST_NODE_TYPES.AssignmentPattern
      && node.parameter.left.type === AST_NODE_TYPES.Identifier && node.parameter.left.name === name) {
      found = hasDefault(sourceCode, node.parameter.right, depth + 1);
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression
      && node.left.object.type === AST_NODE_TYPES.ThisExpression && staticPropertyName(node.left) === name) {
      found = node.operator !== '=' || hasDefault(sourceCode, node.right, depth + 1);
    }
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node);
      }
    }
  };
  visit(classBody);
  return found;
}

/** A node's text (modules summarised for the project model have the text, not `getText`). */
/** The value's text, read the same with or without optional chaining (`options?.timeout` tests `options.timeout`). */
function textOf(sourceCode: SourceCode, node: TSESTree.Node): string {
  return sourceCode.text.slice(node.range[0], node.range[1]).replace(/\?\.(?=[[(])/g, '').replace(/\?\./g, '.');
}
