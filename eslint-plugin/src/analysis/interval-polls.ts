import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { getExternalCalls } from './external-calls.js';
import { contains, getFileNodes, isFunction } from './loops.js';
import { helperFunction } from './pass-through-helpers.js';
import type { RetryConstruct } from './retries.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * `const timer = setInterval(async () => { try { const answer = await ask(); clearInterval(timer); use(answer); }
 * catch {} }, ms)`: a poll on a timer that only an answer stops (a device-code sign-in waiting for the person to
 * approve). Its catch lets every failure pass and nothing else clears the timer, so when the answer never comes (the
 * code expired, the service went away) it asks forever, and nobody hears.
 */
export function findIntervalPolls(context: Context): RetryConstruct[] {
  const found: RetryConstruct[] = [];
  const { calls } = getFileNodes(context.sourceCode);
  for (const call of calls) {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'setInterval') continue;
    const timer = timerName(context.sourceCode, call);
    // the function handed to the timer: written there, or one of the file it names
    const handed = call.arguments[0];
    const work = timer && handed && (isFunction(handed) ? handed : helperFunction(context.sourceCode, handed));
    if (!work || work.body.type !== AST_NODE_TYPES.BlockStatement) continue;
    const clears = calls.filter((candidate) => calleeName(candidate.callee) === 'clearInterval' && candidate.arguments[0] !== undefined
      && context.sourceCode.getText(candidate.arguments[0]) === timer);
    const attempt = work.body.body.find((statement): statement is TSESTree.TryStatement => statement.type === AST_NODE_TYPES.TryStatement
      && statement.handler !== null && clears.some((clear) => contains(statement.block, clear)));
    // stopped only once an answer came: no other clearing (a deadline's, the catch's, a `stop()` method's)
    if (!attempt || !clears.every((clear) => contains(attempt.block, clear)) || !asksSomething(context, attempt.block)) continue;
    found.push({
      kind: 'interval',
      node: call,
      loc: call.loc,
      name: `this poll on a timer (\`setInterval\`, cleared only by an answer)`,
      cause: 'not-ready',
      retried: [work.body],
      bound: 'none',
      delay: 'constant',
      ...(call.arguments[1] ? { delayNode: call.arguments[1] } : {}),
      jitter: false,
    });
  }
  return found;
}

/** `const timer = setInterval(...)`, `this.poller = setInterval(...)`: how the code names the timer it clears. */
function timerName(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): string | undefined {
  const parent = call.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === call && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === call) return sourceCode.getText(parent.left);
  return undefined;
}

/** Whether the try makes an external call: the question the poll asks. */
function asksSomething(context: Context, block: TSESTree.BlockStatement): boolean {
  return getExternalCalls(context).calls.some((call) => contains(block, call.node));
}
