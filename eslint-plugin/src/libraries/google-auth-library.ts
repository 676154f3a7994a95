import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asOptionsObject, isSet, methodFromOptions, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { objectTextWith, findProperty } from '../fixes/object-literal.js';
import { indentOf, semicolon } from '../fixes/code-style.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { setCreationOption } from './creation-options.js';
import { dependencyVersion, olderThan, type Version } from '../project/dependency-versions.js';
import { derive, io, isWholeModule, value, type ClientValue, type LibraryModel, type OptionFacts } from './model.js';

/**
 * google-auth-library's auth clients (`OAuth2Client`, also `google.auth.OAuth2` of `googleapis`, and `JWT`,
 * `UserRefreshClient`, `Impersonated`, `Compute`): their token exchange, refresh, revocation, ID-token and `request`
 * calls go through gaxios, which sets no timeout. A client's `transporterOptions` are gaxios defaults merged into each
 * of its requests, so `transporterOptions: { timeout }` bounds them all; only `request` takes options (`timeout`,
 * `signal`) of its own. Token calls are retried 3 times by default (POST included).
 *
 * `GoogleAuth` finds the credentials (Application Default Credentials, a key file) and makes the client that uses
 * them (`getClient()`) with its `clientOptions`, so `clientOptions: { transporterOptions: { timeout } }`
 * bounds the token requests of that client and of `GoogleAuth`'s own `getAccessToken()`. A `Compute` client asks the
 * metadata server through gcp-metadata instead, whose own timeout is 3 s off Google Cloud and none on it. A client
 * `fromJSON(json, options)` makes takes the options given there only.
 */

const MODULE = 'google-auth-library';
/**
 * `transporterOptions` came in 9.2 (read in the published 9.1.0 and 9.2.0); before it a client's requests go through a
 * transporter with no defaults of its own, and no option of the client reaches them (googleapis before 128 pins such
 * a version: heyform's `google.auth.OAuth2` on 6.0.6, the thirty-fourth round).
 */
const TRANSPORTER_OPTIONS_SINCE: Version = { major: 9, minor: 2 };
const OLD_REMEDY = 'google-auth-library before 9.2 takes no timeout for its token calls (no `transporterOptions`): stop waiting with a timeout of your own, or upgrade to 9.2 or later and create the client with `transporterOptions: { timeout: ms }`';

/** Whether the file is written against a google-auth-library whose clients take no `transporterOptions`. */
function beforeTransporterOptions(filename: string | undefined): boolean {
  return filename !== undefined && olderThan(dependencyVersion(filename, MODULE), TRANSPORTER_OPTIONS_SINCE);
}
/** Client classes and the name the messages give them (`google.auth.OAuth2` is `OAuth2Client`). */
const CLIENT_CLASSES = new Map([
  ['OAuth2Client', 'OAuth2Client'], ['OAuth2', 'OAuth2Client'], ['JWT', 'JWT'], ['UserRefreshClient', 'UserRefreshClient'],
  ['Impersonated', 'Impersonated'], ['Compute', 'Compute'],
]);
const GOOGLE_AUTH = 'GoogleAuth';
/**
 * Client methods that send a request (or may: `getAccessToken` refreshes an expired token). Their HTTP method is left
 * unknown: the library already retries them, and a token refresh sent again is harmless though it is a POST.
 */
const SENDS = new Set([
  'getToken', 'refreshAccessToken', 'getAccessToken', 'getRequestHeaders', 'revokeToken', 'revokeCredentials', 'getTokenInfo',
  'verifyIdToken', 'getFederatedSignonCerts', 'getIapPublicKeys', 'request', 'fetchIdToken', 'authorize', 'sign',
]);
/** `GoogleAuth` methods that fetch a token through the client it makes. */
const AUTH_SENDS = new Set(['getAccessToken', 'getRequestHeaders', 'request', 'sign']);
/** `GoogleAuth` methods that return a client made with its `clientOptions` (sending nothing themselves). */
const AUTH_MAKES_CLIENT = new Set(['getClient', 'fromJSON', 'getIdTokenClient']);
/**
 * `auth.fromJSON(json, options)`: the client is made with the options given there, not with the GoogleAuth's
 * `clientOptions` (google-auth-library 9 reads only its second argument).
 */
const FROM_JSON = 'fromJSON';
const TRANSPORTER_TIMEOUT = '{ timeout: 10_000 }';
/**
 * The constructors' positional forms as option names: `new OAuth2Client(clientId, clientSecret, redirectUri)`, `new
 * JWT(email, keyFile, key, scopes, subject, keyId)` (the flavor a client is given: none for OAuth2Client).
 */
