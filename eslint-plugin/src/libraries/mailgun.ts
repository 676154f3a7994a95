import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { staticPropertyName } from '../analysis/member-syntax.js';
import { creationLabel, creationOptions, optionsBound, setCreationOption } from './creation-options.js';
import { judgedWhereMade, value, type CreationFinding } from './model.js';

/**
 * mailgun.js: `new Mailgun(formData).client({ username, key })`, then `mg.messages.create(domain, message)`. Its
 * requests (axios, or fetch with `useFetch`) have no timeout unless the client is made with `timeout` (milliseconds,
 * `MailgunClientOptions` in its own type definitions); its calls take no signal. So the client is judged where
 * `client()` makes it: a mail provider that stops answering holds every message sent through it.
 */

const MODULE = 'mailgun.js';
const REMEDY = 'set `timeout` (milliseconds, for each request) in the options of `client()`: mailgun.js sets none of its own, and its calls take no signal';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The `.client(...)` calls made on this `new Mailgun(...)`: chained on it, or on the `const` that holds it. */
function clientCalls(sourceCode: SourceCode, node: TSESTree.NewExpression): TSESTree.CallExpression[] {
  const holders: TSESTree.Node[] = [node];
  const declarator = node.parent;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === node && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const variable = sourceCode.getDeclaredVariables(declarator).find((declared) => declared.name === (declarator.id as TSESTree.Identifier).name);
    for (const reference of variable?.references ?? []) if (reference.identifier !== declarator.id) holders.push(reference.identifier);
  }
  return holders.flatMap((holder) => {
    const member = holder.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === holder && staticPropertyName(member) === 'client'
      && member.parent?.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member ? [member.parent] : [];
  });
}

function check(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode): CreationFinding | undefined {
  if (node.type !== AST_NODE_TYPES.NewExpression) return undefined;
  for (const made of clientCalls(sourceCode, node)) {
    const options = creationOptions(sourceCode, made, 0);
    // options read elsewhere may set a timeout
    if (options === 'unknown' || options === 'absent' || optionsBound(options, ['timeout']) !== 'unbounded') continue;
    return {
      label: creationLabel(sourceCode, made),
      remedy: REMEDY,
      at: made,
      fix: (target) => setCreationOption(target, made, 0, 'timeout', '10_000'),
    };
  }
  return undefined;
}

export const mailgunLibrary = judgedWhereMade({
  kind: 'mailgun',
  title: 'Mailgun (`mailgun.js`)',
  modules: [MODULE],
  dependencyName: 'mailgun',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && (imported === 'default' || imported === 'Mailgun') ? value('mailgun', 'class', 'Mailgun') : undefined),
  instanceOptions: ['timeout'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation: {
    sites: [{ module: MODULE, path: ['default'], how: 'new' }],
    check,
  },
});
