import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from './syntax.js';
import { memberKeyName, staticPropertyName } from './member-syntax.js';
import { guardedByValueWithoutDefault } from './optional-timeouts.js';
import { declaredType } from './declared-option-names.js';
import { getFileNodes } from './loops.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/**
 * Whether a signal given to a call may visibly be undefined in this file, so that it does not bound the call:
 * - `timeout > 0 ? AbortSignal.timeout(timeout) : undefined` with `timeout` defaulting to 0 or to nothing (an SDK whose
 *   every call is unbounded unless the caller opts in); a positive default keeps it a bound;
 * - an optional parameter (`signal?: AbortSignal`), or `opts.signal` where `opts`'s type, written in this file, marks
 *   `signal` optional (`{ signal?: AbortSignal }`), or `opts` itself is optional.
 * What cannot be seen (an untyped parameter, a type from elsewhere) is not optional: unknown counts as bounded.
 */
export function signalMayBeUndefined(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): boolean {
  if (depth > 4) return false;
  const target = unwrapExpression(node);
  switch (target.type) {
    case AST_NODE_TYPES.ConditionalExpression: {
      // a branch that is nothing, or that may be (`: init.signal ?? undefined`, the caller's optional signal)
      const mayBeEmpty = (branch: TSESTree.Expression): boolean => isNothing(branch) || signalMayBeUndefined(sourceCode, branch, depth + 1);
      const emptyBranch = mayBeEmpty(target.alternate) ? 'alternate' : mayBeEmpty(target.consequent) ? 'consequent' : undefined;
      if (!emptyBranch) return false;
      // `timeout > 0 ? ... : undefined`: optional unless what the test reads has a positive default
      const tested = testedValue(target.test);
      const fallback = tested && defaultOf(sourceCode, tested);
      return fallback === 'none' || fallback === 0;
    }
    case AST_NODE_TYPES.LogicalExpression: {
      // `init.signal ?? undefined`: empty when both sides may be
      if (target.operator === '??' || target.operator === '||') {
        return signalMayBeUndefined(sourceCode, target.left, depth + 1) && (isNothing(target.right) || signalMayBeUndefined(sourceCode, target.right, depth + 1));
      }
      // `timeout && AbortSignal.timeout(timeout)`
      if (target.operator !== '&&') return false;
      const tested = testedValue(target.left);
      const fallback = tested && defaultOf(sourceCode, tested);
      return fallback === 'none' || fallback === 0;
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = resolve(sourceCode, target);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || !def) return false;
      if (def.type === 'Variable') {
        const writes = variable.references.filter((reference) => reference.isWrite() && !reference.init);
        // `let signal; if (config.timeout) { ...; signal = controller.signal; }`: set only when an optional timeout is
        if (!def.node.init && writes.length > 0) return writes.every((write) => guardedByValueWithoutDefault(sourceCode, write.identifier) !== undefined);
        if (writes.length > 0) return false;
        return def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init ? signalMayBeUndefined(sourceCode, def.node.init, depth + 1) : false;
      }
      if (def.type === 'Parameter') {
        return optionalBinding(sourceCode, def.name as TSESTree.Identifier) && !everyCallerPasses(sourceCode, def.node, def.name as TSESTree.Identifier, undefined, depth);
      }
      return false;
    }
    case AST_NODE_TYPES.MemberExpression: {
      if (target.optional) return true;
      const property = !target.computed && target.property.type === AST_NODE_TYPES.Identifier ? target.property.name : undefined;
      const object = unwrapExpression(target.object);
      if (property === undefined || object.type !== AST_NODE_TYPES.Identifier) return false;
      const def = parameterDefinition(sourceCode, object);
      if (!def) return false;
      const name = def.name as TSESTree.Identifier;
      const annotation = name.typeAnnotation?.typeAnnotation;
      const optional = optionalBinding(sourceCode, name) || (annotation !== undefined && memberIsOptional(sourceCode, annotation, property));
      return optional && !everyCallerPasses(sourceCode, def.node, name, property, depth);
    }
    case AST_NODE_TYPES.ChainExpression:
      return true;
    default:
      return false;
  }
}

/**
 * The parameter whose object `identifier` holds: the parameter itself, or the rest of it destructured
 * (`const { timeout, ...init } = options`), whose members are the parameter's.
 */
