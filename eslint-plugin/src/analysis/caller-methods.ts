import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { exportedName, MAX_CALLERS, MAX_HOPS, parameterValueSource, type ParameterSource } from './caller-signals.js';
import { declaredMemberLiterals } from './declared-option-names.js';
import type { ExternalCall } from './external-calls.js';
import { callersOf } from './layer-callers.js';
import { callerParameters, contains, functionName, isFunction, walk, type FunctionNode } from './loops.js';
import { enclosingClassBody, staticPropertyName } from './member-syntax.js';
import { conjuncts, propertyKey, unwrapExpression } from './syntax.js';

/**
 * A request layer sends whatever method its caller names (`fetch(url, { method: req.method.toUpperCase(), headers })`,
 * `method: ep.method`): the method a request has is the one a caller in view writes (`this.request({ method: 'post',
 * path: '/messages' })`, `invoke(base, { method: 'POST', path })`), followed through callers that hand their own
 * parameter on, up to `MAX_HOPS` functions. An SDK's generic layer retrying every request retries its POSTs too.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A method a caller writes for the layer's request, and the options object it writes it in. */
export interface CallerMethod {
  readonly method: string;
  /** The caller's options literal the method is written in, when it is one (`{ method: 'POST', path }`). */
  readonly options: TSESTree.ObjectExpression | undefined;
  /** The layer's parameter those options arrive in. */
  readonly parameter: { readonly fn: FunctionNode; readonly index: number };
  /** Read from the options' declared type (`method: 'GET' | 'POST'`), not from a caller. */
  readonly declared?: true;
}

/** The first method among `wanted` a caller in view writes for the request, when its options name a caller's method. */
export function methodFromCallers(sourceCode: SourceCode, filename: string, request: ExternalCall, wanted: ReadonlySet<string>): CallerMethod | undefined {
  const options = request.optionsArgument ?? request.optionsExpression;
  const given = options && unwrapExpression(options);
  if (!given) return undefined;
  let source: ParameterSource | undefined;
  if (given.type === AST_NODE_TYPES.ObjectExpression) {
    const property = given.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyKey(candidate) === 'method');
    source = property ? parameterValueSource(sourceCode, caseChangeless(property.value)) : spreadInitMethod(sourceCode, given);
  } else {
    source = initMethod(sourceCode, given);
  }
  return source && (methodGiven(sourceCode, filename, source, wanted, 0, new Set()) ?? methodDeclared(sourceCode, filename, source, wanted));
}

/**
 * `export async function request(options: RequestOptions)` with `method: 'GET' | 'PUT' | 'POST' | 'DELETE'` in the
 * declared options: a layer only other modules call (its resource methods generated elsewhere) sends every method its
 * options' type allows, a POST among them. A layer with callers in view is judged by what they write.
 */
function methodDeclared(sourceCode: SourceCode, filename: string, source: ParameterSource, wanted: ReadonlySet<string>): CallerMethod | undefined {
  if (source.key === undefined || !calledFromOtherModules(sourceCode, source.fn)) return undefined;
  if (callersOf(sourceCode, filename, source.fn).some(({ call, module }) => module === sourceCode && !contains(source.fn, call))) return undefined;
  const allowed = declaredMemberLiterals(sourceCode, callerParameters(source.fn)[source.index], source.key);
  const method = allowed && [...allowed].map((literal) => literal.toUpperCase()).find((literal) => wanted.has(literal));
  return method ? { method, options: undefined, parameter: { fn: source.fn, index: source.index }, declared: true } : undefined;
}

/** An exported function, or a method of an exported class. */
function calledFromOtherModules(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const name = functionName(fn);
  if (!name) return false;
  if (!name.method) return exportedName(fn, name.name, sourceCode) !== undefined;
  const owner = enclosingClassBody(fn)?.parent;
  return owner?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || owner?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
}

/** `{ ...init, signal }` naming no method of its own: the `method` of the init its caller hands in. */
function spreadInitMethod(sourceCode: SourceCode, literal: TSESTree.ObjectExpression): ParameterSource | undefined {
  for (const candidate of literal.properties) {
    if (candidate.type !== AST_NODE_TYPES.SpreadElement) continue;
    const method = initMethod(sourceCode, candidate.argument);
    if (method) return method;
  }
  return undefined;
}

/** `fetch(url, init)`, `init` a whole parameter: the `method` its caller writes in it. */
function initMethod(sourceCode: SourceCode, init: TSESTree.Node): ParameterSource | undefined {
  const whole = parameterValueSource(sourceCode, init);
  return whole && whole.key === undefined ? { ...whole, key: 'method' } : undefined;
}

