import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { memberKeyName, staticPropertyName } from './member-syntax.js';

export type LoopStatement =
  | TSESTree.DoWhileStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.ForStatement
  | TSESTree.WhileStatement;

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

/** The nodes the loop, retry and timeout analyses start from, gathered in one walk of the file. */
export interface FileNodes {
  readonly loops: readonly LoopStatement[];
  readonly tries: readonly TSESTree.TryStatement[];
  readonly calls: readonly TSESTree.CallExpression[];
  readonly functions: readonly FunctionNode[];
  /** For the external-call index (`axios.defaults.timeout = ...`), so it needs no walk of its own. */
  readonly assignments: readonly TSESTree.AssignmentExpression[];
}

/** Type-only syntax: no code runs there, so the walks skip it (large declaration files stay cheap). */
const TYPE_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeArguments', 'implements']);
const TYPE_DECLARATION_TYPES = [
  AST_NODE_TYPES.TSInterfaceDeclaration,
  AST_NODE_TYPES.TSTypeAliasDeclaration,
  AST_NODE_TYPES.TSDeclareFunction,
];
const TYPE_DECLARATIONS = new Set<string>(TYPE_DECLARATION_TYPES);

type MutableFileNodes = { -readonly [K in keyof FileNodes]: FileNodes[K][number][] };

const fileNodesCache = new WeakMap<TSESTree.Program, FileNodes>();

export function getFileNodes(sourceCode: Readonly<TSESLint.SourceCode>): FileNodes {
  const cached = fileNodesCache.get(sourceCode.ast);
  if (cached) return cached;
  const collection = collections.get(sourceCode.ast);
  if (collection?.complete) {
    fileNodesCache.set(sourceCode.ast, collection.nodes);
    return collection.nodes;
  }
  const nodes = emptyFileNodes();
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    addFileNode(nodes, node);
    return true;
  });
  fileNodesCache.set(sourceCode.ast, nodes);
  return nodes;
}

/**
 * The file's try statements that lie within `outer`, in the order `getFileNodes` lists them: found by start offset
 * instead of a scan of every try in the file, which for each loop of a large file would be quadratic.
 */
export function triesWithin(sourceCode: Readonly<TSESLint.SourceCode>, outer: TSESTree.Node): TSESTree.TryStatement[] {
  const tries = getFileNodes(sourceCode).tries;
  let byStart = triesByStart.get(tries);
  if (!byStart) {
    byStart = tries.map((statement, order) => ({ statement, order })).sort((a, b) => a.statement.range[0] - b.statement.range[0]);
    triesByStart.set(tries, byStart);
  }
  const end = outer.range[1];
  const within: { statement: TSESTree.TryStatement; order: number }[] = [];
  for (let index = firstStartingAt(byStart, outer.range[0], (entry) => entry.statement); index < byStart.length && byStart[index]!.statement.range[0] <= end; index++) {
    if (contains(outer, byStart[index]!.statement)) within.push(byStart[index]!);
  }
  return within.sort((a, b) => a.order - b.order).map(({ statement }) => statement);
}

const triesByStart = new WeakMap<readonly TSESTree.TryStatement[], { statement: TSESTree.TryStatement; order: number }[]>();

function emptyFileNodes(): MutableFileNodes {
  return { loops: [], tries: [], calls: [], functions: [], assignments: [] };
}

function addFileNode(nodes: MutableFileNodes, node: TSESTree.Node): void {
  if (isLoop(node)) nodes.loops.push(node);
  else if (node.type === AST_NODE_TYPES.TryStatement) nodes.tries.push(node);
  else if (node.type === AST_NODE_TYPES.CallExpression) nodes.calls.push(node);
  else if (isFunction(node)) nodes.functions.push(node);
  else if (node.type === AST_NODE_TYPES.AssignmentExpression) nodes.assignments.push(node);
}

interface Collection {
  readonly nodes: MutableFileNodes;
  /** How many type-only nodes the traversal is inside: code there never runs, as in `walk`. */
  typeDepth: number;
  complete: boolean;
}

const collections = new WeakMap<TSESTree.Program, Collection>();

const COLLECTED_TYPES = [
  AST_NODE_TYPES.ForStatement, AST_NODE_TYPES.ForInStatement, AST_NODE_TYPES.ForOfStatement, AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement, AST_NODE_TYPES.TryStatement, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.FunctionDeclaration,
  AST_NODE_TYPES.FunctionExpression, AST_NODE_TYPES.ArrowFunctionExpression, AST_NODE_TYPES.AssignmentExpression,
];

/**
 * The roots of what `walk` skips: the type declarations, the nodes under its type keys, and the only types that can
 * hold code (computed keys, parameter defaults) wherever else a type is written (`x as { [k()]: T }`).
 */
const TYPE_ROOTS = [
  ...TYPE_DECLARATION_TYPES, AST_NODE_TYPES.TSTypeAnnotation, AST_NODE_TYPES.TSTypeParameterDeclaration,
  AST_NODE_TYPES.TSTypeParameterInstantiation, AST_NODE_TYPES.TSClassImplements, AST_NODE_TYPES.TSTypeLiteral,
  AST_NODE_TYPES.TSFunctionType, AST_NODE_TYPES.TSConstructorType,
];