function parameterDefinition(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESLint.Scope.Definition | undefined {
  const def = resolve(sourceCode, identifier)?.defs[0];
  if (def?.type === 'Parameter') return def;
  if (def?.type !== 'Variable') return undefined;
  const rest = def.name.parent;
  const init = def.node.init ? unwrapExpression(def.node.init) : undefined;
  if (rest?.type !== AST_NODE_TYPES.RestElement || rest.parent !== def.node.id || init?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const source = resolve(sourceCode, init)?.defs[0];
  return source?.type === 'Parameter' ? source : undefined;
}

/**
 * `private async streamRecords(stream, opts: { signal?: AbortSignal })` whose every call in the file passes a signal
 * that is there (`{ ..., signal }` from a caller's required `signal: AbortSignal`): optional in its type, never
 * missing in use. Only for a function no other module can call (a private or `#` method, a function the module does
 * not export) and whose name is used only to call it; a call that leaves it out, or passes one that may be missing,
 * keeps it optional.
 */
function everyCallerPasses(sourceCode: SourceCode, fn: TSESTree.Node, param: TSESTree.Identifier, property: string | undefined, depth: number): boolean {
  if (fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) return false;
  const index = fn.params.findIndex((candidate) => candidate === param || (candidate.type === AST_NODE_TYPES.AssignmentPattern && candidate.left === param));
  if (index < 0) return false;
  const calls = callsOfPrivateFunction(sourceCode, fn);
  if (!calls || calls.length === 0) return false;
  return calls.every((call) => {
    const argument = call.arguments[index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || isNothing(argument)) return false;
    if (property === undefined) return !signalMayBeUndefined(sourceCode, argument, depth + 1);
    const options = unwrapExpression(argument);
    if (options.type !== AST_NODE_TYPES.ObjectExpression || options.properties.some((member) => member.type === AST_NODE_TYPES.SpreadElement)) return false;
    const given = options.properties.find((member): member is TSESTree.Property => member.type === AST_NODE_TYPES.Property && !member.computed
      && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === property);
    return given !== undefined && !isNothing(given.value) && !signalMayBeUndefined(sourceCode, given.value, depth + 1);
  });
}

/** Every call of a function only this module can call, or undefined when its name is used otherwise or it may be called from elsewhere. */
export function callsOfPrivateFunction(sourceCode: SourceCode, fn: TSESTree.FunctionLike): TSESTree.CallExpression[] | undefined {
  const method = fn.parent?.type === AST_NODE_TYPES.MethodDefinition ? fn.parent : undefined;
  let name: string | undefined;
  let isMember: boolean;
  if (method) {
    if (method.computed || method.static) return undefined;
    if (method.key.type === AST_NODE_TYPES.PrivateIdentifier || method.accessibility === 'private') name = memberKeyName(method);
    isMember = true;
  } else {
    if (fn.type !== AST_NODE_TYPES.FunctionDeclaration || !fn.id || fn.parent?.type !== AST_NODE_TYPES.Program) return undefined;
    name = fn.id.name;
    isMember = false;
  }
  if (!name) return undefined;
  const calls: TSESTree.CallExpression[] = [];
  let otherUse = false;
  const visit = (node: TSESTree.Node): void => {
    if (otherUse) return;
    const named = isMember
      ? node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && !node.computed && staticPropertyName(node) === name
      : node.type === AST_NODE_TYPES.Identifier && node.name === name && node !== (fn as TSESTree.FunctionDeclaration).id;
    if (named) {
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === node) calls.push(parent);
      else if (!(parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node)) otherUse = true;
      return;
    }
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) child.forEach((item) => item && typeof item === 'object' && 'type' in item && visit(item as TSESTree.Node));
      else if (child && typeof child === 'object' && 'type' in child) visit(child as TSESTree.Node);
    }
  };
  visit(sourceCode.ast);
  return otherUse ? undefined : calls;
}

/** `undefined`, `null`, `void 0`. */
export function isNothing(node: TSESTree.Node): boolean {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === 'undefined';
  if (target.type === AST_NODE_TYPES.Literal) return target.value === null;
  return target.type === AST_NODE_TYPES.UnaryExpression && target.operator === 'void';
}

