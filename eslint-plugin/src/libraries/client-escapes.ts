import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { enclosingFunction, type FunctionNode } from '../analysis/loops.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * Whether the client a creation makes is used beyond the function that makes it: returned, handed to a call or a
 * constructor, kept in a field, an object or an array, directly or through the variable that holds it. Calls on it
 * there (a typed parameter, an injected field) cannot see how it was made, so such a creation is judged where it is
 * made. A client exported by name is not counted: its importers see its creation options; nor is one an exported
 * factory returns, unless the module's own helpers take its class as a parameter (`getObject(client: S3Client)`), as
 * then its importers hand it to them, where no call sees how it was made.
 */
export function clientLeavesItsFunction(sourceCode: SourceCode, node: Creation): boolean {
  return leaves(sourceCode, node, 0, () => classTakenAsParameter(sourceCode, node));
}

function leaves(sourceCode: SourceCode, expression: TSESTree.Node, depth: number, handedToHelpers: () => boolean): boolean {
  let current = expression;
  let parent = current.parent;
  while (parent && (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression
    || parent.type === AST_NODE_TYPES.TSSatisfiesExpression || parent.type === AST_NODE_TYPES.AwaitExpression
    || parent.type === AST_NODE_TYPES.LogicalExpression || (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current))) {
    current = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.ReturnStatement:
      return !isExportedFunction(sourceCode, enclosingFunction(parent)) || handedToHelpers();
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === current && (!isExportedFunction(sourceCode, parent) || handedToHelpers());
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.arguments.includes(current as TSESTree.CallExpressionArgument);
    case AST_NODE_TYPES.Property:
      return parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectExpression && !assignsModuleExports(parent.parent.parent);
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.value === current;
    case AST_NODE_TYPES.AssignmentPattern: // a constructor's parameter property's default, or a parameter's default kept
      if (parent.right !== current) return false;
      return parent.parent?.type === AST_NODE_TYPES.TSParameterProperty || parameterLeaves(sourceCode, parent, depth, handedToHelpers);
    case AST_NODE_TYPES.AssignmentExpression:
      if (parent.right !== current) return false;
      return parent.left.type === AST_NODE_TYPES.MemberExpression ? !assignsModuleExports(parent) : variableLeaves(sourceCode, parent.left, depth, handedToHelpers);
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === current && variableLeaves(sourceCode, parent.id, depth, handedToHelpers);
    default:
      return false;
  }
}

/**
 * `constructor(client: Client = new Client()) { this.client = client }`: a parameter's default is the client the
 * function keeps or hands on when its caller gives none, as a variable holding it would be.
 */
function parameterLeaves(sourceCode: SourceCode, pattern: TSESTree.AssignmentPattern, depth: number, handedToHelpers: () => boolean): boolean {
  const fn = pattern.parent;
  if (pattern.left.type !== AST_NODE_TYPES.Identifier || !fn || !('params' in fn) || !(fn.params as TSESTree.Node[]).includes(pattern) || depth >= 2) return false;
  const name = pattern.left.name;
  const variable = sourceCode.getDeclaredVariables(fn).find((declared) => declared.name === name);
  return (variable?.references ?? []).some((reference) => reference.identifier !== pattern.left && reference.isRead() && leaves(sourceCode, reference.identifier, depth + 1, handedToHelpers));
}

/** A variable holding the client, used beyond its function through one of its references (two variables deep at most). */
function variableLeaves(sourceCode: SourceCode, id: TSESTree.Node, depth: number, handedToHelpers: () => boolean): boolean {
  if (id.type !== AST_NODE_TYPES.Identifier || depth >= 2) return false;
  const declaration = id.parent?.parent;
  if (declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
  const variable = sourceCode.getDeclaredVariables(id.parent!).find((declared) => declared.name === id.name)
    ?? sourceCode.getScope(id).references.find((reference) => reference.identifier === id)?.resolved;
  return (variable?.references ?? []).some((reference) => reference.identifier !== id && reference.isRead() && leaves(sourceCode, reference.identifier, depth + 1, handedToHelpers));
}

/** A function of this module with a parameter typed as the class the creation makes (`client: S3Client`, `s3?: S3Client | null`). */
function classTakenAsParameter(sourceCode: SourceCode, node: Creation): boolean {
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = sourceCode.getScope(callee).references.find((reference) => reference.identifier === callee)?.resolved;
  return (variable?.references ?? []).some((reference) => {
    let type: TSESTree.Node | undefined = reference.identifier.parent;
    if (type?.type !== AST_NODE_TYPES.TSTypeReference) return false;
    if (type.parent?.type === AST_NODE_TYPES.TSUnionType) type = type.parent;
    const annotation = type.parent;
    const parameter = annotation?.type === AST_NODE_TYPES.TSTypeAnnotation ? annotation.parent : undefined;
    const owner = parameter?.parent?.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parent.parent : parameter?.parent;
    return owner !== undefined && 'params' in owner && Array.isArray(owner.params) && (owner.params as TSESTree.Node[]).some((param) => param === parameter || param === parameter?.parent);
  });
}

/**
 * A factory the module exports (`export const getSesClient = () => new SESv2Client(...)`, `module.exports = { make }`):
 * its importers call it, and the project model follows that call to the creation and its options, judging each of
 * their calls; reporting the creation as well would report one gap at both ends.
 */
function isExportedFunction(sourceCode: SourceCode, fn: FunctionNode | undefined): boolean {
  if (!fn) return false;
  const holder = fn.parent;
  if (holder?.type === AST_NODE_TYPES.ExportNamedDeclaration || holder?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  const id = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id
    : holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier ? holder.id : undefined;
  if (!id) return assignsModuleExports(holder) || (holder?.type === AST_NODE_TYPES.Property && assignsModuleExports(holder.parent.parent));
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
  const variable = sourceCode.getDeclaredVariables(fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : holder!).find((declared) => declared.name === id.name);
  return (variable?.references ?? []).some((reference) => {
    const user = reference.identifier.parent;
    return user?.type === AST_NODE_TYPES.ExportSpecifier || user?.type === AST_NODE_TYPES.ExportDefaultDeclaration || assignsModuleExports(user)
      || (user?.type === AST_NODE_TYPES.Property && assignsModuleExports(user.parent.parent));
  });
}

/** `module.exports = ...`, `exports.x = ...`: importers see the creation through the module's summary. */
function assignsModuleExports(node: TSESTree.Node | undefined): boolean {
  if (node?.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression) return false;
  const target = node.left.object;
  return (target.type === AST_NODE_TYPES.Identifier && target.name === 'exports')
    || (target.type === AST_NODE_TYPES.Identifier && target.name === 'module' && !node.left.computed && node.left.property.type === AST_NODE_TYPES.Identifier && node.left.property.name === 'exports')
    || (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.Identifier && target.object.name === 'module');
}
