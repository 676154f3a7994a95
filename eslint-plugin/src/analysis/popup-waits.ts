import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { calleeName } from './delays.js';
import { walkSameFunction, type LoopStatement } from './loops.js';
import { endsBy, unwrapExpression } from './syntax.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * `const popup = window.open(url); while (true) { await wait(1_000); try { return await claim(hash) } catch {} if
 * (popup.closed) return }`: a page waiting for the person to finish signing in (an SSO or OAuth window it opened), which
 * it stops doing when that window is closed, by the person or by a timer. Each turn asks whether a person is done, not
 * a failing dependency to try again: no retry, and the window's closing is its end.
 */
export function waitsForPersonInWindow(context: Context, loop: LoopStatement): boolean {
  let found = false;
  walkSameFunction(loop.body, context.sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.IfStatement || !endsBy(node.consequent, AST_NODE_TYPES.ReturnStatement, AST_NODE_TYPES.BreakStatement, AST_NODE_TYPES.ThrowStatement)) return;
    found = readsClosedWindow(context, node.test);
  });
  return found;
}

/** `popup.closed`, `!popup || popup.closed`, with `popup` made by `window.open(...)` (or `open(...)`, `openPopup(...)`). */
function readsClosedWindow(context: Context, test: TSESTree.Node): boolean {
  const inner = unwrapExpression(test);
  if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator === '||') return readsClosedWindow(context, inner.left) || readsClosedWindow(context, inner.right);
  const member = inner.type === AST_NODE_TYPES.ChainExpression ? inner.expression : inner;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.computed || member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== 'closed'
    || member.object.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(member.object), member.object);
  return (variable?.defs ?? []).some((definition) => {
    const init = definition.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : null;
    const made = init && unwrapExpression(init);
    if (made?.type !== AST_NODE_TYPES.CallExpression) return false;
    const name = calleeName(made.callee) ?? '';
    return (name === 'open' && (made.callee.type === AST_NODE_TYPES.Identifier
      || (made.callee.type === AST_NODE_TYPES.MemberExpression && made.callee.object.type === AST_NODE_TYPES.Identifier && made.callee.object.name === 'window')))
      || OPENS_WINDOW.test(name);
  });
}

/** A helper of the app named for opening a window (`openBrowserWindow('')`, `openPopup(url)`). */
const OPENS_WINDOW = /^open\w*(?:Window|Popup)$/;