/** A condition on a value nobody need set, or that defaults to 0 (`timeout !== undefined`, `timeout > 0`): false unless the caller opts in. */
export function conditionMayFailByDefault(sourceCode: SourceCode, test: TSESTree.Node): boolean {
  const tested = testedValue(test);
  const fallback = tested && defaultOf(sourceCode, tested);
  return fallback === 'none' || fallback === 0;
}

/** The value a condition tests: `timeout` in `timeout > 0`, `timeout`, `opts.timeout !== undefined`. */
export function testedValue(test: TSESTree.Node): TSESTree.Node | undefined {
  const target = unwrapExpression(test);
  if (target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression) return target;
  if (target.type === AST_NODE_TYPES.BinaryExpression) {
    const left = unwrapExpression(target.left);
    return left.type === AST_NODE_TYPES.Identifier || left.type === AST_NODE_TYPES.MemberExpression ? left : undefined;
  }
  return undefined;
}

/**
 * What a value is when nobody sets it: a number literal, 'none' (an optional parameter or property with no default),
 * or undefined when this file does not show it.
 */
function defaultOf(sourceCode: SourceCode, node: TSESTree.Node): number | 'none' | undefined {
  const target = unwrapExpression(node);
  if (target.type === AST_NODE_TYPES.Literal) return typeof target.value === 'number' ? target.value : undefined;
  if (target.type === AST_NODE_TYPES.LogicalExpression && (target.operator === '??' || target.operator === '||')) return defaultOf(sourceCode, target.right);
  if (target.type === AST_NODE_TYPES.MemberExpression) return memberDefault(sourceCode, target) ?? optionalOption(sourceCode, target);
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = resolve(sourceCode, target);
  const def = variable?.defs[0];
  if (!def || variable!.defs.length !== 1) return undefined;
  if (def.type === 'Variable') {
    const pattern = (def.name as TSESTree.Identifier).parent;
    if (pattern?.type === AST_NODE_TYPES.AssignmentPattern) return defaultOf(sourceCode, pattern.right);
    // `const { timeout, ...init } = options`, with `options` a parameter whose type marks `timeout` optional
    if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) return destructuredFromOptionalMember(sourceCode, def.name as TSESTree.Identifier, def.node.init);
    return def.node.init ? defaultOf(sourceCode, def.node.init) : 'none';
  }
  if (def.type === 'Parameter') {
    const name = def.name as TSESTree.Identifier;
    const pattern = name.parent;
    if (pattern?.type === AST_NODE_TYPES.AssignmentPattern && pattern.left === name) return defaultOf(sourceCode, pattern.right);
    if (pattern?.type === AST_NODE_TYPES.AssignmentPattern && pattern.parent?.type === AST_NODE_TYPES.Property) return defaultOf(sourceCode, pattern.right);
    return optionalBinding(sourceCode, name) ? 'none' : undefined;
  }
  return undefined;
}

