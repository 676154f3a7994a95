import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { staticPropertyName } from './member-syntax.js';
import { callersOf } from './layer-callers.js';
import { enclosingFunction, walkSameFunction, type FunctionNode } from './loops.js';
import { skipTransparentParents, unwrapExpression } from './syntax.js';

/**
 * What is done with a client once it is made: a client whose every use in view calls only methods that send nothing
 * (simple-oauth2's `authorizeURL`, which only writes a URL) never waits on anybody, however it was made.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Whether every use of the client `creation` makes, in this module or (through the function that hands it back)
 * in the modules calling that function, is a call of one of `methods`. False when a use cannot be followed, or none
 * is in view.
 */
export function usedOnlyFor(sourceCode: SourceCode, filename: string | undefined, creation: TSESTree.Node, methods: ReadonlySet<string>): boolean {
  // `const client = new AuthorizationCode(...)`, used in its scope
  if (skipTransparentParents(creation).parent?.type === AST_NODE_TYPES.VariableDeclarator) return valueUsedOnlyFor(sourceCode, creation, methods);
  // a function handing back what it makes (`return new ...`, or `cache[name] ??= new ...; return cache[name]`)
  const maker = filename === undefined ? undefined : makerReturning(sourceCode, creation);
  if (!maker) return false;
  const callers = callersOf(sourceCode, filename!, maker);
  return callers.length > 0 && callers.every(({ call, module }) => valueUsedOnlyFor(module, call, methods));
}

/** The function `creation` sits in, when each of its returns hands back the client it makes, directly or where it was put. */
function makerReturning(sourceCode: SourceCode, creation: TSESTree.Node): FunctionNode | undefined {
  const fn = enclosingFunction(creation);
  if (!fn) return undefined;
  const parent = skipTransparentParents(creation).parent;
  const kept = parent?.type === AST_NODE_TYPES.AssignmentExpression ? sourceCode.getText(parent.left) : undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return unwrapExpression(fn.body) === creation ? fn : undefined;
  const returns: TSESTree.ReturnStatement[] = [];
  walkSameFunction(fn.body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) returns.push(node);
  });
  const handsItBack = (statement: TSESTree.ReturnStatement): boolean => {
    const argument = statement.argument && unwrapExpression(statement.argument);
    return argument === creation || (kept !== undefined && argument !== null && sourceCode.getText(argument) === kept);
  };
  return returns.length > 0 && returns.every(handsItBack) ? fn : undefined;
}

/** `value.method(...)` directly, or through a `const` whose every reference is such a call. */
function valueUsedOnlyFor(sourceCode: SourceCode, value: TSESTree.Node, methods: ReadonlySet<string>): boolean {
  const parent = skipTransparentParents(value).parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.MemberExpression) return isCallOf(parent, methods);
  if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.id.type !== AST_NODE_TYPES.Identifier || parent.parent.kind !== 'const') return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(parent), parent.id);
  const uses = variable?.references.filter((reference) => !reference.init) ?? [];
  return uses.length > 0 && uses.every((reference) => {
    const member = reference.identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && isCallOf(member, methods);
  });
}

function isCallOf(member: TSESTree.MemberExpression, methods: ReadonlySet<string>): boolean {
  const name = staticPropertyName(member);
  return name !== undefined && methods.has(name) && member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
}
