import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from './external-calls.js';
import { walk } from './loops.js';
import { methodFunction } from './member-syntax.js';
import { requestTarget, urlDestination } from './url-destination.js';
import { propertyKey, unwrapExpression } from './syntax.js';
import { returnedExpression } from '../project/function-returns.js';
import type { Value } from '../project/values.js';

// A class of the project that is a client of one server, whose address it is given when it is made: every request
// its methods send starts with that address (`this.rootURL = options.rootURL` in its constructor, then
// `fetch(`${this.rootURL}/v1/...`)`, also through a helper method that builds the URL and a tidied copy of the base).
// Where its calls go is then decided where it is made: made by a page with the page's own origin
// (`new ReportApi({ rootURL: window.location.origin })`), it calls the server that served the page, like a page's
// `fetch('/api/x')`; made by a command-line tool or a server with a configured address, it calls another service.

/** A creation argument (`new Api(url)`: index 0), or one option of it (`new Api({ rootURL })`: index 0, `rootURL`). */
export interface CreationPath {
  readonly index: number;
  readonly option?: string;
}

type SourceCode = Readonly<TSESLint.SourceCode>;
type ProjectInstance = Extract<Value, { kind: 'project-instance' }>;

/** How deep a URL is followed through variables, helper methods and string calls. */
const MAX_DEPTH = 10;
/** String methods that keep an address's start: `root.slice(0, -1)`, `base.replace(/\/$/, '')`. */
const KEEPS_START = new Set(['slice', 'substring', 'replace', 'replaceAll', 'trim', 'trimEnd', 'toString']);
/** A URL object's properties that keep its origin. */
const URL_PROPERTIES = new Set(['href', 'origin']);

/**
 * The creation arguments that lead the URL of every external call the class's methods make (`calls`: those in its
 * body); undefined when one call's URL starts anywhere else (a written-out address, a URL the method's caller gives),
 * when a call of a wrapper that is not the class's own method is among them, when the class extends another (whose
 * calls are not here), or when a field holding the base is written anywhere but from the constructor's arguments.
 */
export function creationBaseOf(source: SourceCode, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, calls: readonly ExternalCall[]): readonly CreationPath[] | undefined {
  const body = node.body;
  const constructor = body.body.find((element): element is TSESTree.MethodDefinition => element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor');
  if (node.superClass || constructor?.value.type !== AST_NODE_TYPES.FunctionExpression || calls.length === 0) return undefined;
  const constructorFunction = constructor.value;
  const paths = new Map<string, CreationPath>();
  for (const call of calls) {
    if (call.wrapped) {
      // its own method's calls are among `calls`; another wrapper's go where that wrapper sends them
      if (!callsOwnMethod(call.node)) return undefined;
      continue;
    }
    const target = requestTarget(call.node);
    const fields = target && !target.isHost ? leadingFields(source, body, target.expression, 0) : undefined;
    if (!fields || fields.size === 0) return undefined;
    for (const field of fields) {
      const path = creationPathOf(source, body, constructorFunction, field);
      if (!path) return undefined;
      paths.set(`${path.index}:${path.option ?? ''}`, path);
    }
  }
  return [...paths.values()];
}

/** The instance made at `node`, with where its calls go when its class takes its base at creation (see below). */
export function instanceMadeAt(source: SourceCode, made: ProjectInstance, node: TSESTree.NewExpression): ProjectInstance {
  const base = made.cls.creationBase();
  const destination = base && destinationAtCreation(source, base, node);
  return destination ? { ...made, destination } : made;
}

/**
 * Where an instance made at `node` sends its calls, when the class takes its base at `paths`: the page's own origin or
 * this machine when every base it is given says so (`rootURL: window.location.origin`, `baseUrl: '/api'`).
 */
function destinationAtCreation(source: SourceCode, paths: readonly CreationPath[], node: TSESTree.NewExpression): 'page' | 'loopback' | undefined {
  let found: 'page' | 'loopback' | undefined;
  for (const path of paths) {
    const value = creationValue(source, node, path);
    const verdict = value && urlDestination(value, source);
    if (verdict !== 'page' && verdict !== 'loopback') return undefined;
    found = found === 'page' ? found : verdict;
  }
  return found;
}

function creationValue(source: SourceCode, node: TSESTree.NewExpression, path: CreationPath): TSESTree.Node | undefined {
  const argument = node.arguments[path.index];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (path.option === undefined) return argument;
  let options = unwrapExpression(argument);
  if (options.type === AST_NODE_TYPES.Identifier) options = constInitializer(source, options) ?? options;
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  // the last one written wins; a spread after it may overwrite it
  let value: TSESTree.Node | undefined;
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) value = undefined;
    else if (propertyKey(property) === path.option) value = property.value;
  }
  return value;
}