/** The file whose nodes ESLint's traversal is gathering now: linting is synchronous, one file's traversal at a time. */
let gathering: Collection | undefined;

const gatherNode = (node: TSESTree.Node): void => {
  if (gathering && gathering.typeDepth === 0) addFileNode(gathering.nodes, node);
};
const enterType = (): void => {
  if (gathering) gathering.typeDepth++;
};
const leaveType = (): void => {
  if (gathering) gathering.typeDepth--;
};
const GATHERING_LISTENER: Readonly<Record<string, (node: TSESTree.Node) => void>> = Object.fromEntries([
  ...COLLECTED_TYPES.map((type) => [type, gatherNode]),
  ...TYPE_ROOTS.flatMap((type) => [[type, enterType], [`${type}:exit`, leaveType]]),
]);

/**
 * Adds to a rule's listeners the gathering of the file's nodes during ESLint's own traversal, so that `getFileNodes`
 * needs no walk of its own. Only the first rule set up for a file gathers; any rule's `Program:exit` (by then every
 * node has been entered) marks the gathering complete. Asked before that, `getFileNodes` walks the file itself.
 */
export function withFileNodes(sourceCode: Readonly<TSESLint.SourceCode>, listener: TSESLint.RuleListener): TSESLint.RuleListener {
  const ast = sourceCode.ast;
  const programExit = listener['Program:exit'];
  const complete = (program: TSESTree.Program): void => {
    const collection = collections.get(ast);
    if (collection) collection.complete = true;
    if (gathering === collection) gathering = undefined;
    programExit?.(program);
  };
  if (collections.has(ast) || fileNodesCache.has(ast)) return { ...listener, 'Program:exit': complete };
  gathering = { nodes: emptyFileNodes(), typeDepth: 0, complete: false };
  collections.set(ast, gathering);
  const merged: Record<string, unknown> = { ...GATHERING_LISTENER, ...listener, 'Program:exit': complete };
  for (const selector of Object.keys(listener)) {
    const gather = GATHERING_LISTENER[selector];
    const own = merged[selector] as (node: TSESTree.Node) => void;
    if (gather) merged[selector] = (node: TSESTree.Node) => { gather(node); own(node); };
  }
  return merged as TSESLint.RuleListener;
}

/** Depth-first walk of the code in source order (type annotations skipped); `enter` returns false to skip a node's children. */
export function walk(
  root: TSESTree.Node,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
  enter: (node: TSESTree.Node) => boolean,
): void {
  const visit = (node: TSESTree.Node): void => {
    if (TYPE_DECLARATIONS.has(node.type) || !enter(node)) return;
    const keys = visitorKeys[node.type];
    if (!keys) return;
    for (const key of keys) {
      if (TYPE_KEYS.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) visit(child);
      } else if (isNode(value)) {
        visit(value);
      }
    }
  };
  visit(root);
}

/** Walks `root` without entering functions nested in it (their bodies run at another time). */
export function walkSameFunction(
  root: TSESTree.Node,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
  enter: (node: TSESTree.Node) => void,
): void {
  walk(root, visitorKeys, (node) => {
    if (node !== root && isFunction(node)) return false;
    enter(node);
    return true;
  });
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function isLoop(node: TSESTree.Node): node is LoopStatement {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}

export function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The index of the first item whose node starts at or after `offset`, in items sorted by their node's start. */
export function firstStartingAt<T>(items: readonly T[], offset: number, nodeOf: (item: T) => TSESTree.Node): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (nodeOf(items[middle]!).range[0] < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Whether `node` lies inside `ancestor` with no function boundary in between (runs as part of it). */
export function inSameFunction(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  let current: TSESTree.Node | undefined = node;
  while (current && current !== ancestor) {
    if (current !== node && isFunction(current)) return false;
    current = current.parent;
  }
  return current === ancestor;
}

export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

export interface FunctionName {
  readonly name: string;
  /** Called as `this.name(...)` (a method) rather than `name(...)`. */
  readonly method: boolean;
}

/**
 * The parameters a caller's arguments fill, in order: TypeScript's `this` parameter (`function layer(this: Ctx, path)`,
 * written for `layer.call(ctx, path)`) declares the receiver, not an argument.
 */
export function callerParameters(fn: FunctionNode): TSESTree.Parameter[] {
  const [first, ...rest] = fn.params;
  return first?.type === AST_NODE_TYPES.Identifier && first.name === 'this' ? rest : fn.params;
}

/** The name a function is called by: its own, its variable's, or its method's (`this.name(...)`). */
export function functionName(fn: FunctionNode): FunctionName | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return { name: fn.id.name, method: false };
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    return { name: parent.id.name, method: false };
  }
  if (fn.type === AST_NODE_TYPES.FunctionExpression && fn.id) return { name: fn.id.name, method: false };
  if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.Property) {
    const name = parent.computed ? undefined : memberKeyName(parent);
    return name === undefined ? undefined : { name, method: true };
  }
  return undefined;
}

