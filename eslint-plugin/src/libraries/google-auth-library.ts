import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asOptionsObject, isSet, methodFromOptions, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { objectTextWith, findProperty } from '../fixes/object-literal.js';
import { indentOf, semicolon } from '../fixes/code-style.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { setCreationOption } from './creation-options.js';
import { derive, io, isWholeModule, value, type ClientValue, type LibraryModel, type OptionFacts } from './model.js';

/**
 * google-auth-library's `OAuth2Client` (also `google.auth.OAuth2` of `googleapis`): its token exchange, refresh,
 * revocation and `request` go through gaxios, which sets no timeout. The client's `transporterOptions` are gaxios
 * defaults merged into each of its requests, so `transporterOptions: { timeout }` bounds them all; only `request`
 * takes options (`timeout`, `signal`) of its own. Token calls are retried 3 times by default (POST included).
 */

const MODULE = 'google-auth-library';
const CLASSES = new Set(['OAuth2Client', 'OAuth2']);
/**
 * Its methods that send a request (or may: `getAccessToken` refreshes an expired token). Their HTTP method is left
 * unknown: the library already retries them, and a token refresh sent again is harmless though it is a POST.
 */
const SENDS = new Set([
  'getToken', 'refreshAccessToken', 'getAccessToken', 'getRequestHeaders', 'revokeToken', 'revokeCredentials', 'getTokenInfo',
  'verifyIdToken', 'getFederatedSignonCerts', 'getIapPublicKeys', 'request',
]);
const TRANSPORTER_TIMEOUT = '{ timeout: 10_000 }';
/** The constructor's positional form, `new OAuth2Client(clientId, clientSecret, redirectUri)`, as option names. */
const POSITIONAL = ['clientId', 'clientSecret', 'redirectUri'];

/** `google.auth` of `googleapis`: the same classes. */
export function googleAuthNamespace(): ClientValue {
  return value('google-auth-library', 'module', MODULE);
}

/** `new OAuth2Client(...)`: options when written as an object, none in the positional form, unknown from a variable. */
function creationOptions(node: TSESTree.NewExpression): (TSESTree.ObjectExpression | null)[] {
  const [first] = node.arguments;
  if (first === undefined) return [];
  const options = asOptionsObject(unwrapExpression(first));
  if (options) return [options];
  const positional = node.arguments.length > 1 || first.type === AST_NODE_TYPES.Literal || first.type === AST_NODE_TYPES.TemplateLiteral;
  return positional ? [] : [null];
}

/** Whether `node` is in the file being linted (a client made in an imported module is fixed there). */
function inFile(node: TSESTree.Node, program: TSESTree.Program): boolean {
  let current = node;
  while (current.parent) current = current.parent;
  return current === program;
}

/**
 * `client.transporter.defaults = { ...client.transporter.defaults, timeout: 10_000 };` before the statement making the
 * call, for a client made in another module (`const client = getOauth2Client()`): what `transporterOptions` would
 * have set (the transport merges its defaults into every request it sends, in google-auth-library 9 and 10 alike).
 * Only for a receiver that names the client without calling anything, and a call in a statement of a block.
 */
function transportDefault(target: FixTarget, call: ExternalCall): { edits: SourceEdits; option: string } | undefined {
  const { sourceCode } = target;
  const callee = call.node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !namesWithoutCalling(callee.object)) return undefined;
  let statement: TSESTree.Node = call.node;
  while (statement.parent && !STATEMENTS.has(statement.type)) {
    if (statement.type === AST_NODE_TYPES.ArrowFunctionExpression || statement.type === AST_NODE_TYPES.FunctionExpression) return undefined;
    statement = statement.parent;
  }
  if (statement.parent?.type !== AST_NODE_TYPES.BlockStatement && statement.parent?.type !== AST_NODE_TYPES.Program) return undefined;
  const transport = `${sourceCode.getText(callee.object)}.transporter.defaults`;
  const edits = new SourceEdits();
  edits.insert(statement.range[0], `${transport} = { ...${transport}, timeout: 10_000 }${semicolon(sourceCode)}\n${indentOf(sourceCode, statement)}`);
  return { edits, option: `${transport} = { ...${transport}, timeout: 10_000 }` };
}

const STATEMENTS = new Set<string>([AST_NODE_TYPES.ExpressionStatement, AST_NODE_TYPES.VariableDeclaration, AST_NODE_TYPES.ReturnStatement]);

/** `client`, `this.client`, `deps.auth`: reading it twice reads the same client. */
function namesWithoutCalling(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && namesWithoutCalling(node.object);
}

