import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { declaredType } from '../analysis/declared-option-names.js';
import { enclosingClassBody, memberKeyName, parameterProperty, staticPropertyName } from '../analysis/member-syntax.js';
import { unwrapExpression } from '../analysis/syntax.js';
import type { SourceEdits } from './source-edits.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A fetch-like function injected with a type of its own (`type FetchLike = (url: string, init: { method: string;
 * headers: ... }) => Promise<...>`, the type of `this.fetchImpl`): an init literal passing `signal` would not compile
 * against it (an excess property), though the global fetch behind it honours one. Where that type is written in this
 * file, the fix that passes the signal also lets the type take it: `signal?: AbortSignal` among its init's members.
 */
export function letInitTypeTakeSignal(sourceCode: SourceCode, call: TSESTree.CallExpression, index: number, edits: SourceEdits): void {
  const init = declaredInitType(sourceCode, call, index);
  const members = init?.type === AST_NODE_TYPES.TSTypeLiteral ? init.members : init?.body;
  if (!init || !members || members.some((member) => member.type === AST_NODE_TYPES.TSPropertySignature && memberKeyName(member) === 'signal')) return;
  const last = members.at(-1);
  if (!last) {
    edits.replace(init.range, '{ signal?: AbortSignal }');
    return;
  }
  // after the last member and its separator (inside the member's range in an interface, a token after it in a literal)
  const ownEnd = sourceCode.getText(last).at(-1);
  const after = sourceCode.getTokenAfter(last);
  const separator = ownEnd === ';' || ownEnd === ',' ? ownEnd : after && (after.value === ';' || after.value === ',') ? after.value : undefined;
  const end = separator && separator !== ownEnd ? after!.range[1] : last.range[1];
  // one member a line: the new one on a line of its own, indented alike
  if (last.loc.end.line !== init.loc.end.line) {
    const indent = /^\s*/.exec(sourceCode.lines[last.loc.start.line - 1] ?? '')?.[0] ?? '';
    edits.insert(end, `${separator ? '' : ';'}\n${indent}signal?: AbortSignal${separator ?? ';'}`);
    return;
  }
  edits.insert(end, separator ? ` signal?: AbortSignal${separator}` : '; signal?: AbortSignal');
}

/**
 * The object type (a literal, or an interface's body) the callee's declared function type gives its argument at
 * `index`, written in this file.
 */
function declaredInitType(sourceCode: SourceCode, call: TSESTree.CallExpression, index: number): TSESTree.TSTypeLiteral | TSESTree.TSInterfaceBody | undefined {
  const declared = calleeType(sourceCode, unwrapExpression(call.callee));
  const fn = declared && ownType(sourceCode, declared);
  const parameter = fn?.type === AST_NODE_TYPES.TSFunctionType ? fn.params[index] : undefined;
  const annotation = parameter && 'typeAnnotation' in parameter ? parameter.typeAnnotation?.typeAnnotation : undefined;
  const init = annotation && ownType(sourceCode, annotation);
  return init?.type === AST_NODE_TYPES.TSTypeLiteral || init?.type === AST_NODE_TYPES.TSInterfaceBody ? init : undefined;
}

/** The type annotation of `this.name` (a field or parameter property of the class) or of a local or parameter. */
function calleeType(sourceCode: SourceCode, callee: TSESTree.Node): TSESTree.TypeNode | undefined {
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression) {
    const name = staticPropertyName(callee);
    const classBody = enclosingClassBody(callee);
    if (name === undefined || !classBody) return undefined;
    const field = classBody.body.find((element): element is TSESTree.PropertyDefinition => element.type === AST_NODE_TYPES.PropertyDefinition
      && !element.static && memberKeyName(element) === name);
    return (field ?? parameterProperty(classBody, name))?.typeAnnotation?.typeAnnotation;
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs[0];
  return def && (def.type === 'Parameter' || def.type === 'Variable') && def.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation?.typeAnnotation : undefined;
}

/**
 * A type, through the aliases of this file that name it (`type FetchLike = ...`), or the body of an interface of this
 * file extending none: what the fix can edit here.
 */
function ownType(sourceCode: SourceCode, type: TSESTree.TypeNode, depth = 0): TSESTree.TypeNode | TSESTree.TSInterfaceBody | undefined {
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return type;
  if (depth > 3 || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declared = declaredType(sourceCode, type.typeName.name);
  if (declared?.module !== sourceCode) return undefined;
  if (declared.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return ownType(sourceCode, declared.node.typeAnnotation, depth + 1);
  return declared.node.extends.length === 0 ? declared.node.body : undefined;
}