function callsOwnMethod(node: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(node.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && unwrapExpression(callee.object).type === AST_NODE_TYPES.ThisExpression;
}

/**
 * The fields of the instance a URL starts with: `${this.root}/x`, `this.root + path`, a `const` holding either, a
 * method of the class returning one (`this.url(path).href`), `new URL(path, this.root)`. Undefined when any of its
 * branches starts with something else.
 */
function leadingFields(source: SourceCode, body: TSESTree.ClassBody, expression: TSESTree.Node, depth: number): Set<string> | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrapExpression(expression);
  const next = (inner: TSESTree.Node): Set<string> | undefined => leadingFields(source, body, inner, depth + 1);
  const both = (left: TSESTree.Node, right: TSESTree.Node): Set<string> | undefined => {
    const [first, second] = [next(left), next(right)];
    return first && second ? new Set([...first, ...second]) : undefined;
  };
  switch (node.type) {
    case AST_NODE_TYPES.TemplateLiteral:
      return node.quasis[0]?.value.cooked === '' && node.expressions.length > 0 ? next(node.expressions[0]!) : undefined;
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === '+' ? next(node.left) : undefined;
    case AST_NODE_TYPES.ConditionalExpression:
      return both(node.consequent, node.alternate);
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(node);
      if (name === undefined) return undefined;
      if (unwrapExpression(node.object).type === AST_NODE_TYPES.ThisExpression) return methodFunction(body, name) ? undefined : new Set([name]);
      return URL_PROPERTIES.has(name) ? next(node.object) : undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const name = memberName(callee);
      if (name === undefined) return undefined;
      if (unwrapExpression(callee.object).type !== AST_NODE_TYPES.ThisExpression) return KEEPS_START.has(name) ? next(callee.object) : undefined;
      const helper = methodFunction(body, name);
      const returned = helper && returnedExpression(helper, source.visitorKeys);
      return returned ? next(returned) : undefined;
    }
    case AST_NODE_TYPES.NewExpression: {
      // `new URL(text)`, `new URL(path, base)`, also a URL class kept in a field (`new this.URL(...)`)
      const callee = unwrapExpression(node.callee);
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      if (name?.replace(/^_/, '') !== 'URL') return undefined;
      const [path, base] = node.arguments;
      const leading = base ?? path;
      return leading && leading.type !== AST_NODE_TYPES.SpreadElement ? next(leading) : undefined;
    }
    case AST_NODE_TYPES.Identifier: {
      const init = constInitializer(source, node);
      return init ? next(init) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The creation argument a field is set from: `this.root = options.rootURL` (also `options.rootURL || fallback`),
 * `this.root = rootURL` with `rootURL` a parameter or an option destructured in the constructor's parameters, or a
 * parameter property (`constructor(private readonly root: string)`). Every write of the field must be so.
 */
function creationPathOf(source: SourceCode, body: TSESTree.ClassBody, constructor: TSESTree.FunctionExpression, field: string): CreationPath | undefined {
  const propertyParameter = constructor.params.findIndex((parameter) => parameter.type === AST_NODE_TYPES.TSParameterProperty
    && parameter.parameter.type === AST_NODE_TYPES.Identifier && parameter.parameter.name === field);
  if (propertyParameter >= 0) return { index: propertyParameter };
  const writes: TSESTree.AssignmentExpression[] = [];
  let definedElsewhere = false;
  walk(body, source.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.PropertyDefinition && memberKey(node) === field && node.value) definedElsewhere = true;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression
      && unwrapExpression(node.left.object).type === AST_NODE_TYPES.ThisExpression && memberName(node.left) === field) writes.push(node);
    return true;
  });
  if (definedElsewhere || writes.length !== 1) return undefined;
  const [write] = writes;
  if (write!.operator !== '=' || !within(write!, constructor)) return undefined;
  return argumentPath(source, constructor, write!.right);
}

function argumentPath(source: SourceCode, constructor: TSESTree.FunctionExpression, expression: TSESTree.Node): CreationPath | undefined {
  let node = unwrapExpression(expression);
  // `options.rootURL || DEFAULT_ROOT`: given at creation, or the class's own default
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '&&') node = unwrapExpression(node.left);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const option = memberName(node);
    const holder = unwrapExpression(node.object);
    const index = holder.type === AST_NODE_TYPES.Identifier ? parameterIndex(source, constructor, holder) : undefined;
    return option !== undefined && index?.option === undefined && index !== undefined ? { index: index.index, option } : undefined;
  }
  return node.type === AST_NODE_TYPES.Identifier ? parameterIndex(source, constructor, node) : undefined;
}

/** The constructor's parameter (or an option destructured in it) an identifier names. */
function parameterIndex(source: SourceCode, constructor: TSESTree.FunctionExpression, identifier: TSESTree.Identifier): CreationPath | undefined {
  const definition = ASTUtils.findVariable(source.getScope(identifier), identifier)?.defs[0];
  if (definition?.type !== 'Parameter' || definition.node !== constructor) return undefined;
  for (const [index, parameter] of constructor.params.entries()) {
    const pattern = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
    if (pattern === definition.name) return { index };
    if (pattern.type !== AST_NODE_TYPES.ObjectPattern) continue;
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      const option = propertyKey(property);
      if (value === definition.name && option !== undefined) return { index, option };
    }
  }
  return undefined;
}

function constInitializer(source: SourceCode, identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
  const variable = ASTUtils.findVariable(source.getScope(identifier), identifier);
  const declarator = variable?.defs[0]?.node;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) return undefined;
  // a `let` counts when nothing writes it after its declaration
  const written = variable!.references.some((reference) => reference.isWrite() && !reference.init);
  return declarator.parent.kind === 'const' || !written ? declarator.init : undefined;
}

function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  return node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string' ? node.property.value : undefined;
}

function memberKey(node: TSESTree.PropertyDefinition): string | undefined {
  return !node.computed && node.key.type === AST_NODE_TYPES.Identifier ? node.key.name : undefined;
}

function within(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}