const POSITIONAL = new Map<string | undefined, readonly string[]>([
  [undefined, ['clientId', 'clientSecret', 'redirectUri']],
  ['JWT', ['email', 'keyFile', 'key', 'scopes', 'subject', 'keyId']],
]);

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

/** What the message tells the user to do for a client of another class than OAuth2Client. */
function remedyFor(flavor: string): string {
  if (flavor === FROM_JSON) return 'pass `{ transporterOptions: { timeout: ms } }` as `fromJSON`\'s second argument (gaxios sets none, and the GoogleAuth\'s `clientOptions` do not reach a client `fromJSON` makes)';
  if (flavor === GOOGLE_AUTH) return 'create the GoogleAuth with `clientOptions: { transporterOptions: { timeout: ms } }` (gaxios sets none): the clients it makes send their token requests with them';
  const metadata = flavor === 'Compute' ? ' (the metadata server is asked through gcp-metadata: no timeout on Google Cloud)' : '';
  return `create the ${flavor} client with \`transporterOptions: { timeout: ms }\` (gaxios sets none)${metadata}`;
}

/**
 * `path` set in the creation's first argument (`clientOptions.transporterOptions.timeout`): inside the objects written
 * there, adding the levels missing; undefined where a level is given some other way (a variable may set it).
 */