/** The name a destructuring takes from a parameter whose type marks that member optional: 'none'. */
function destructuredFromOptionalMember(sourceCode: SourceCode, name: TSESTree.Identifier, init: TSESTree.Expression | null): 'none' | undefined {
  const property = name.parent;
  const source = init ? unwrapExpression(init) : undefined;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== name || property.computed || property.key.type !== AST_NODE_TYPES.Identifier
    || source?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = resolve(sourceCode, source)?.defs[0];
  const annotation = def?.type === 'Parameter' ? (def.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation : undefined;
  return annotation && memberIsOptional(sourceCode, annotation, property.key.name) ? 'none' : undefined;
}

/** `options.timeout` where `options` is a parameter whose type, written here, marks `timeout` optional: 'none'. */
function optionalOption(sourceCode: SourceCode, node: TSESTree.MemberExpression): 'none' | undefined {
  const object = unwrapExpression(node.object);
  if (node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (object.type === AST_NODE_TYPES.MemberExpression) return optionalCreationOption(sourceCode, object, node.property.name);
  if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = resolve(sourceCode, object)?.defs[0];
  const annotation = def?.type === 'Parameter' ? (def.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation : undefined;
  return annotation && memberIsOptional(sourceCode, annotation, node.property.name) ? 'none' : undefined;
}

/**
 * `this.opts.localTimeoutMs`, with `opts` a parameter property of the class's constructor (`constructor(readonly
 * opts: HttpOpts)`) whose type marks the member optional, and neither the field nor that member written anywhere in
 * the file: 'none'.
 */
function optionalCreationOption(sourceCode: SourceCode, holder: TSESTree.MemberExpression, member: string): 'none' | undefined {
  const field = holder.object.type === AST_NODE_TYPES.ThisExpression ? staticPropertyName(holder) : undefined;
  if (field === undefined) return undefined;
  let classBody: TSESTree.Node | undefined = holder.parent;
  while (classBody && classBody.type !== AST_NODE_TYPES.ClassBody) classBody = classBody.parent;
  const constructor = classBody?.type === AST_NODE_TYPES.ClassBody
    ? classBody.body.find((element): element is TSESTree.MethodDefinition => element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') : undefined;
  const property = constructor?.value.params.find((param): param is TSESTree.TSParameterProperty => param.type === AST_NODE_TYPES.TSParameterProperty
    && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === field);
  const name = property?.parameter as TSESTree.Identifier | undefined;
  const annotation = name?.typeAnnotation?.typeAnnotation;
  // `opts: O` with the class's `<O extends HttpOpts>`: what the constraint says
  const parameterType = annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && !annotation.typeArguments
    ? (classBody!.parent as TSESTree.ClassDeclaration).typeParameters?.params.find((param) => param.name.name === (annotation.typeName as TSESTree.Identifier).name) : undefined;
  const declared = parameterType ? parameterType.constraint : annotation;
  if (!name || !declared || !memberIsOptional(sourceCode, declared, member)) return undefined;
  // `this.opts = ...`, `this.opts.localTimeoutMs = ...`, `opts.localTimeoutMs = ...` (the parameter, in the constructor)
  const written = getFileNodes(sourceCode).assignments.some(({ left }) => left.type === AST_NODE_TYPES.MemberExpression
    && ((left.object.type === AST_NODE_TYPES.ThisExpression && staticPropertyName(left) === field) || staticPropertyName(left) === member));
  return written ? undefined : 'none';
}

/** `this.timeout`: the class field's initialiser, a parameter property's default, or what the constructor assigns it. */
function memberDefault(sourceCode: SourceCode, node: TSESTree.MemberExpression): number | 'none' | undefined {
  const name = node.object.type === AST_NODE_TYPES.ThisExpression && !node.computed ? staticPropertyName(node) : undefined;
  if (name === undefined) return undefined;
  let current: TSESTree.Node | undefined = node.parent;
  while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
  if (!current) return undefined;
  for (const element of current.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && memberKeyName(element) === name && element.value) {
      return defaultOf(sourceCode, element.value);
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = param.parameter;
        if (inner.type === AST_NODE_TYPES.AssignmentPattern && inner.left.type === AST_NODE_TYPES.Identifier && inner.left.name === name) return defaultOf(sourceCode, inner.right);
        if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) return inner.optional ? 'none' : undefined;
      }
      for (const statement of element.value.body?.body ?? []) {
        const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
        if (expression?.type === AST_NODE_TYPES.AssignmentExpression && expression.left.type === AST_NODE_TYPES.MemberExpression
          && expression.left.object.type === AST_NODE_TYPES.ThisExpression && !expression.left.computed && staticPropertyName(expression.left) === name) {
          return defaultOf(sourceCode, expression.right);
        }
      }
    }
  }
  return undefined;
}

/**
 * A parameter declared optional (`signal?: AbortSignal`), whatever its callers in view pass: its type admits
 * `undefined`, so code written for it must too.
 */
export function isOptionalParameter(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = unwrapExpression(node);
  const def = target.type === AST_NODE_TYPES.Identifier ? resolve(sourceCode, target)?.defs[0] : undefined;
  return def?.type === 'Parameter' && optionalBinding(sourceCode, def.name as TSESTree.Identifier);
}

/** `x?: T`, `x = undefined`, or a property destructured from an optional or optionally-typed parameter. */
function optionalBinding(sourceCode: SourceCode, name: TSESTree.Identifier): boolean {
  if (name.optional) return true;
  const parent = name.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentPattern && parent.left === name) return isNothing(parent.right);
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === name && parent.parent.type === AST_NODE_TYPES.ObjectPattern) {
    const pattern = parent.parent;
    const key = !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
    // the type the pattern is annotated with: written in place, or named (`{ timeout, ...init }: Options`, with
    // `type Options = RequestInit & { timeout?: number }` in this file)
    const annotation = pattern.typeAnnotation?.typeAnnotation;
    return key !== undefined && annotation !== undefined && memberIsOptional(sourceCode, annotation, key);
  }
  return false;
}