function methodGiven(sourceCode: SourceCode, filename: string, source: ParameterSource, wanted: ReadonlySet<string>, hops: number, visited: Set<FunctionNode>): CallerMethod | undefined {
  if (visited.has(source.fn)) return undefined;
  visited.add(source.fn);
  for (const { call, module } of callersOf(sourceCode, filename, source.fn).slice(0, MAX_CALLERS)) {
    // callers in other modules are read by their own file's analysis
    if (module !== sourceCode) continue;
    const argument = call.arguments[source.index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
    let given: TSESTree.Node = unwrapExpression(argument);
    const options = given.type === AST_NODE_TYPES.ObjectExpression ? given : undefined;
    // the option read from the caller's literal; from an object the caller was handed, read further out
    let key = source.key;
    if (key !== undefined && options) {
      const property = options.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyKey(candidate) === key);
      if (!property) continue;
      given = unwrapExpression(property.value);
      key = undefined;
    }
    if (key === undefined && given.type === AST_NODE_TYPES.Literal && typeof given.value === 'string' && wanted.has(given.value.toUpperCase())) {
      return { method: given.value.toUpperCase(), options, parameter: { fn: source.fn, index: source.index } };
    }
    // a caller handing on a parameter of its own (`this.once(req)` in `request(req)`)
    const outer = hops < MAX_HOPS ? parameterValueSource(sourceCode, given) : undefined;
    if (!outer || (key !== undefined && outer.key !== undefined)) continue;
    const found = methodGiven(sourceCode, filename, key === undefined ? outer : { ...outer, key }, wanted, hops + 1, visited);
    if (found) return found;
  }
  return undefined;
}

/** `req.method.toUpperCase()` and `options.method ?? 'GET'` send `req.method`, `options.method` when the caller gives one. */
function caseChangeless(node: TSESTree.Node): TSESTree.Node {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.LogicalExpression && (target.operator === '??' || target.operator === '||')) return caseChangeless(target.left);
  if (target.type === AST_NODE_TYPES.CallExpression && target.arguments.length === 0 && target.callee.type === AST_NODE_TYPES.MemberExpression
    && /^to(?:Upper|Lower)Case$/.test(staticPropertyName(target.callee) ?? '')) return unwrapExpression(target.callee.object);
  return target;
}

/**
 * What writing a header into the request's headers object (`headers['Idempotency-Key'] = key`) does for the POST a
 * caller sends: 'absent' when the write cannot happen for it (under a test of an option that caller leaves out,
 * `if (ep.idempotent) ...`; a header named by a class field nothing sets, `headers[this.idempotencyHeader] = ...`),
 * the key's value when it is written, 'unknown' for a header name that cannot be read. Undefined when nothing is
 * written into the object after it is made.
 */
export function keyWrittenInto(sourceCode: SourceCode, headers: TSESTree.Identifier, header: RegExp, caller: CallerMethod | undefined): TSESTree.Node | 'absent' | 'unknown' | undefined {
  const variable = findVariable(sourceCode.getScope(headers) as never, headers) as TSESLint.Scope.Variable | null;
  let result: TSESTree.Node | 'absent' | 'unknown' | undefined;
  for (const reference of variable?.references ?? []) {
    const member = reference.identifier.parent;
    const assignment = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier
      || assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== member) continue;
    const name = staticPropertyName(member);
    if (name === undefined) {
      const field = member.property.type === AST_NODE_TYPES.MemberExpression && member.property.object.type === AST_NODE_TYPES.ThisExpression ? member.property : undefined;
      if (field && neverSet(sourceCode, field)) result ??= 'absent';
      else return 'unknown';
      continue;
    }
    if (!header.test(name)) continue;
    if (caller && writtenOnlyFor(assignment, caller)) {
      result ??= 'absent';
      continue;
    }
    return assignment.right;
  }
  return result;
}

/** `if (ep.idempotent && ...) headers[...] = ...` with `ep` the caller's options and `idempotent` not among them. */
function writtenOnlyFor(write: TSESTree.Node, caller: CallerMethod): boolean {
  const given = caller.options;
  if (!given || given.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return false;
  const written = new Set(given.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? propertyKey(property) : undefined)));
  const parameter = callerParameters(caller.parameter.fn)[caller.parameter.index];
  const name = parameter?.type === AST_NODE_TYPES.Identifier ? parameter.name : parameter?.type === AST_NODE_TYPES.AssignmentPattern && parameter.left.type === AST_NODE_TYPES.Identifier ? parameter.left.name : undefined;
  if (!name) return false;
  for (let current: TSESTree.Node | undefined = write.parent, child: TSESTree.Node = write; current && !isFunction(current); child = current, current = current.parent) {
    if (current.type !== AST_NODE_TYPES.IfStatement || current.consequent !== child) continue;
    if (conjuncts(current.test).some((test) => test.type === AST_NODE_TYPES.MemberExpression && test.object.type === AST_NODE_TYPES.Identifier
      && test.object.name === name && !written.has(staticPropertyName(test)))) return true;
  }
  return false;
}

/** A field of the class declared with no value (`protected idempotencyHeader?: string`) and never assigned. */
function neverSet(sourceCode: SourceCode, field: TSESTree.MemberExpression): boolean {
  const name = staticPropertyName(field);
  const classBody = enclosingClassBody(field);
  if (name === undefined || !classBody) return false;
  const declared = classBody.body.find((element): element is TSESTree.PropertyDefinition => element.type === AST_NODE_TYPES.PropertyDefinition
    && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name);
  if (!declared || declared.value) return false;
  let assigned = false;
  walk(classBody, sourceCode.visitorKeys, (node) => {
    assigned ||= node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression
      && node.left.object.type === AST_NODE_TYPES.ThisExpression && staticPropertyName(node.left) === name;
    return !assigned;
  });
  return !assigned;
}