function setOptionPath(target: FixTarget, node: TSESTree.NewExpression, path: readonly string[], value: string): { edits: SourceEdits; option: string } | undefined {
  const nested = (keys: readonly string[]): string => (keys.length === 1 ? value : `{ ${keys[1]}: ${nested(keys.slice(1))} }`);
  const option = `${path.join('.')}: ${value}`;
  const [first] = node.arguments;
  if (first === undefined) return setCreationOption(target, node, 0, path[0]!, nested(path));
  let object = asOptionsObject(unwrapExpression(first));
  for (const [index, key] of path.entries()) {
    if (!object) return undefined;
    const given = findProperty(object, key)?.value;
    const edits = new SourceEdits();
    if (given === undefined) {
      edits.replace(object.range, objectTextWith(target.sourceCode, object, { set: [[key, nested(path.slice(index))]] }));
      return { edits, option };
    }
    if (index === path.length - 1) {
      edits.replace(given.range, value);
      return { edits, option };
    }
    const inner = unwrapExpression(given);
    object = inner.type === AST_NODE_TYPES.ObjectExpression ? inner : undefined;
  }
  return undefined;
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

/**
 * GoogleAuth's options: its clients are made with its `clientOptions` (none given, none set; given some other way, or
 * a client of the user's own in `authClient`, unknown).
 */
function googleAuthVerdict(facts: OptionFacts): 'bounded' | 'silent' | 'unknown' {
  if (facts.has('authClient')) return 'unknown';
  const clientOptions = facts.get('clientOptions');
  if (!clientOptions) return 'silent';
  const object = asOptionsObject(unwrapExpression(clientOptions));
  const inner = object && readOptions(object);
  return !inner || inner === 'unknown' ? 'unknown' : transporterVerdict(inner);
}

export const googleAuthLibrary: LibraryModel = {
  kind: 'google-auth-library',
  title: 'google-auth-library (`GoogleAuth`, `OAuth2Client` and `google.auth.OAuth2`, `JWT`, `UserRefreshClient`, `Impersonated`, `Compute`)',
  modules: [MODULE],
  typeNames: ['OAuth2Client', 'JWT', 'UserRefreshClient', 'Impersonated', 'Compute', GOOGLE_AUTH],
  takesUrl: false,
  dependencyName: 'googleOAuth',
  signal: '`signal` in the options of `request` only',
  retries: '3 retries of its token requests by default, POST included (gaxios `retry`)',
  retriesByDefault: true,
  takesNoBound: (call, filename) => !call.label.endsWith('.request') && beforeTransporterOptions(filename),
  fromModule(module, imported) {
    if (module !== MODULE) return undefined;
    if (isWholeModule(imported)) return googleAuthNamespace();
    return googleAuthLibrary.member(googleAuthNamespace(), imported);
  },
  member(v, name) {
    if (v.role === 'module') return CLIENT_CLASSES.has(name) || name === GOOGLE_AUTH ? derive(v, 'class', name) : undefined;
    // a method's name is its label: `JWT.authorize`, `GoogleAuth.getAccessToken`
    if (v.role === 'client' && SENDS.has(name)) return derive(v, 'method', `${v.name}.${name}`);
    if (v.role === 'auth' && AUTH_SENDS.has(name)) return derive(v, 'method', `${GOOGLE_AUTH}.${name}`);
    if (v.role === 'auth' && AUTH_MAKES_CLIENT.has(name)) return derive(v, 'client-maker', name);
    return undefined;
  },
  call(v, node) {
    // `await auth.getClient()`: which class it makes depends on the credentials found, so it is named for their base
    if (v.role === 'client-maker' && v.name === FROM_JSON) {
      const given = node.arguments[1];
      const options = given === undefined ? [] : [given.type === AST_NODE_TYPES.SpreadElement ? null : asOptionsObject(unwrapExpression(given)) ?? null];
      return { result: { ...v, role: 'client', name: 'AuthClient', options, origin: node, flavor: FROM_JSON } };
    }
    if (v.role === 'client-maker') return { result: { ...v, role: 'client', name: 'AuthClient' } };
    if (v.role !== 'method') return undefined;
    return v.name.endsWith('.request') ? io(v.name, methodFromOptions(node.arguments[0]), 0, 'signal') : io(v.name, undefined, -1, undefined);
  },
  construct(v, node) {
    if (v.role !== 'class') return undefined;
    if (v.name === GOOGLE_AUTH) return { ...v, role: 'auth', name: GOOGLE_AUTH, options: creationOptions(node), origin: node, flavor: GOOGLE_AUTH };
    const name = CLIENT_CLASSES.get(v.name)!;
    return { ...v, role: 'client', name, options: [...creationOptions(node), ...v.options], origin: node, ...(name === 'OAuth2Client' ? {} : { flavor: name }) };
  },
  instanceOfType(v) {
    if (v.role !== 'class') return undefined;
    return v.name === GOOGLE_AUTH ? { ...v, role: 'auth', options: [null], flavor: GOOGLE_AUTH } : { ...v, role: 'client', name: CLIENT_CLASSES.get(v.name)!, options: [null] };
  },
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['transporterOptions'],
    chainMethods: [],
    remedy: 'create the OAuth2Client with `transporterOptions: { timeout: ms }` (gaxios sets none), or pass `timeout` to its `request`',
    remedyFor: ({ flavor, filename }) => (beforeTransporterOptions(filename) ? OLD_REMEDY : flavor === undefined ? undefined : remedyFor(flavor)),
    defaultBound: 'none (gaxios sets no timeout)',
    readInstanceOptions: (facts, context) => (context?.flavor === GOOGLE_AUTH ? googleAuthVerdict(facts) : transporterVerdict(facts)),
  },
  fix: {
    optionsIndex: (call) => (call.label.endsWith('.request') ? 0 : undefined),
    nativeTimeout: (call, milliseconds) => (call.label.endsWith('.request') ? { key: 'timeout', value: milliseconds } : undefined),
    // where the client is made in this file: `transporterOptions` in its options (in `clientOptions` for GoogleAuth),
    // written out of OAuth2Client's positional form; a client made elsewhere gets the same default on its transport
    // before the call (GoogleAuth has no transport of its own)
    clientTimeout(target, call) {
      const { sourceCode } = target;
      // an option the installed version ignores would bound nothing
      if (beforeTransporterOptions(target.filename)) return undefined;
      const node = call.createdBy;
      // `auth.fromJSON(json)`: the options go in its second argument
      if (call.flavor === FROM_JSON && node?.type === AST_NODE_TYPES.CallExpression && inFile(node, sourceCode.ast) && node.arguments.length <= 2) {
        return setCreationOption(target, node, 1, 'transporterOptions', TRANSPORTER_TIMEOUT);
      }
      if (node?.type !== AST_NODE_TYPES.NewExpression || call.madeInSeveralPlaces || !inFile(node, sourceCode.ast)) {
        return call.label.startsWith(`${GOOGLE_AUTH}.`) ? undefined : transportDefault(target, call);
      }
      if (node.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      if (call.flavor === GOOGLE_AUTH) return setOptionPath(target, node, ['clientOptions', 'transporterOptions', 'timeout'], '10_000');
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
      // the positional forms written out as options (OAuth2Client's and JWT's); the other classes' are left alone
      const names = POSITIONAL.get(call.flavor);
      if (!names || node.arguments.length > names.length || (node.arguments.length === 1 && first?.type !== AST_NODE_TYPES.Literal && first?.type !== AST_NODE_TYPES.TemplateLiteral)) return undefined;
      const properties = node.arguments.flatMap((arg, index) => {
        const text = sourceCode.getText(arg);
        if (text === 'undefined') return [];
        return [text === names[index] ? text : `${names[index]}: ${text}`];
      });
      edits.replace([node.arguments[0]!.range[0], node.arguments.at(-1)!.range[1]], `{ ${[...properties, option].join(', ')} }`);
      return { edits, option };
    },
  },
};
