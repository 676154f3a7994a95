import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ExternalCall } from '../analysis/external-calls.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `const pool = new Pool(...)` (or `new pg.Pool`, `new Redis`) behind `pool.query(...)`, when it is a const of this file. */
export function creationOf(sourceCode: SourceCode, call: TSESTree.CallExpression): TSESTree.NewExpression | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier') return undefined;
  const object = callee.object;
  const variable = sourceCode.getScope(object).references.find((reference) => reference.identifier === object)?.resolved;
  const declarator = variable?.defs[0]?.node;
  if (declarator?.type !== 'VariableDeclarator' || declarator.parent.type !== 'VariableDeclaration' || declarator.parent.kind !== 'const') {
    return undefined;
  }
  return declarator.init?.type === 'NewExpression' ? declarator.init : undefined;
}

/**
 * Options added to the `new X(...)` of this file that created the call's client, when it was created with none:
 * as its only argument, or after a port/host or URL (`afterOthers`).
 */
export function addCreationOptions(target: FixTarget, call: ExternalCall, options: string, afterOthers: boolean): { edits: SourceEdits; option: string } | undefined {
  const { sourceCode } = target;
  const created = creationOf(sourceCode, call.node);
  if (!created) return undefined;
  const last = created.arguments.at(-1);
  if (last?.type === 'ObjectExpression' || last?.type === 'SpreadElement') return undefined;
  if (last && !afterOthers) return undefined;
  const closing = sourceCode.getLastToken(created);
  if (!closing || closing.value !== ')') return undefined;
  const edits = new SourceEdits();
  edits.insert(last ? last.range[1] : closing.range[0], last ? `, ${options}` : options);
  return { edits, option: options.slice(2, -2) };
}
