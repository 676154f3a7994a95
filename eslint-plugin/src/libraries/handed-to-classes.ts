import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { staticPropertyName } from '../analysis/member-syntax.js';
import { isSet, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { creationLabel, creationOptions, givenThrough, setCreationOption, type PassedThrough } from './creation-options.js';
import type { CreationModel, CreationSite } from './model.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * How far a client is followed: into the variable holding it, then into the field it is kept in; or out of the
 * factory function returning it, into the variable its call gives, to what that is handed.
 */
const MAX_HOPS = 3;

/**
 * The project's classes a client is handed to when they are constructed (`new Subscribers(this.http)`), directly,
 * through the variable holding it, or through the field of this class it is kept in. An SDK that makes one instance
 * and passes it to each resource class: the resources call it through a parameter typed `AxiosInstance`, where its
 * creation cannot be seen, so the creation is where its bound belongs. Classes imported from a package (a mock
 * adapter, an SDK's own wrapper) are not the project's. A client exported by name is not followed: its importers see
 * how it was made.
 */
export function classesHandedTo(sourceCode: SourceCode, creation: TSESTree.Node): string[] {
  const names = new Set<string>();
  follow(sourceCode, creation, 0, names);
  return [...names];
}

/** How a library's instance made by `sites` is bounded where it is made, and how the fix bounds it. */
export interface HandedInstance {
  readonly sites: readonly CreationSite[];
  /** Creation options that bound every call of the instance. */
  readonly options: readonly string[];
  readonly fixKey: string;
  readonly fixValue: string;
  /** Text of the file that shows a bound given after the creation (`instance.defaults.timeout = ...`). */
  readonly laterBound: string;
}

/**
 * An instance (axios's `create`, got's `extend`) made without a bound and handed to the project's classes as they are
 * built (an SDK passing it to each resource class) is judged where it is made: there its calls go through a parameter
 * typed with the library's instance type, and one option bounds them all.
 */
export function handedInstanceCreation(instance: HandedInstance): CreationModel {
  return {
    sites: instance.sites,
    check(node, sourceCode, file) {
      const classes = classesHandedTo(sourceCode, node);
      if (classes.length === 0 || sourceCode.text.includes(instance.laterBound)) return undefined;
      const passedThrough = file.passedThroughParameter && ((callee: TSESTree.Node) => file.passedThroughParameter!(callee));
      const options = creationOptions(sourceCode, node, 0, undefined, { passedThrough });
      if (options === 'unknown') return undefined;
      const facts = options === 'absent' ? undefined : readOptions(options);
      if (facts === 'unknown' || (facts && instance.options.some((option) => isSet(facts.get(option))))) return undefined;
      const names = classes.map((name) => `\`${name}\``);
      const receivers = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
      return {
        label: creationLabel(sourceCode, node),
        remedy: `set \`${instance.fixKey}\` where it is created: it is handed to ${receivers}, whose calls cannot see how it was made`,
        fix: (target) => setHandedOption(target, node, instance, passedThrough),
      };
    },
  };
}

/**
 * The bound, where the options are written: in the literal a proxy helper is given and hands back
 * (`axios.create(withProxy(url, { baseURL, timeout }))`), else in the creation's own argument.
 */
function setHandedOption(target: FixTarget, node: TSESTree.CallExpression | TSESTree.NewExpression, instance: HandedInstance, passedThrough: PassedThrough | undefined) {
  const [argument] = node.arguments;
  const given = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? givenThrough(argument, passedThrough) : undefined;
  if (given && given !== unwrapExpression(argument!) && given.type === AST_NODE_TYPES.ObjectExpression) {
    const edits = new SourceEdits();
    edits.replace(given.range, objectTextWith(target.sourceCode, given, { set: [[instance.fixKey, instance.fixValue]] }));
    return { edits, option: `${instance.fixKey}: ${instance.fixValue}` };
  }
  return setCreationOption(target, node, 0, instance.fixKey, instance.fixValue);
}

function follow(sourceCode: SourceCode, expression: TSESTree.Node, hops: number, names: Set<string>): void {
  let current = expression;
  let parent = current.parent;
  while (parent && (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression
    || parent.type === AST_NODE_TYPES.TSSatisfiesExpression || parent.type === AST_NODE_TYPES.AwaitExpression)) {
    current = parent;
    parent = parent.parent;
  }
  if (!parent) return;
  if (parent.type === AST_NODE_TYPES.NewExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
    if (parent.callee.type === AST_NODE_TYPES.Identifier && isProjectClass(sourceCode, parent.callee)) names.add(parent.callee.name);
    return;
  }
  if (hops >= MAX_HOPS) return;
  // `function makeClient() { ...; return axios.create(config) }`: where this file calls it
  if (parent.type === AST_NODE_TYPES.ReturnStatement || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current)) {
    for (const call of callsOfEnclosingFunction(sourceCode, parent)) follow(sourceCode, call, hops + 1, names);
    return;
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
    // exported too, its importers see how it was made; the classes of this file handed it still do not
    const id = parent.id;
    const variable = sourceCode.getDeclaredVariables(parent).find((declared) => declared.name === id.name);
    for (const reference of variable?.references ?? []) {
      if (reference.identifier !== id && reference.isRead()) follow(sourceCode, reference.identifier, hops + 1, names);
    }
    return;
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current) {
    const field = thisField(parent.left);
    const classBody = field === undefined ? undefined : enclosingClassBody(parent);
    if (field !== undefined && classBody) {
      for (const read of fieldReads(sourceCode, classBody, field, parent.left)) follow(sourceCode, read, hops + 1, names);
    }
  }
}

/** The calls of this file of the function declared by name (or as a `const`) that `node` returns from. */
function callsOfEnclosingFunction(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.CallExpression[] {
  let fn: TSESTree.Node | undefined = node.parent ?? undefined;
  if (node.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
    while (fn && fn.type !== AST_NODE_TYPES.FunctionDeclaration && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) fn = fn.parent;
  } else fn = node;
  if (!fn) return [];
  const declaring = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn
    : fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn ? fn.parent : undefined;
  const variable = declaring && sourceCode.getDeclaredVariables(declaring)[0];
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable?.references ?? []) {
    const call = reference.identifier.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier) calls.push(call);
  }
  return calls;
}

/** A class declared in this file or imported from a module of the project (a relative path). */
function isProjectClass(sourceCode: SourceCode, callee: TSESTree.Identifier): boolean {
  const variable = sourceCode.getScope(callee).references.find((reference) => reference.identifier === callee)?.resolved;
  const definition = variable?.defs[0];
  if (!definition) return false;
  if (definition.type === 'ClassName') return true;
  if (definition.type !== 'ImportBinding') return false;
  const declaration = definition.parent;
  return declaration?.type === AST_NODE_TYPES.ImportDeclaration && declaration.source.value.startsWith('.');
}

/** `this.http` → 'http', `this.#http` → '#http'. */
function thisField(node: TSESTree.Node): string | undefined {
  return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && !node.computed
    ? staticPropertyName(node) : undefined;
}

function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
  }
  return undefined;
}

/** Every `this.<field>` of the class body read anywhere in it, except the write the client came through. */
function fieldReads(sourceCode: SourceCode, classBody: TSESTree.ClassBody, field: string, written: TSESTree.Node): TSESTree.MemberExpression[] {
  const reads: TSESTree.MemberExpression[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node !== written && thisField(node) === field) reads.push(node as TSESTree.MemberExpression);
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node);
      }
    }
  };
  visit(classBody);
  return reads;
}
