import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { enclosingFunction, walk, walkSameFunction } from './loops.js';

/**
 * Whether a call left floating in an async function was left unawaited by mistake rather than put in the background
 * on purpose (a cache refreshed after answering from it), so that `await` is the fix to offer first:
 * - the file awaits another call of the same function;
 * - it is all a try holds, and the catch handles failures: the try was written for this call's failure (a try
 *   around more work catches that work's; awaiting a log write there would turn its failure into the work's);
 * - the function then answers its request (`res.status(200).json(...)`): a failed write is reported as a success;
 * - it is the function's last work (nothing runs after it): the function's promise, which its caller waits on (a
 *   job runner, a request handler), settles before its work does.
 */
export function unawaitedByMistake(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const fn = enclosingFunction(call);
  if (!fn?.async) return false;
  return awaitedElsewhere(sourceCode, call) || insideHandlingTry(call, fn) || answersAfter(sourceCode, call, fn) || isLastWork(call, fn);
}

/** Whether the file awaits another call of the same callee (`await promptService.invalidateCache(...)`). */
function awaitedElsewhere(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const callee = sourceCode.getText(call.callee).replace(/\s+/g, '');
  let found = false;
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression && node.argument.type === AST_NODE_TYPES.CallExpression && node.argument !== call
      && sourceCode.getText(node.argument.callee).replace(/\s+/g, '') === callee) found = true;
    return !found;
  });
  return found;
}

type FunctionNode = NonNullable<ReturnType<typeof enclosingFunction>>;

function insideHandlingTry(call: TSESTree.CallExpression, fn: FunctionNode): boolean {
  let statement: TSESTree.Node = call;
  while (statement.parent && statement.parent !== fn && statement.parent.type !== AST_NODE_TYPES.BlockStatement) statement = statement.parent;
  const block = statement.parent;
  return block?.type === AST_NODE_TYPES.BlockStatement && block.body.length === 1 && block.parent.type === AST_NODE_TYPES.TryStatement
    && block.parent.block === block && block.parent.handler !== null;
}

/** Response methods that tell the client how the request went. */
const ANSWERS = new Set(['json', 'send', 'sendStatus', 'end', 'status', 'redirect']);
const RESPONSE = /^(?:res|response|reply)$/;

/** `res.status(200).json(...)` after the call, in the same function. */
function answersAfter(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression, fn: FunctionNode): boolean {
  let found = false;
  walkSameFunction(fn.body, sourceCode.visitorKeys, (node) => {
    if (found || node.range[0] < call.range[1] || node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const method = node.callee.property.type === AST_NODE_TYPES.Identifier ? node.callee.property.name : '';
    const receiver = node.callee.object;
    if (ANSWERS.has(method) && receiver.type === AST_NODE_TYPES.Identifier && RESPONSE.test(receiver.name)) found = true;
  });
  return found;
}

/** No statement of the function runs after the call's: each block around it ends with it, up to the function's body. */
function isLastWork(call: TSESTree.CallExpression, fn: FunctionNode): boolean {
  let statement: TSESTree.Node = call;
  while (statement.parent && statement.parent.type !== AST_NODE_TYPES.BlockStatement) {
    if (statement.parent === fn) return false;
    statement = statement.parent;
  }
  for (let node: TSESTree.Node | undefined = statement; node && node !== fn.body; ) {
    const block: TSESTree.Node | undefined = node.parent;
    if (block?.type !== AST_NODE_TYPES.BlockStatement || block.body.at(-1) !== node) return false;
    if (block === fn.body) return true;
    // the block ends an if (either branch) or a plain block; a loop would run it again, a try's finally after it
    let owner: TSESTree.Node | undefined = block.parent;
    // `else if`: the chain's first if is the statement
    while (owner?.type === AST_NODE_TYPES.IfStatement && owner.parent?.type === AST_NODE_TYPES.IfStatement) owner = owner.parent;
    if (owner?.type === AST_NODE_TYPES.IfStatement) node = owner;
    else if (owner?.type === AST_NODE_TYPES.BlockStatement) node = block;
    else return false;
  }
  return false;
}