/**
 * A parameter whose declared type, written in the file or a project module, makes `property` required (`{ timeout, ...init }: RequestInit &
 * { timeout: number }`): every caller that compiles passes it.
 */
export function requiredByDeclaredType(sourceCode: SourceCode, param: TSESTree.Node | undefined, property: string): boolean {
  let node = param;
  if (node?.type === AST_NODE_TYPES.TSParameterProperty) node = node.parameter;
  if (node?.type === AST_NODE_TYPES.AssignmentPattern) node = node.left;
  const annotation = node && (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ObjectPattern) ? node.typeAnnotation?.typeAnnotation : undefined;
  return annotation !== undefined && declaredOptional(sourceCode, annotation, property, 0) === false;
}

/** Whether `property` of a type written in this file or a project module (a literal, an interface or alias) is optional. */
function memberIsOptional(sourceCode: SourceCode, type: TSESTree.TypeNode, property: string): boolean {
  if (type.type === AST_NODE_TYPES.TSUnionType) return type.types.some((member) => member.type === AST_NODE_TYPES.TSUndefinedKeyword);
  return declaredOptional(sourceCode, type, property, 0) === true;
}

/**
 * Whether a type declares `property` optional, required (false), or not at all (undefined). In an intersection
 * (`{ abortSignal?: AbortSignal } & Partial<Credentials>`) it is optional when every part declaring it says so.
 */
function declaredOptional(sourceCode: SourceCode, type: TSESTree.TypeNode, property: string, depth: number): boolean | undefined {
  if (type.type === AST_NODE_TYPES.TSTypeLiteral) return literalMemberOptional(type, property);
  if (type.type === AST_NODE_TYPES.TSIntersectionType && depth < MAX_TYPE_DEPTH) {
    const declared = type.types.map((part) => declaredOptional(sourceCode, part, property, depth + 1)).filter((optional) => optional !== undefined);
    return declared.length === 0 ? undefined : declared.every(Boolean);
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = type.typeName.name;
  const declared = declaredType(sourceCode, name);
  if (declared?.node.type === AST_NODE_TYPES.TSInterfaceDeclaration) {
    return declared.node.body.body.map((member) => signatureNamed(member, property)).find(Boolean)?.optional;
  }
  if (declared) return depth < MAX_TYPE_DEPTH ? declaredOptional(declared.module, declared.node.typeAnnotation, property, depth + 1) : undefined;
  return LIBRARY_OPTIONAL_BOUNDS.get(name)?.includes(property) ? true : undefined;
}

/**
 * Request options types of the platform and of libraries, not written in the file, whose bounding members are all
 * optional: `init.signal` with `init: RequestInit` may be missing.
 */
const LIBRARY_OPTIONAL_BOUNDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['RequestInit', ['signal']],
  ['AxiosRequestConfig', ['signal', 'timeout', 'cancelToken']],
]);

/** How deep aliases and intersections are followed. */
const MAX_TYPE_DEPTH = 3;

function literalMemberOptional(type: TSESTree.TSTypeLiteral, property: string): boolean | undefined {
  for (const member of type.members) {
    const signature = signatureNamed(member, property);
    if (signature) return signature.optional === true;
  }
  return undefined;
}

function signatureNamed(member: TSESTree.TypeElement, property: string): TSESTree.TSPropertySignature | undefined {
  return member.type === AST_NODE_TYPES.TSPropertySignature && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === property
    ? member
    : undefined;
}

function resolve(sourceCode: SourceCode, identifier: TSESTree.Identifier): Variable | undefined {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier);
  while (scope) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
    scope = scope.upper;
  }
  return undefined;
}
