import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { indentOf, lineBreak, quoted, semicolon } from './code-style.js';
import { objectTextWith } from './object-literal.js';
import { SourceEdits } from './source-edits.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** How long a streamed node:http(s) request may go with nothing sent or received. */
export const IDLE_TIMEOUT_MS = '30_000';
export const IDLE_TIMEOUT_SECONDS = '30';

/**
 * A node:http(s) request kept in a variable whose body is streamed into it (`file.pipe(request)`,
 * `pipeline(file, request)`, `request.write(chunk)`): an upload as long as its body. A total deadline would abort it
 * while it is healthy; the socket's own `timeout` counts only the time with nothing sent or received.
 */
export function streamedRequest(sourceCode: SourceCode, call: ExternalCall): { request: TSESTree.Identifier; statement: TSESTree.VariableDeclaration } | undefined {
  if (call.client !== 'http' || call.wrapped || !optionsWritten(call)) return undefined;
  const declarator = call.node.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== call.node || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const statement = declarator.parent;
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.declarations.length !== 1) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(declarator), declarator.id);
  const streamed = (variable?.references ?? []).some(({ identifier }) => identifier.type === AST_NODE_TYPES.Identifier && bodyStreamedInto(identifier));
  return streamed ? { request: declarator.id, statement } : undefined;
}

/** The request's options as the call is given them: a literal, or a variable holding them (`request(url, reqOpts, cb)`). */
function optionsWritten(call: ExternalCall): TSESTree.ObjectExpression | TSESTree.Identifier | undefined {
  if (call.optionsArgument) return call.optionsArgument;
  const options = call.optionsExpression;
  return options?.type === AST_NODE_TYPES.Identifier && call.node.arguments.includes(options) ? options : undefined;
}

function bodyStreamedInto(request: TSESTree.Identifier): boolean {
  const parent = request.parent;
  // request.write(chunk)
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === request && !parent.computed
    && parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name === 'write') return true;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(request)) return false;
  const callee = parent.callee;
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
    : callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  // body.pipe(request), pipeline(body, request), stream.pipeline(body, request)
  return name === 'pipe' || name === 'pipeline';
}

/**
 * `timeout: 30_000` in the request's options, and the request destroyed on its `'timeout'` event (the option alone
 * only emits the event): the request fails, through its `'error'` listener, after 30 s with no byte sent or received.
 */
export function boundIdleRequest(sourceCode: SourceCode, call: ExternalCall): SourceEdits | undefined {
  const streamed = streamedRequest(sourceCode, call);
  const options = optionsWritten(call);
  if (!streamed || !options) return undefined;
  const { request, statement } = streamed;
  const edits = new SourceEdits();
  edits.replace(options.range, options.type === AST_NODE_TYPES.ObjectExpression
    ? objectTextWith(sourceCode, options, { set: [['timeout', IDLE_TIMEOUT_MS]] })
    : `{ ...${options.name}, timeout: ${IDLE_TIMEOUT_MS} }`);
  const reason = quoted(sourceCode, `No data sent or received for ${IDLE_TIMEOUT_SECONDS} s`);
  edits.insert(statement.range[1], `${lineBreak(sourceCode)}${indentOf(sourceCode, statement)}${request.name}.on(${quoted(sourceCode, 'timeout')}, () => ${request.name}.destroy(new Error(${reason})))${semicolon(sourceCode)}`);
  return edits;
}
