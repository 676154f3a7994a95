import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';

/** Small readings of expressions and option objects that the library models and the analyses share. */

/** Strips parentheses-free wrappers that do not change the value: `x as T`, `x!`, `<T>x`, `x satisfies T`. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression || current.type === AST_NODE_TYPES.TSNonNullExpression
    || current.type === AST_NODE_TYPES.TSTypeAssertion || current.type === AST_NODE_TYPES.TSSatisfiesExpression
  ) {
    current = current.expression;
  }
  return current;
}

export function propertyKey(property: TSESTree.Property): string | undefined {
  if (property.computed) {
    return property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string' ? property.key.value : undefined;
  }
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
  return undefined;
}

/** The object literal an expression is, through type assertions. */
export function asObject(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
  const inner = unwrapExpression(node);
  return inner.type === AST_NODE_TYPES.ObjectExpression ? inner : undefined;
}

/**
 * The options object an argument stands for when a condition chooses between one literal and none
 * (`cond ? { headers } : undefined`, `cond && { headers }`, `cond ? { dispatcher } : {}`): that literal, since
 * leaving it out, or an empty object, sets nothing either.
 */
export function asOptionsObject(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
  const branches = optionalBranches(node);
  if (!branches) return undefined;
  const objects = branches.filter((branch): branch is TSESTree.ObjectExpression => branch !== undefined);
  const setting = objects.filter((object) => object.properties.length > 0);
  return setting.length === 1 ? setting[0] : setting.length === 0 && objects.length === 1 ? objects[0] : undefined;
}

/** The object literals an expression may be, `undefined` standing for none (a nullish or false branch); undefined if any other. */
function optionalBranches(node: TSESTree.Node, depth = 0): (TSESTree.ObjectExpression | undefined)[] | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return [inner];
  if (isNothing(inner)) return [undefined];
  if (depth > 3) return undefined;
  if (inner.type === AST_NODE_TYPES.ConditionalExpression) {
    const consequent = optionalBranches(inner.consequent, depth + 1);
    const alternate = consequent && optionalBranches(inner.alternate, depth + 1);
    return alternate && [...consequent!, ...alternate];
  }
  if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator === '&&') {
    const right = optionalBranches(inner.right, depth + 1);
    return right && [undefined, ...right];
  }
  return undefined;
}

/**
 * The object literals a condition chooses between for a client's options (`region ? { region } : {}`, a nested
 * ternary, a branch of none): every one of them, or undefined when a branch is anything else.
 */
export function literalBranches(node: TSESTree.Node): TSESTree.ObjectExpression[] | undefined {
  const inner = unwrapExpression(node);
  if (inner.type !== AST_NODE_TYPES.ConditionalExpression) return undefined;
  return optionalBranches(inner)?.filter((branch): branch is TSESTree.ObjectExpression => branch !== undefined);
}

/** A spread that adds a literal's options or none (`...(credentials && { credentials })`): readOptions reads it. */
export function isOptionalLiteral(node: TSESTree.Node): boolean {
  return optionalBranches(node) !== undefined;
}

/**
 * Options with an empty fallback (`config ?? {}`, `options || {}`) are the options themselves: the fallback sets nothing.
 * Anything else is returned as it is.
 */
export function withoutEmptyFallback(node: TSESTree.Node): TSESTree.Node {
  const inner = unwrapExpression(node);
  if (inner.type !== AST_NODE_TYPES.LogicalExpression || (inner.operator !== '??' && inner.operator !== '||')) return inner;
  const fallback = unwrapExpression(inner.right);
  return fallback.type === AST_NODE_TYPES.ObjectExpression && fallback.properties.length === 0 ? unwrapExpression(inner.left) : inner;
}

/** `undefined` or `null` as a declared start value: the variable or field holds what is written to it later. */
export function isEmptyStart(node: TSESTree.Node): boolean {
  const target = unwrapExpression(node);
  return (target.type === AST_NODE_TYPES.Identifier && target.name === 'undefined') || (target.type === AST_NODE_TYPES.Literal && target.value === null);
}

function isNothing(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'undefined';
  if (node.type === AST_NODE_TYPES.Literal) return node.value === null || node.value === false;
  return node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void';
}

/**
 * Property name -> value of an options literal; 'unknown' if a spread may add anything. A spread of literals a
 * condition chooses between (`...(region ? { region } : {})`) adds every property either may give: one that may
 * set a bound counts as set.
 */
export function readOptions(object: TSESTree.ObjectExpression): Map<string, TSESTree.Node> | 'unknown' {
  const facts = new Map<string, TSESTree.Node>();
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const branches = optionalBranches(property.argument);
      if (!branches) return 'unknown';
      for (const branch of branches) {
        const inner = branch && readOptions(branch);
        if (inner === 'unknown') return 'unknown';
        // a bound the other branch may leave is still set
        for (const [key, value] of inner ?? []) if (!isSet(facts.get(key)) || isSet(value)) facts.set(key, value);
      }
      continue;
    }
    const key = propertyKey(property);
    if (key === undefined) return 'unknown';
    facts.set(key, property.value);
  }
  return facts;
}

/**
 * The value an options literal gives `key` when a property naming it comes after every spread
 * (`{ ...config, requestHandler: {...} }`): what the spreads bring is replaced. Undefined when a spread may still set it.
 */
export function lastWrittenAfterSpreads(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (let index = object.properties.length - 1; index >= 0; index--) {
    const property = object.properties[index]!;
    if (property.type === AST_NODE_TYPES.SpreadElement) return undefined;
    if (propertyKey(property) === key) return property.value;
  }
  return undefined;
}

