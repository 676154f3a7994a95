import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { objectTextWith } from './object-literal.js';
import { SourceEdits } from './source-edits.js';
import { IDLE_TIMEOUT_MS } from './streamed-requests.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The default a timeout set only when a caller gives one (optional-timeouts.ts) is given: the methods that take it
 * (`req.setTimeout`) bound a silence, as a streamed request's `timeout` does.
 */
export const DEFAULT_TIMEOUT_MS = IDLE_TIMEOUT_MS;

/**
 * Gives the timeout a default where the layer reads it, so every caller that sets none is bounded and one that sets
 * one keeps it: `const timeout = config.timeout` gains `?? 30_000`; an optional parameter `timeout?: number` becomes
 * `timeout: number = 30_000`; a member read in place (`if (config.timeout) req.setTimeout(config.timeout, f)`) loses
 * its condition and is defaulted in the call.
 */
export function defaultTimeoutEdits(sourceCode: SourceCode, value: TSESTree.Expression): SourceEdits | undefined {
  const target = unwrapExpression(value);
  if (target.type === AST_NODE_TYPES.Identifier) return defaultAtDeclaration(sourceCode, target);
  // `timeout: this.timeout` in a request's options: defaulted where the request reads it (a 0 its creator set is kept)
  if (target.type === AST_NODE_TYPES.MemberExpression && value.parent?.type === AST_NODE_TYPES.Property && value.parent.value === value) {
    const edits = new SourceEdits();
    edits.replace(value.range, `${sourceCode.getText(value)} ?? ${DEFAULT_TIMEOUT_MS}`);
    return edits;
  }
  // `if (config.timeout) options.timeout = config.timeout`: the options start with a default the write replaces
  if (value.parent?.type === AST_NODE_TYPES.AssignmentExpression && value.parent.right === value) return defaultInOptions(sourceCode, value.parent);
  // a field's default belongs where the class sets it, which may be a 0 that `??` would keep
  return target.type === AST_NODE_TYPES.MemberExpression && unwrapExpression(target.object).type !== AST_NODE_TYPES.ThisExpression
    ? defaultInPlace(sourceCode, value) : undefined;
}

function defaultAtDeclaration(sourceCode: SourceCode, identifier: TSESTree.Identifier): SourceEdits | undefined {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier) as TSESLint.Scope.Variable | null;
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || !def || variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  const edits = new SourceEdits();
  const name = def.name as TSESTree.Identifier;
  if (def.type === 'Variable' && def.node.id === name && def.node.init) {
    const init = def.node.init;
    edits.replace(init.range, `${bindsTighterThanNullish(init) ? sourceCode.getText(init) : `(${sourceCode.getText(init)})`} ?? ${DEFAULT_TIMEOUT_MS}`);
    return edits;
  }
  // a parameter's own default (`timeout = 0`) is the one to change, by hand
  if (def.type !== 'Parameter' || name.parent?.type === AST_NODE_TYPES.AssignmentPattern) return undefined;
  // `timeout?: number` cannot have a default: the question mark goes
  const annotation = name.typeAnnotation ? sourceCode.getText(name.typeAnnotation) : '';
  edits.replace(name.range, `${name.name}${annotation} = ${DEFAULT_TIMEOUT_MS}`);
  return edits;
}

/** `const options = { url }; if (config.timeout) options.timeout = config.timeout` -> `const options = { url, timeout: 30_000 }; ...`. */
function defaultInOptions(sourceCode: SourceCode, write: TSESTree.AssignmentExpression): SourceEdits | undefined {
  const member = write.left;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.computed || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const object = unwrapExpression(member.object);
  if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = (findVariable(sourceCode.getScope(object) as never, object) as TSESLint.Scope.Variable | null)?.defs[0];
  const init = def?.type === 'Variable' && def.node.init ? unwrapExpression(def.node.init) : undefined;
  if (init?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const edits = new SourceEdits();
  edits.replace(init.range, objectTextWith(sourceCode, init, { set: [[member.property.name, DEFAULT_TIMEOUT_MS]] }));
  return edits;
}

/** `if (config.timeout) req.setTimeout(config.timeout, f)` -> `req.setTimeout(config.timeout ?? 30_000, f)`. */
function defaultInPlace(sourceCode: SourceCode, value: TSESTree.Expression): SourceEdits | undefined {
  const call = value.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const edits = new SourceEdits();
  const statement = call.parent?.type === AST_NODE_TYPES.ExpressionStatement ? call.parent : undefined;
  const guard = statement?.parent ?? call.parent;
  if (guard?.type === AST_NODE_TYPES.IfStatement && guard.consequent === statement && !guard.alternate) {
    edits.replace([guard.range[0], statement!.range[0]], '');
  } else if (guard?.type === AST_NODE_TYPES.BlockStatement && guard.body.length === 1 && guard.parent.type === AST_NODE_TYPES.IfStatement
    && guard.parent.consequent === guard && !guard.parent.alternate) {
    // the block of the `if` (the timeout's statement alone: nothing else loses its condition), comments kept, runs always
    edits.replace([guard.parent.range[0], guard.range[0]], '');
  } else if (call.parent?.type === AST_NODE_TYPES.LogicalExpression && call.parent.right === call) {
    edits.replace([call.parent.range[0], call.range[0]], '');
  } else {
    return undefined;
  }
  edits.replace(value.range, `${sourceCode.getText(value)} ?? ${DEFAULT_TIMEOUT_MS}`);
  return edits;
}

/** Whether `left ?? d` reads as intended without parentheses (`??` cannot be mixed with `||`/`&&` unparenthesised). */
function bindsTighterThanNullish(node: TSESTree.Node): boolean {
  return [
    AST_NODE_TYPES.Identifier, AST_NODE_TYPES.MemberExpression, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.ChainExpression,
    AST_NODE_TYPES.Literal, AST_NODE_TYPES.TSNonNullExpression, AST_NODE_TYPES.ThisExpression, AST_NODE_TYPES.NewExpression,
  ].includes(node.type);
}
