import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { createRule } from '../create-rule.js';
import { enclosingFunction, withFileNodes } from '../analysis/loops.js';
import { allSettledSuggestions, fixMessages } from '../fixes/suggestions.js';
import { getExternalCalls, type ExternalCall, type ExternalCallIndex } from '../analysis/external-calls.js';

export default createRule({
  name: 'prefer-all-settled',
  meta: {
    type: 'suggestion',
    hasSuggestions: true,
    docs: {
      description: 'Prefer `Promise.allSettled` over `Promise.all` when awaiting independent side effects together',
      recommended: false,
    },
    schema: [],
    messages: {
      preferAllSettled:
        '`await Promise.all` over {{count}} independent side effects ({{calls}}): when one fails, the wait ends at once while the others keep running unobserved, and the caller cannot tell which of them took effect. Use `Promise.allSettled`, then report every failure.',
      fixSettleEachThenThrow: fixMessages.fixSettleEachThenThrow,
      fixCatchEachCall: fixMessages.fixCatchEachCall,
    },
  },
  defaultOptions: [],
  create(context) {
    return withFileNodes(context.sourceCode, {
      'CallExpression[callee.type="MemberExpression"][callee.object.name="Promise"][callee.property.name="all"]'(
        node: TSESTree.CallExpression,
      ) {
        const list = node.arguments[0];
        // Results that are used feed one answer: failing fast is right, and there is nothing to degrade to.
        if (list?.type !== AST_NODE_TYPES.ArrayExpression || !awaitedForEffect(node) || inStartUpHook(node)) return;
        const index = getExternalCalls(context);
        const effects = list.elements.flatMap((element) => {
          const call = element && element.type !== AST_NODE_TYPES.SpreadElement ? unprotectedCall(index, element) : undefined;
          return call && !isReadOrLifecycle(call) ? [call] : [];
        });
        if (effects.length < 2 || new Set(effects.map((call) => dependencyKey(context.sourceCode, call))).size < 2) return;
        context.report({
          node: node.callee,
          messageId: 'preferAllSettled',
          data: { count: String(effects.length), calls: effects.map((call) => `\`${call.label}\``).join(', ') },
          suggest: allSettledSuggestions(context, node),
        });
      },
    });
  },
});

/** `await Promise.all([...]);` as a statement: the calls are made for their effects, and only the failure is seen. */
function awaitedForEffect(call: TSESTree.CallExpression): boolean {
  return call.parent?.type === AST_NODE_TYPES.AwaitExpression && call.parent.parent?.type === AST_NODE_TYPES.ExpressionStatement;
}

/** NestJS's start-up hooks: a failure there should stop the application from starting, so failing fast is right. */
const START_UP_HOOKS = new Set(['onModuleInit', 'onApplicationBootstrap']);

/** `async onApplicationBootstrap() { await Promise.all([...registrations]) }`: set-up the app must not start without. */
function inStartUpHook(call: TSESTree.CallExpression): boolean {
  const fn = enclosingFunction(call);
  const owner = fn?.parent;
  return owner?.type === AST_NODE_TYPES.MethodDefinition && owner.key.type === AST_NODE_TYPES.Identifier && START_UP_HOOKS.has(owner.key.name);
}

/**
 * The external call an element of the list waits for, unless a fallback covers it: the call itself or a chain of
 * `.then(onFulfilled)`/`.finally` on it. A `.catch`, a `.then` with a rejection handler, or any wrapper (a policy,
 * a fallback helper) counts as handling it.
 */
function unprotectedCall(index: ExternalCallIndex, element: TSESTree.Expression): ExternalCall | undefined {
  let current: TSESTree.Node = element;
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const external = index.get(current);
    if (external) return external;
    const callee: TSESTree.Expression = current.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    const method = callee.property.name;
    if (!(method === 'finally' || (method === 'then' && current.arguments.length < 2))) return undefined;
    current = callee.object;
  }
  return undefined;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Names of calls that read, or that open, check or close a connection: failing fast on them is right. */
const READ_OR_LIFECYCLE_NAME =
  /^(?:get|find|count|list|fetch|load|read|search|select|lookup|exists|has|is|describe|retrieve|aggregate|group|download|stat|scan|connect|disconnect|close|quit|end|destroy|init|start|stop|ping|wait|ensure|check|verify|validate|warm)(?![a-z])/;

/**
 * A read (a GET, `findMany`, `count`, `getJobs`) or a connection's start or end (`connect`, `close`): only
 * independent writes, sends and notifications leave the caller not knowing what took effect.
 */
function isReadOrLifecycle(call: ExternalCall): boolean {
  const method = call.httpMethod ?? call.wrapped?.httpMethod;
  if (method !== undefined) return READ_METHODS.has(method);
  const callee = call.node.callee;
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
    : callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  return name !== undefined && READ_OR_LIFECYCLE_NAME.test(name.replace(/^\$/, ''));
}

/**
 * What a call talks to, as far as the source says. A request: the callee and the fixed start of its URL up to its
 * last `/` (`fetch` + `${API}/orders/`), so the same request fanned out over ids is one dependency. A call on a
 * client or service (`this.prisma.user.update`, `this.mailer.send`): the client kind and the object it starts
 * from (`this.prisma`), so two writes to one database are one dependency (a transaction's business, not this rule's).
 */
function dependencyKey(sourceCode: Readonly<TSESLint.SourceCode>, call: ExternalCall): string {
  const callee = call.node.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression && call.httpMethod === undefined) return `${call.client} ${receiverRoot(sourceCode, callee)}`;
  const target = call.node.arguments[0];
  let prefix = '';
  if (target?.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') prefix = target.value;
  else if (target?.type === AST_NODE_TYPES.TemplateLiteral) prefix = templatePattern(sourceCode, target);
  else if (target?.type === AST_NODE_TYPES.BinaryExpression && target.left.type === AST_NODE_TYPES.Literal) prefix = String(target.left.value);
  else if (target?.type === AST_NODE_TYPES.Identifier || target?.type === AST_NODE_TYPES.MemberExpression) return `${sourceCode.getText(callee)} ${sourceCode.getText(target)}`;
  const cut = prefix.lastIndexOf('/');
  return `${sourceCode.getText(callee)} ${cut === -1 ? prefix.replace(/[\w-]+$/, '') : prefix.slice(0, cut)}`;
}

/**
 * The template with its holes blanked (`${base}/users/${}`), except a leading one, which names the service
 * (`${WAREHOUSE}/reservations` and `${MAIL}/send` are two services; `${base}/user-${id}` one).
 */
function templatePattern(sourceCode: Readonly<TSESLint.SourceCode>, template: TSESTree.TemplateLiteral): string {
  return template.quasis.map((quasi, index) => {
    const hole = template.expressions[index];
    if (!hole) return quasi.value.raw;
    return quasi.value.raw + (index === 0 && quasi.value.raw === '' ? `\${${sourceCode.getText(hole)}}` : '${}');
  }).join('');
}

/** `this.prisma` of `this.prisma.user.update`, `db` of `db.orders.insert`. */
function receiverRoot(sourceCode: Readonly<TSESLint.SourceCode>, member: TSESTree.MemberExpression): string {
  let object: TSESTree.Node = member.object;
  while (object.type === AST_NODE_TYPES.MemberExpression && object.object.type !== AST_NODE_TYPES.ThisExpression) object = object.object;
  while (object.type === AST_NODE_TYPES.CallExpression || object.type === AST_NODE_TYPES.ChainExpression) object = object.type === AST_NODE_TYPES.ChainExpression ? object.expression : object.callee;
  return sourceCode.getText(object);
}