/** Whether an option value actually bounds the call: not absent, 0, Infinity, null, undefined or false. */
export function isSet(value: TSESTree.Node | undefined): boolean {
  if (!value) return false;
  const target = unwrapExpression(value);
  if (target.type === AST_NODE_TYPES.Literal) return target.value !== 0 && target.value !== null && target.value !== false;
  if (target.type === AST_NODE_TYPES.Identifier) return target.name !== 'undefined' && target.name !== 'Infinity';
  if (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.Identifier && target.object.name === 'Number'
    && !target.computed && target.property.type === AST_NODE_TYPES.Identifier && ['POSITIVE_INFINITY', 'MAX_VALUE', 'MAX_SAFE_INTEGER'].includes(target.property.name)) {
    return false;
  }
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target.properties.length > 0;
  return true;
}

/**
 * The upper-case HTTP method a request options object names (`{ ...init, method: 'POST' }` too), 'GET' when it names
 * none, undefined when unknown (a spread may name one).
 */
export function methodFromOptions(options: TSESTree.Node | undefined, fallback = 'GET'): string | undefined {
  if (options === undefined) return fallback;
  const object = asObject(options);
  if (!object) return undefined;
  let spread = false;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      spread = true;
      continue;
    }
    if (propertyKey(property) === 'method') {
      const v = property.value;
      return v.type === AST_NODE_TYPES.Literal && typeof v.value === 'string' ? v.value.toUpperCase() : undefined;
    }
  }
  return spread ? undefined : fallback;
}

/** `'/api/files'`, `` `/api/${id}` ``: a path of this origin (not `//host/x`). */
export function isRelativePath(argument: TSESTree.Node): boolean {
  const node = unwrapExpression(argument);
  const text = node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' ? node.value
    : node.type === AST_NODE_TYPES.TemplateLiteral ? node.quasis[0]?.value.cooked ?? '' : undefined;
  return text !== undefined && text.startsWith('/') && !text.startsWith('//');
}

/** Climbs over wrappers that keep the same value: `(x)`, `x as T`, `x!`, `x?.y` chains. */
export function skipTransparentParents(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent && (
      current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSNonNullExpression
      || current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression || current.parent.type === AST_NODE_TYPES.TSTypeAssertion
      || current.parent.type === AST_NODE_TYPES.ChainExpression
    )
  ) {
    current = current.parent;
  }
  return current;
}

export function isPromiseConstructor(node: TSESTree.NewExpression): boolean {
  return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Promise';
}

/** The program a node belongs to (a module summarised for the project model is another program than the file's). */
export function rootOf(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

/** The terms of a test joined by `&&` (`a && (b && c)`: a, b, c); any other test is its own only term. */
export function conjuncts(test: TSESTree.Node): TSESTree.Node[] {
  const node = unwrapExpression(test);
  return node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&' ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

/** The initialiser of the module-level `const` named `name` (exported or not) in the module `node` sits in, if any. */
export function moduleConstInit(node: TSESTree.Node, name: string): TSESTree.Expression | undefined {
  const program = rootOf(node);
  if (program.type !== AST_NODE_TYPES.Program) return undefined;
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') continue;
    const found = declaration.declarations.find((declarator) => declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name);
    if (found?.init) return found.init;
  }
  return undefined;
}

/** The deep-merge helpers of lodash, deepmerge and the like (`_.merge`, `OrmUtils.mergeDeep`), merging as `Object.assign` does. */
const MERGE_HELPER = /^(?:merge|mergeDeep|deepMerge|deepmerge|defaultsDeep)$/;

/**
 * `Object.assign(target, ...sources)`, or a merge helper called the same way (`merge({}, DEFAULTS, init)`): what it
 * gives has the options of all of its objects, and only the first may be written.
 */
export function isObjectMerge(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return MERGE_HELPER.test(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  const name = callee.property.name;
  return (callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Object' && name === 'assign') || MERGE_HELPER.test(name);
}

/**
 * The properties and spread objects an options expression is merged from: an object literal's, or those of
 * `Object.assign({}, DEFAULTS, init)` (its objects' properties, and the other objects whole). Undefined for anything else.
 */
export function mergedParts(options: TSESTree.Node): (TSESTree.Property | TSESTree.Expression)[] | undefined {
  if (options.type === AST_NODE_TYPES.ObjectExpression) {
    return options.properties.map((property) => (property.type === AST_NODE_TYPES.SpreadElement ? property.argument : property));
  }
  if (options.type !== AST_NODE_TYPES.CallExpression || !isObjectMerge(options) || options.arguments.length === 0) return undefined;
  const parts: (TSESTree.Property | TSESTree.Expression)[] = [];
  for (const argument of options.arguments) {
    if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const object = unwrapExpression(argument);
    if (object.type === AST_NODE_TYPES.ObjectExpression) parts.push(...(mergedParts(object) ?? []));
    else parts.push(argument);
  }
  return parts;
}

/** The statement a branch (a block, or one statement) ends with, looking into a block that ends a block. */
export function lastStatement(branch: TSESTree.Statement): TSESTree.Statement | undefined {
  if (branch.type !== AST_NODE_TYPES.BlockStatement) return branch;
  const last = branch.body.at(-1);
  return last && lastStatement(last);
}

type Leaving = (TSESTree.ReturnStatement | TSESTree.BreakStatement | TSESTree.ThrowStatement)['type'];

/** Whether a branch ends by leaving in one of these ways (a `return`, a `break`, a `throw`). */
export function endsBy(branch: TSESTree.Statement, ...ways: Leaving[]): boolean {
  const last = lastStatement(branch);
  return last !== undefined && (ways as string[]).includes(last.type);
}

/** The lower-cased words of a name in camelCase, PascalCase or SCREAMING_SNAKE_CASE (`streamOrBuffer`, `QUERY_TIMEOUT_MS`). */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_$]+/).filter(Boolean).map((word) => word.toLowerCase());
}
