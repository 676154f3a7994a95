import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { usedOnlyFor } from '../analysis/client-uses.js';
import { propertyKey, unwrapExpression } from '../analysis/syntax.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { creationLabel, creationLeavesUnbounded, setCreationOption } from './creation-options.js';
import { judgedWhereMade, value, type CreationFinding } from './model.js';

/**
 * simple-oauth2: `new AuthorizationCode(config)` (or `ClientCredentials`, `ResourceOwnerPassword`), then
 * `client.getToken(params)` and `token.refresh()`. Its requests go through wreck, which waits forever unless given
 * `timeout` (milliseconds) in the client's `http` options (`WreckHttpOptions` in `@types/simple-oauth2`); `getToken`
 * takes `http` options too, but no signal. So the client is judged where it is made: an authorization server that
 * stops answering holds every code exchange and token refresh.
 */

const MODULE = 'simple-oauth2';
const CLASSES = ['AuthorizationCode', 'ClientCredentials', 'ResourceOwnerPassword'];
const REMEDY = "set `timeout` (milliseconds) in the client's `http` options where it is made: wreck, which simple-oauth2 sends with, sets none, and its calls take no signal";
const TIMEOUT = '10_000';
/** Its methods that send nothing. */
const URL_ONLY = new Set(['authorizeURL']);

type SourceCode = Readonly<TSESLint.SourceCode>;
type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

/** The fix: `timeout` in the `http` literal written, an `http` given with one, or the config spread with one added. */
function fix(target: FixTarget, node: Creation): { edits: SourceEdits; option: string } | undefined {
  const { sourceCode } = target;
  const option = `http.timeout: ${TIMEOUT}`;
  const argument = node.arguments[0];
  const object = argument && unwrapExpression(argument);
  if (object?.type === AST_NODE_TYPES.ObjectExpression) {
    const http = object.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && propertyKey(property) === 'http');
    const literal = http && unwrapExpression(http.value);
    const edits = new SourceEdits();
    if (literal?.type === AST_NODE_TYPES.ObjectExpression) {
      edits.replace(literal.range, objectTextWith(sourceCode, literal, { set: [['timeout', TIMEOUT]] }));
      return { edits, option };
    }
    if (http) return undefined;
    return setCreationOption(target, node, 0, 'http', `{ timeout: ${TIMEOUT} }`, edits) && { edits, option };
  }
  if (object?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const edits = new SourceEdits();
  const name = object.name;
  edits.replace(argument!.range, `{ ...${name}, http: { ...${name}.http, timeout: ${TIMEOUT} } }`);
  return { edits, option };
}

function check(node: Creation, sourceCode: SourceCode, file: { filename?: string }): CreationFinding | undefined {
  // a config a function of the project builds, whose modules never write a timeout, bounds nothing either
  if (!creationLeavesUnbounded(sourceCode, node, 0, file.filename, ['http.timeout'], ['timeout'])) return undefined;
  // a client that only writes the URL to send the user to asks nothing of anybody
  if (usedOnlyFor(sourceCode, file.filename, node, URL_ONLY)) return undefined;
  return { label: creationLabel(sourceCode, node), remedy: REMEDY, fix: (target) => fix(target, node) };
}

export const simpleOauth2Library = judgedWhereMade({
  kind: 'simple-oauth2',
  title: 'simple-oauth2 (`simple-oauth2`)',
  modules: [MODULE],
  dependencyName: 'oauth',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && CLASSES.includes(imported) ? value('simple-oauth2', 'class', imported) : undefined),
  instanceOptions: ['http'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation: {
    sites: CLASSES.map((name) => ({ module: MODULE, path: [name], how: 'new' as const })),
    check,
  },
});
