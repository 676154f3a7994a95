import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { heldObjectLiteral } from './held-literals.js';
import { exportedName, MAX_CALLERS, MAX_HOPS, parameterOf, type ParameterSource } from './caller-signals.js';
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
  /** The modules of the callers the method was found through, when one is not the layer's own. */
  readonly modules?: readonly SourceCode[];
}

/**
 * The first method among `wanted` a caller in view writes for the request, when its options name a caller's method.
 * `through`: the calls of this file's wrappers a call reached the request by (`this.readStatus(url)` calling
 * `this.send(url, {})`): where one of them calls the layer, only it names the method, not the layer's other callers.
 */
export function methodFromCallers(sourceCode: SourceCode, filename: string, request: ExternalCall, wanted: ReadonlySet<string>, through?: readonly TSESTree.Node[]): CallerMethod | undefined {
  const options = request.optionsArgument ?? request.optionsExpression;
  const given = options && unwrapExpression(options);
  if (!given) return undefined;
  const source = methodSource(sourceCode, given);
  if (!source) return undefined;
  const found = methodGiven(sourceCode, filename, source, wanted, 0, new Set(), through && new Set(through));
  if (found) return found;
  const [key, ...deeper] = source.path;
  return deeper.length === 0 ? methodDeclared(sourceCode, filename, { fn: source.fn, index: source.index, key }, wanted) : undefined;
}

/**
 * Where the method of a request's options comes from: `{ method: req.method }`, `{ ...init, signal }` (the `method`
 * of the init spread in), a whole init, or a `const` holding such a literal (`const sent = { ...rest, signal }`).
 */
function methodSource(sourceCode: SourceCode, options: TSESTree.Node): PathSource | undefined {
  const literal = heldLiteral(sourceCode, options);
  if (!literal) return pathSource(sourceCode, options, ['method']);
  const property = literal.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyKey(candidate) === 'method');
  if (property) return pathSource(sourceCode, caseChangeless(property.value), []);
  for (const candidate of literal.properties) {
    const spread = candidate.type === AST_NODE_TYPES.SpreadElement ? pathSource(sourceCode, candidate.argument, ['method']) : undefined;
    if (spread) return spread;
  }
  return undefined;
}

/**
 * A value read from a parameter, and the keys read on the way: `init.method` is `['method']` of `init`; in `const {
 * init = {} } = args; const { timeoutMs, ...rest } = init`, `rest.method` is `['init', 'method']` of `args`.
 */
interface PathSource {
  readonly fn: FunctionNode;
  readonly index: number;
  readonly path: readonly string[];
}

function pathSource(sourceCode: SourceCode, node: TSESTree.Node, after: readonly string[], depth = 0): PathSource | undefined {
  let target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.ChainExpression) target = target.expression;
  if (depth > 4) return undefined;
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.property.type === AST_NODE_TYPES.Identifier) {
    return pathSource(sourceCode, target.object, [target.property.name, ...after], depth + 1);
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const parameter = parameterOf(sourceCode, target);
  if (parameter) return { fn: parameter.fn, index: parameter.index, path: parameter.destructuredKey === undefined ? after : [parameter.destructuredKey, ...after] };
  // `const { init = {}, attempts } = args` or `const { timeoutMs, ...rest } = init` in the body, never written again
  const variable = findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null;
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.ObjectPattern || !definition.node.init
    || variable!.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  for (const property of definition.node.id.properties) {
    if (property.type === AST_NODE_TYPES.RestElement) {
      if (property.argument === definition.name) return pathSource(sourceCode, definition.node.init, after, depth + 1);
      continue;
    }
    const bound = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    const key = propertyKey(property);
    if (bound === definition.name && key !== undefined) return pathSource(sourceCode, definition.node.init, [key, ...after], depth + 1);
  }
  return undefined;
}

