import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isTypeScript } from '../fixes/code-style.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { creationLabel, creationLeavesUnbounded, setCreationOption } from './creation-options.js';
import { judgedWhereMade, value, type CreationModel } from './model.js';

/**
 * node-imap (`imap`): `new Imap({ user, password, host, port, tls })`, then `connect()`, `openBox`, `search`, `fetch`
 * over one socket. `connTimeout` (10 s) and `authTimeout` (5 s) bound only the connection and the login: after them a
 * server that stops answering is waited on for ever, unless `socketTimeout` is set (its default, 0, is none), when
 * node-imap emits an 'error' and destroys the socket (checked in imap 0.8.19). Its calls take callbacks and no signal,
 * so the connection is judged where it is made. @types/imap does not declare `socketTimeout`: in TypeScript the fix
 * writes the options as the constructor's own parameter type, so the option the library reads still compiles.
 */

const MODULE = 'imap';
const REMEDY = 'set `socketTimeout` (milliseconds) where the connection is made: node-imap bounds only the connection and the login, then waits on a silent server for ever';
const SOCKET_TIMEOUT = '60_000';

type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

function fix(target: FixTarget, node: Creation): { edits: SourceEdits; option: string } | undefined {
  const argument = node.arguments[0];
  const given = argument && unwrapExpression(argument);
  const typed = isTypeScript(target.filename);
  // in TypeScript a literal in the argument's place is checked for options @types/imap does not declare
  if (!typed || !given || (given.type !== AST_NODE_TYPES.ObjectExpression && given.type !== AST_NODE_TYPES.Identifier && given.type !== AST_NODE_TYPES.MemberExpression)) {
    return setCreationOption(target, node, 0, 'socketTimeout', SOCKET_TIMEOUT);
  }
  const { sourceCode } = target;
  const options = given.type === AST_NODE_TYPES.ObjectExpression
    ? objectTextWith(sourceCode, given, { set: [['socketTimeout', SOCKET_TIMEOUT]] })
    : `{ ...${sourceCode.getText(given)}, socketTimeout: ${SOCKET_TIMEOUT} }`;
  const edits = new SourceEdits();
  edits.replace(argument.range, `${options} as ConstructorParameters<typeof ${sourceCode.getText(node.callee)}>[0]`);
  return { edits, option: `socketTimeout: ${SOCKET_TIMEOUT}` };
}

const creation: CreationModel = {
  sites: [{ module: MODULE, path: ['default'], how: 'new' }],
  check(node, sourceCode, file) {
    // options a function of the project builds, whose modules never write the option, set none either
    if (!creationLeavesUnbounded(sourceCode, node, 0, file.filename, ['socketTimeout'], ['socketTimeout'])) return undefined;
    return { label: creationLabel(sourceCode, node), remedy: REMEDY, fix: (target) => fix(target, node) };
  },
};

export const nodeImapLibrary = judgedWhereMade({
  kind: 'node-imap',
  title: 'node-imap (`imap`)',
  modules: [MODULE],
  dependencyName: 'imap',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && imported === 'default' ? value('node-imap', 'class', 'Connection') : undefined),
  instanceOptions: ['socketTimeout'],
  remedy: REMEDY,
  defaultBound: 'none after login (`connTimeout` 10 s and `authTimeout` 5 s bound the connection and the login)',
  creation,
});