/** A transport of the user's own may bound anything; `transporterOptions` bound the client when they set a timeout or signal. */
function transporterVerdict(facts: OptionFacts): 'bounded' | 'silent' | 'unknown' {
  if (facts.has('transporter')) return 'unknown';
  const options = facts.get('transporterOptions');
  if (!options) return 'silent';
  const object = asOptionsObject(unwrapExpression(options));
  const inner = object && readOptions(object);
  if (!inner || inner === 'unknown') return 'unknown';
  return isSet(inner.get('timeout')) || isSet(inner.get('signal')) ? 'bounded' : 'silent';
}

export const googleAuthLibrary: LibraryModel = {
  kind: 'google-auth-library',
  title: 'google-auth-library `OAuth2Client` (and `google.auth.OAuth2`)',
  modules: [MODULE],
  typeNames: ['OAuth2Client'],
  takesUrl: false,
  dependencyName: 'googleOAuth',
  signal: '`signal` in the options of `request` only',
  retries: '3 retries of its token requests by default, POST included (gaxios `retry`)',
  retriesByDefault: true,
  fromModule(module, imported) {
    if (module !== MODULE) return undefined;
    if (isWholeModule(imported)) return googleAuthNamespace();
    return imported === 'OAuth2Client' ? value('google-auth-library', 'class', imported) : undefined;
  },
  member(v, name) {
    if (v.role === 'module') return CLASSES.has(name) ? derive(v, 'class', name) : undefined;
    if (v.role === 'client' && SENDS.has(name)) return derive(v, 'method', name);
    return undefined;
  },
  call(v, node) {
    if (v.role !== 'method') return undefined;
    const label = `OAuth2Client.${v.name}`;
    return v.name === 'request' ? io(label, methodFromOptions(node.arguments[0]), 0, 'signal') : io(label, undefined, -1, undefined);
  },
  construct: (v, node) => (v.role === 'class' ? { ...v, role: 'client', name: 'OAuth2Client', options: [...creationOptions(node), ...v.options], origin: node } : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['transporterOptions'],
    chainMethods: [],
    remedy: 'create the OAuth2Client with `transporterOptions: { timeout: ms }` (gaxios sets none), or pass `timeout` to its `request`',
    defaultBound: 'none (gaxios sets no timeout)',
    readInstanceOptions: transporterVerdict,
  },
  fix: {
    optionsIndex: (call) => (call.label === 'OAuth2Client.request' ? 0 : undefined),
    nativeTimeout: (call, milliseconds) => (call.label === 'OAuth2Client.request' ? { key: 'timeout', value: milliseconds } : undefined),
    // where the client is made in this file: `transporterOptions` in its options, written out of the positional form;
    // a client made elsewhere gets the same default on its transport before the call
    clientTimeout(target, call) {
      const { sourceCode } = target;
      const node = call.createdBy;
      if (node?.type !== AST_NODE_TYPES.NewExpression || call.madeInSeveralPlaces || !inFile(node, sourceCode.ast)) return transportDefault(target, call);
      if (node.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      const option = `transporterOptions: ${TRANSPORTER_TIMEOUT}`;
      const [first] = node.arguments;
      const object = first && asOptionsObject(unwrapExpression(first));
      const edits = new SourceEdits();
      if (object) {
        const inner = findProperty(object, 'transporterOptions')?.value;
        if (inner === undefined) return setCreationOption(target, node, 0, 'transporterOptions', TRANSPORTER_TIMEOUT);
        if (inner.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
        edits.replace(inner.range, objectTextWith(sourceCode, inner, { set: [['timeout', '10_000']] }));
        return { edits, option: 'transporterOptions.timeout: 10_000' };
      }
      if (node.arguments.length === 0) return setCreationOption(target, node, 0, 'transporterOptions', TRANSPORTER_TIMEOUT);
      if (node.arguments.length > POSITIONAL.length || (node.arguments.length === 1 && first?.type !== AST_NODE_TYPES.Literal && first?.type !== AST_NODE_TYPES.TemplateLiteral)) return undefined;
      const properties = node.arguments.flatMap((arg, index) => {
        const text = sourceCode.getText(arg);
        if (text === 'undefined') return [];
        return [text === POSITIONAL[index] ? text : `${POSITIONAL[index]}: ${text}`];
      });
      edits.replace([node.arguments[0]!.range[0], node.arguments.at(-1)!.range[1]], `{ ${[...properties, option].join(', ')} }`);
      return { edits, option };
    },
  },
};