/** An object literal written in place, or held by a `const` (`const init = { method: verb, headers }`). */
function heldLiteral(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
  return heldObjectLiteral(sourceCode, node)?.object;
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

/**
 * The callers of the function `source` reads from, in this module and in the modules importing it, up to `MAX_HOPS`
 * functions out. A caller in another module writing the method straight into the layer's options is that module's to
 * report (its call goes through a layer that retries); one handing on a method its own callers name leaves the gap
 * to the layer, where one edit fixes every caller (an SDK's resource clients, a request helper, a retrying transport).
 */
function methodGiven(sourceCode: SourceCode, filename: string, source: PathSource, wanted: ReadonlySet<string>, hops: number, visited: Set<FunctionNode>, through?: ReadonlySet<TSESTree.Node>): CallerMethod | undefined {
  if (visited.has(source.fn)) return undefined;
  visited.add(source.fn);
  const callers = callersOf(sourceCode, filename, source.fn, { enough: MAX_CALLERS }).slice(0, MAX_CALLERS);
  const onPath = through && callers.filter(({ call }) => through.has(call));
  // the first caller naming a wanted method, a POST first (the commonest write, and the one a message should name)
  let first: CallerMethod | undefined;
  for (const { call, module, file } of onPath?.length ? onPath : callers) {
    const argument = call.arguments[source.index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const found = methodAt(module, file, argument, source.path, wanted, hops, visited);
    if (!found || (hops === 0 && module !== sourceCode && found.modules.length === 0)) continue;
    const parameter = found.parameter ?? { fn: source.fn, index: source.index };
    const options = unwrapExpression(argument);
    // the options of a caller in another module are read in that module only
    const given: CallerMethod = module !== sourceCode || found.modules.length > 0
      ? { method: found.method, options: undefined, parameter, modules: [module, ...found.modules] }
      : { method: found.method, options: found.caller ?? (options.type === AST_NODE_TYPES.ObjectExpression ? options : undefined), parameter };
    if (given.method === 'POST') return given;
    first ??= given;
  }
  return first;
}

interface FoundMethod {
  readonly method: string;
  /** The modules of the callers further out, when the method was found there. */
  readonly modules: readonly SourceCode[];
  readonly caller?: TSESTree.ObjectExpression;
  readonly parameter?: CallerMethod['parameter'];
}

/** The method `path` reads from a caller's argument: a literal there, or one its own callers write. */
function methodAt(module: SourceCode, file: string, node: TSESTree.Node, path: readonly string[], wanted: ReadonlySet<string>, hops: number, visited: Set<FunctionNode>): FoundMethod | undefined {
  const value = path.length === 0 ? caseChangeless(node) : unwrapExpression(node);
  if (path.length === 0 && value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') {
    return wanted.has(value.value.toUpperCase()) ? { method: value.value.toUpperCase(), modules: [] } : undefined;
  }
  // `HTTPMethod.POST`: a member of the project's enum of methods, named for the one it is
  const member = path.length === 0 ? methodEnumMember(value) : undefined;
  if (member) return wanted.has(member) ? { method: member, modules: [] } : undefined;
  const literal = path.length === 0 ? undefined : heldLiteral(module, value);
  if (literal) {
    const [key, ...rest] = path;
    const property = literal.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyKey(candidate) === key);
    if (property) return methodAt(module, file, property.value, rest, wanted, hops, visited);
    for (const candidate of literal.properties) {
      const found = candidate.type === AST_NODE_TYPES.SpreadElement ? methodAt(module, file, candidate.argument, path, wanted, hops, visited) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  // a caller handing on a parameter of its own (`this.once(req)` in `request(req)`): its callers name the method
  const outer = hops < MAX_HOPS ? pathSource(module, value, path) : undefined;
  const found = outer && methodGiven(module, file, outer, wanted, hops + 1, visited);
  return found && { method: found.method, modules: found.modules ?? [], caller: found.options, parameter: found.parameter };
}

/** `HTTPMethod.POST`, `Method.Post`: the verb a member of an enum (or object) named for methods stands for. */
function methodEnumMember(node: TSESTree.Node): string | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed) return undefined;
  const holder = unwrapExpression(node.object);
  const holderName = holder.type === AST_NODE_TYPES.Identifier ? holder.name : holder.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(holder) : undefined;
  const verb = staticPropertyName(node)?.toUpperCase();
  return holderName !== undefined && /method/i.test(holderName) && verb !== undefined && HTTP_VERBS.has(verb) ? verb : undefined;
}

const HTTP_VERBS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

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
