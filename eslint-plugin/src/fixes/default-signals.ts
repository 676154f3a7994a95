import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { DEFAULT_TIMEOUT_MS } from './default-timeouts.js';
import { SourceEdits } from './source-edits.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Gives a request layer's optional signal a default where the request reads it: `signal: abortSignal` becomes
 * `signal: abortSignal ?? AbortSignal.timeout(30_000)`, `{ signal }` becomes `{ signal: signal ?? ... }`. A caller
 * that passes no signal is bounded by the default; one that passes a signal keeps it, as a caller's own timeout
 * wins over a layer's default (fixDefaultTimeout). `??` rather than `AbortSignal.any([signal, deadline])`: a caller
 * whose signal allows a longer wait (a model's minutes-long generation) is not cut short by the layer's default, and
 * it compiles wherever `AbortSignal.timeout` does (`AbortSignal.any` needs TypeScript 5.5's DOM lib or Node 20's
 * types). Only for a signal the layer is handed (a parameter, one destructured from it, `opts.signal`,
 * `opts?.signal`); one it makes itself (`timeout ? AbortSignal.timeout(timeout) : undefined`, held in a variable)
 * is another shape, left to the other fixes.
 */
export function defaultSignalEdits(sourceCode: SourceCode, signal: TSESTree.Node): { edits: SourceEdits; text: string } | undefined {
  if (!handedIn(sourceCode, signal)) return undefined;
  const current = sourceCode.getText(signal);
  const text = `${current} ?? AbortSignal.timeout(${DEFAULT_TIMEOUT_MS})`;
  const edits = new SourceEdits();
  const property = signal.parent;
  if (property?.type === AST_NODE_TYPES.Property && property.shorthand && property.value === signal) {
    // `{ signal }`: the key stays, given the defaulted value
    edits.replace(property.range, `${current}: ${text}`);
  } else {
    edits.replace(signal.range, text);
  }
  return { edits, text };
}

/** `signal`, `{ abortSignal }`, `opts.signal`, `opts?.signal`, where the name is a parameter of the function. */
function handedIn(sourceCode: SourceCode, signal: TSESTree.Node): boolean {
  let target = unwrapExpression(signal);
  if (target.type === AST_NODE_TYPES.ChainExpression) target = target.expression;
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed) target = unwrapExpression(target.object);
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(target) as never, target) as TSESLint.Scope.Variable | null;
  return variable?.defs.length === 1 && variable.defs[0]!.type === 'Parameter';
}
