import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { heldObjectLiteral } from '../analysis/held-literals.js';
import { axiosDefaultName } from '../analysis/shared-axios.js';
import type { RetriedRequest } from '../analysis/idempotency.js';
import { enclosingLoop, isLoop, walkSameFunction } from '../analysis/loops.js';
import { propertyKey } from '../analysis/syntax.js';
import { lineBreak, indentOf, indentUnit, quoted, semicolon } from './code-style.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * An axios POST retried by a hand-written loop goes round again only when its failure says the server did not act on
 * it: a 429, or a connection refused before anything was sent. Right for every API, where an `Idempotency-Key`
 * protects only with the APIs that honour one (Slack's Web API and Graph's `sendMail` do not). The catch starts with
 * `if (<the method is POST/PATCH> && !(axios.isAxiosError(error) && (error.response?.status === 429 || error.code ===
 * 'ECONNREFUSED'))) throw error;`; the method test is left out where the request is always a POST. Undefined when
 * the catch names no error, axios is not imported by name here, or the method cannot be read where it is sent.
 */
export function retryOnlyWhenRefused(target: FixTarget, request: RetriedRequest): SourceEdits | undefined {
  const { sourceCode } = target;
  const { call, retry } = request;
  if (call.client !== 'axios' || call.wrapped || retry.kind !== 'loop' || !isLoop(retry.node)) return undefined;
  const handler = catchAround(sourceCode, retry.node, call.node);
  const error = handler?.param;
  const axios = axiosDefaultName(sourceCode.ast);
  if (!handler || error?.type !== AST_NODE_TYPES.Identifier || !axios) return undefined;
  const method = call.httpMethod ? '' : methodTest(sourceCode, call.node);
  if (method === undefined) return undefined;
  const e = error.name;
  const refused = `${axios}.isAxiosError(${e}) && (${e}.response?.status === 429 || ${e}.code === ${quoted(sourceCode, 'ECONNREFUSED')})`;
  const first = handler.body.body[0];
  const indent = first ? indentOf(sourceCode, first) : indentOf(sourceCode, handler) + indentUnit(sourceCode);
  const guard = `if (${method}!(${refused})) throw ${e}${semicolon(sourceCode)}`;
  const edits = new SourceEdits();
  if (first) edits.insert(first.range[0], `${guard}${lineBreak(sourceCode)}${indent}`);
  else edits.insert(handler.body.range[0] + 1, `${lineBreak(sourceCode)}${indent}${guard}${lineBreak(sourceCode)}${indentOf(sourceCode, handler)}`);
  return edits;
}

/** The catch clause of the loop's own try around the request. */
function catchAround(sourceCode: SourceCode, loop: TSESTree.Node, request: TSESTree.Node): TSESTree.CatchClause | undefined {
  let found: TSESTree.CatchClause | undefined;
  walkSameFunction(loop, sourceCode.visitorKeys, (node) => {
    if (!found && node.type === AST_NODE_TYPES.TryStatement && node.handler && enclosingLoop(node) === loop
      && node.block.range[0] <= request.range[0] && request.range[1] <= node.block.range[1]) found = node.handler;
  });
  return found;
}

/**
 * `['POST', 'PATCH'].includes(String(method).toUpperCase()) && `, for the method the request's options name
 * (`axios(config)` with `const config = { method, url }`), or undefined when they name none.
 */
function methodTest(sourceCode: SourceCode, request: TSESTree.CallExpression): string | undefined {
  const options = request.arguments.find((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && heldObjectLiteral(sourceCode, argument) !== undefined);
  const object = options && heldObjectLiteral(sourceCode, options)?.object;
  const property = object?.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyKey(candidate) === 'method');
  if (!property) return undefined;
  const value = property.value;
  if (value.type !== AST_NODE_TYPES.Identifier && value.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  return `[${quoted(sourceCode, 'POST')}, ${quoted(sourceCode, 'PATCH')}].includes(String(${sourceCode.getText(value)}).toUpperCase()) && `;
}
