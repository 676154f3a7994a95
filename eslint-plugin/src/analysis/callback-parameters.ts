import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { enclosingClassBody, memberKeyName, staticPropertyName } from './member-syntax.js';
import { getFileNodes, isFunction, type FunctionNode } from './loops.js';
import { unwrapExpression } from './syntax.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A wrapper handed by reference to a function of the same file, and the places where that function calls it. */
export interface PassedWrapper {
  /** The wrapper as its call sites name it: `this.start`, `load`. */
  readonly wrapper: string;
  /** The call that hands the wrapper over: `this.delayReconnect(this.start)`. */
  readonly site: TSESTree.CallExpression;
  /** The function that receives it. */
  readonly receiver: FunctionNode;
  /** Its parameter's name, for messages. */
  readonly parameter: string;
  /** Where the receiver calls the parameter: `cb()`, `cb.call(this)`, `cb.apply(this, args)`. */
  readonly calls: readonly TSESTree.CallExpression[];
}

/**
 * A wrapper that is not called where it is named but handed to a function of the same file that calls it later
 * (`this.delayReconnect(this.start)`, whose timer runs `cb.apply(this).then(resolve)`): calling that parameter is
 * calling the wrapper, so where the failure goes is decided there, where a handler belongs. Only same-file
 * receivers, and only the places where they call the parameter: nothing is guessed about code we cannot read.
 */
export function passedWrapperCalls(sourceCode: SourceCode, wrapper: FunctionNode): PassedWrapper[] {
  const found: PassedWrapper[] = [];
  const key = wrapperKey(wrapper);
  if (!key) return found;
  for (const { site, index } of referencesAsArgument(sourceCode, wrapper, key)) {
    const receiver = receiverFunction(sourceCode, site);
    const param = receiver?.params[index];
    const name = param && parameterName(param);
    if (!receiver || !name || receiver === wrapper) continue;
    const calls = callsOfParameter(sourceCode, receiver, name);
    if (calls.length > 0) found.push({ wrapper: key.classBody ? `this.${key.name}` : key.name, site, receiver, parameter: name.name, calls });
  }
  return found;
}

/** The calls that hand `wrapper` over by reference: `run(load)`, `this.later(this.start)`, `this.later(this.start.bind(this))`. */
function referencesAsArgument(sourceCode: SourceCode, wrapper: FunctionNode, key: WrapperKey): { site: TSESTree.CallExpression; index: number }[] {
  const sites = argumentIndex(sourceCode).get(key.name) ?? [];
  return sites.filter(({ argument }) => {
    if (key.classBody) return argument.type === AST_NODE_TYPES.MemberExpression && enclosingClassBody(argument) === key.classBody;
    if (argument.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(sourceCode.getScope(argument) as never, argument) as TSESLint.Scope.Variable | null;
    const def = variable?.defs[0];
    return def !== undefined && (def.node === wrapper || (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init === wrapper));
  });
}

interface WrapperKey {
  readonly name: string;
  /** For a method or a function field: its class, where `this.name` means it. */
  readonly classBody?: TSESTree.ClassBody;
}

function wrapperKey(fn: FunctionNode): WrapperKey | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ? { name: fn.id.name } : undefined;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return { name: parent.id.name };
  if ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) && !parent.static && !parent.computed
    && parent.parent.type === AST_NODE_TYPES.ClassBody) {
    const name = memberKeyName(parent);
    return name === undefined ? undefined : { name, classBody: parent.parent };
  }
  return undefined;
}

interface ArgumentReference {
  readonly site: TSESTree.CallExpression;
  readonly index: number;
  /** `name` or `this.name` as written, through `.bind(...)`. */
  readonly argument: TSESTree.Identifier | TSESTree.MemberExpression;
}

const argumentIndexes = new WeakMap<TSESTree.Program, ReadonlyMap<string, ArgumentReference[]>>();

/** The file's calls' arguments that name a function (`name`, `this.name`, either `.bind(...)`), by that name. */
function argumentIndex(sourceCode: SourceCode): ReadonlyMap<string, ArgumentReference[]> {
  let index = argumentIndexes.get(sourceCode.ast);
  if (index) return index;
  const byName = new Map<string, ArgumentReference[]>();
  for (const site of getFileNodes(sourceCode).calls) {
    site.arguments.forEach((raw, position) => {
      let argument = unwrapExpression(raw);
      if (argument.type === AST_NODE_TYPES.CallExpression && argument.callee.type === AST_NODE_TYPES.MemberExpression
        && staticPropertyName(argument.callee) === 'bind') argument = unwrapExpression(argument.callee.object);
      const name = argument.type === AST_NODE_TYPES.Identifier ? argument.name
        : argument.type === AST_NODE_TYPES.MemberExpression && argument.object.type === AST_NODE_TYPES.ThisExpression ? staticPropertyName(argument) : undefined;
      if (name === undefined) return;
      const entry = { site, index: position, argument: argument as ArgumentReference['argument'] };
      const list = byName.get(name);
      if (list) list.push(entry);
      else byName.set(name, [entry]);
    });
  }
  argumentIndexes.set(sourceCode.ast, byName);
  index = byName;
  return index;
}

/** The same-file function a call invokes: a function bound to the callee's name, or `this.method` of the enclosing class. */
function receiverFunction(sourceCode: SourceCode, call: TSESTree.CallExpression): FunctionNode | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(callee) as never, callee) as TSESLint.Scope.Variable | null;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
    const init = def?.type === 'Variable' && def.node.init ? unwrapExpression(def.node.init) : undefined;
    return init && isFunction(init) ? init : undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = staticPropertyName(callee);
  for (const element of enclosingClassBody(callee)?.body ?? []) {
    if ((element.type !== AST_NODE_TYPES.MethodDefinition && element.type !== AST_NODE_TYPES.PropertyDefinition) || element.static || element.computed
      || memberKeyName(element) !== name) continue;
    const value = element.value && unwrapExpression(element.value);
    return value && isFunction(value) ? value : undefined;
  }
  return undefined;
}

function parameterName(param: TSESTree.Parameter): TSESTree.Identifier | undefined {
  if (param.type === AST_NODE_TYPES.Identifier) return param;
  if (param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier) return param.left;
  return undefined;
}

/** `cb(...)`, `cb.call(...)`, `cb.apply(...)` of the parameter `name` of `fn`, while it is never reassigned. */
function callsOfParameter(sourceCode: SourceCode, fn: FunctionNode, name: TSESTree.Identifier): TSESTree.CallExpression[] {
  const variable = sourceCode.scopeManager?.getDeclaredVariables(fn as never).find((candidate) => candidate.name === name.name);
  if (!variable || variable.references.some((reference) => reference.isWrite() && !reference.init)) return [];
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier) calls.push(parent);
    else if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier
      && (staticPropertyName(parent) === 'call' || staticPropertyName(parent) === 'apply')
      && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) calls.push(parent.parent);
  }
  return calls;
}
