import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

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

const fileNodesCache = new WeakMap<TSESTree.Program, FileNodes>();

export function getFileNodes(sourceCode: Readonly<TSESLint.SourceCode>): FileNodes {
  const cached = fileNodesCache.get(sourceCode.ast);
  if (cached) return cached;
  const loops: LoopStatement[] = [];
  const tries: TSESTree.TryStatement[] = [];
  const calls: TSESTree.CallExpression[] = [];
  const functions: FunctionNode[] = [];
  const assignments: TSESTree.AssignmentExpression[] = [];
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (isLoop(node)) loops.push(node);
    else if (node.type === AST_NODE_TYPES.TryStatement) tries.push(node);
    else if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
    else if (isFunction(node)) functions.push(node);
    else if (node.type === AST_NODE_TYPES.AssignmentExpression) assignments.push(node);
    return true;
  });
  const nodes = { loops, tries, calls, functions, assignments };
  fileNodesCache.set(sourceCode.ast, nodes);
  return nodes;
}

/** Type-only syntax: no code runs there, so the walks skip it (large declaration files stay cheap). */
const TYPE_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeArguments', 'implements']);
const TYPE_DECLARATIONS = new Set<string>([
  AST_NODE_TYPES.TSInterfaceDeclaration,
  AST_NODE_TYPES.TSTypeAliasDeclaration,
  AST_NODE_TYPES.TSDeclareFunction,
]);

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
 * so normal completion never reaches the loop's next iteration.
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
      return statement.body.some((inner) => alwaysLeavesLoop(inner, loop));
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

function breakLeaves(statement: TSESTree.BreakStatement, loop: LoopStatement): boolean {
  if (statement.label) return !labelInside(statement, loop);
  // An unlabelled break inside a switch or a nested loop does not leave this loop.
  for (let current: TSESTree.Node | undefined = statement.parent; current && current !== loop; current = current.parent) {
    if (isLoop(current) || current.type === AST_NODE_TYPES.SwitchStatement) return false;
  }
  return true;
}

function labelInside(statement: TSESTree.BreakStatement, loop: LoopStatement): boolean {
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