/** The name a function is called by: its declaration's, or that of the variable it initialises (`const retry = async () => ...`). */
export function boundName(fn: FunctionNode): string | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name;
  const declarator = fn.parent;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === fn && declarator.id.type === AST_NODE_TYPES.Identifier
    ? declarator.id.name
    : undefined;
}

/** The function of this file a call runs: a function named once, or `this.method(...)` of the enclosing class. */
export function sameFileFunction(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): FunctionNode | undefined {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const definition = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs[0];
    // A parameter's definition node is the function that takes it, not the function it holds.
    if (definition?.type === 'Parameter') return undefined;
    if (definition?.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
    const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : undefined;
    return init && isFunction(init) ? init : undefined;
  }
  const methodName = callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && !callee.computed
    ? staticPropertyName(callee) : undefined;
  if (methodName === undefined) return undefined;
  for (let current: TSESTree.Node | undefined = call.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.ClassBody) continue;
    for (const member of current.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && !member.computed && memberKeyName(member) === methodName && member.value.body) return member.value;
    }
    return undefined;
  }
  return undefined;
}

/** The nearest loop or function around `node`: where a `break`/`continue`/`return` in it goes. */
export function enclosingLoop(node: TSESTree.Node): LoopStatement | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isLoop(current)) return current;
    if (isFunction(current)) return undefined;
  }
  return undefined;
}

/**
 * Whether running `statement` to its end always leaves `loop` (return, throw, or a break out of it),
 * so normal completion never reaches the loop's next iteration. A `continue` met before the leaving statement
 * (`if (retryable) continue; throw error;`) goes round again.
 */
export function alwaysLeavesLoop(statement: TSESTree.Statement | null | undefined, loop: LoopStatement): boolean {
  if (!statement) return false;
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BreakStatement:
      return breakLeaves(statement, loop);
    case AST_NODE_TYPES.BlockStatement:
      for (const inner of statement.body) {
        if (alwaysLeavesLoop(inner, loop)) return true;
        if (mayContinue(inner, loop)) return false;
      }
      return false;
    case AST_NODE_TYPES.IfStatement:
      return alwaysLeavesLoop(statement.consequent, loop) && alwaysLeavesLoop(statement.alternate, loop);
    case AST_NODE_TYPES.TryStatement:
      return (
        alwaysLeavesLoop(statement.finalizer, loop) ||
        (alwaysLeavesLoop(statement.block, loop) && (!statement.handler || alwaysLeavesLoop(statement.handler.body, loop)))
      );
    default:
      return false;
  }
}

/** Whether a `continue` of `loop` may run in `statement` (statements only: a continue sits in no expression). */
function mayContinue(statement: TSESTree.Statement, loop: LoopStatement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ContinueStatement:
      return statement.label ? !labelInside(statement, loop) : true;
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.some((inner) => mayContinue(inner, loop));
    case AST_NODE_TYPES.IfStatement:
      return mayContinue(statement.consequent, loop) || (statement.alternate !== null && mayContinue(statement.alternate, loop));
    case AST_NODE_TYPES.TryStatement:
      return (
        mayContinue(statement.block, loop) ||
        (statement.handler !== null && mayContinue(statement.handler.body, loop)) ||
        (statement.finalizer !== null && mayContinue(statement.finalizer, loop))
      );
    case AST_NODE_TYPES.SwitchStatement:
      return statement.cases.some((switchCase) => switchCase.consequent.some((inner) => mayContinue(inner, loop)));
    case AST_NODE_TYPES.LabeledStatement:
      return mayContinue(statement.body, loop);
    default:
      return false;
  }
}

function breakLeaves(statement: TSESTree.BreakStatement, loop: LoopStatement): boolean {
  if (statement.label) return !labelInside(statement, loop);
  // An unlabelled break inside a switch or a nested loop does not leave this loop.
  for (let current: TSESTree.Node | undefined = statement.parent; current && current !== loop; current = current.parent) {
    if (isLoop(current) || current.type === AST_NODE_TYPES.SwitchStatement) return false;
  }
  return true;
}

function labelInside(statement: TSESTree.BreakStatement | TSESTree.ContinueStatement, loop: LoopStatement): boolean {
  for (let current: TSESTree.Node | undefined = statement.parent; current && current !== loop; current = current.parent) {
    if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === statement.label?.name) return true;
  }
  return false;
}

/** Whether any statement under `root` (same function, not in a nested loop's own scope) leaves `loop`. */
export function containsLoopExit(
  root: TSESTree.Node,
  loop: LoopStatement,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
): boolean {
  let found = false;
  walkSameFunction(root, visitorKeys, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) found = true;
    else if (node.type === AST_NODE_TYPES.BreakStatement && breakLeaves(node, loop)) found = true;
  });
  return found;
}

/** A function of the module the call is in, declared at its top level under `name`. */
export function moduleFunction(node: TSESTree.Node, name: string): FunctionNode | undefined {
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
