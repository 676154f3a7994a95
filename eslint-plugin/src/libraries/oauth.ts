import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { derive, io, isFunctionNode, packageExports, takesNoBound, type LibraryModel } from './model.js';

/**
 * oauth (node-oauth): `new OAuth(requestUrl, accessUrl, key, secret, '1.0A', callback, 'HMAC-SHA1')`, then
 * `oa.get(url, token, secret, cb)`, `oa.post(url, token, secret, body, contentType?, cb)`,
 * `oa.getOAuthRequestToken(cb)`, `oa.getOAuthAccessToken(token, secret, verifier, cb)`; `new OAuth2(id, secret, site)`,
 * then `oa2.get(url, accessToken, cb)`, `oa2.getOAuthAccessToken(code, params, cb)`. Read in 0.9.15 (`lib/oauth.js`,
 * `lib/oauth2.js`): each request is a bare `http(s).request(options)` with no timeout and no 'timeout' listener
 * (OAuth2's `setAgent` only picks the agent, whose socket timeout would emit an event nobody handles), and
 * `setClientOptions` takes only the request-token and access-token verbs and `followRedirects`: nothing bounds a
 * call or takes a signal, so only waiting for its callback can be. OAuth 1's `get`, `delete`, `put` and `post`
 * called without a callback hand back the request itself, for the caller to end and read: those are left alone.
 */

const MODULE = 'oauth';
const EXPORTS = packageExports('oauth', [MODULE], { OAuth: 'class', OAuthEcho: 'class', OAuth2: 'class' });
/** Each call that sends a request: the verb, and how many arguments there are when its callback is given. */
const OAUTH1: Readonly<Record<string, readonly [string | undefined, number]>> = {
  get: ['GET', 4], delete: ['DELETE', 4], put: ['PUT', 5], post: ['POST', 5],
  getProtectedResource: [undefined, 5], getOAuthRequestToken: ['POST', 1], getOAuthAccessToken: ['POST', 2],
};
const OAUTH2: Readonly<Record<string, readonly [string | undefined, number]>> = {
  get: ['GET', 3], getProtectedResource: ['GET', 3], getOAuthAccessToken: ['POST', 3],
};

/** Whether the call is given its callback: the request goes out and its answer comes back there. */
function givenCallback(node: TSESTree.CallExpression, least: number): boolean {
  const last = node.arguments.at(-1);
  if (!last || node.arguments.length < least) return false;
  if (isFunctionNode(last)) return true;
  // `post(url, token, secret, body, 'text/plain')`: a content type and no callback
  return !(last.type === AST_NODE_TYPES.Literal || last.type === AST_NODE_TYPES.TemplateLiteral || last.type === AST_NODE_TYPES.ObjectExpression);
}

export const oauthLibrary: LibraryModel = {
  kind: 'oauth',
  title: 'OAuth 1 and 2 (`oauth`)',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'oauth',
  signal: 'none',
  retries: 'never',
  fromModule: EXPORTS.fromModule,
  member(v, name) {
    if (v.role === 'module') return EXPORTS.member(v, name);
    const calls = v.name === 'OAuth2' ? OAUTH2 : OAUTH1;
    return v.role === 'client' && Object.hasOwn(calls, name) ? derive(v, 'operation', `${v.name}.${name}`) : undefined;
  },
  call(v, node) {
    if (v.role !== 'operation') return undefined;
    const [client, method] = v.name.split('.') as [string, string];
    const [verb, least] = (client === 'OAuth2' ? OAUTH2 : OAUTH1)[method]!;
    if (!givenCallback(node, least)) return undefined;
    const given = node.arguments[1];
    const named = method === 'getProtectedResource' && client !== 'OAuth2' && given?.type === AST_NODE_TYPES.Literal && typeof given.value === 'string' ? given.value.toUpperCase() : verb;
    return io(v.name, named, -1, undefined);
  },
  construct: (v, node) => (v.role === 'class' ? { ...v, role: 'client', options: [], origin: node } : undefined),
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: the `oauth` package sends with a bare `http(s).request` and no timeout, and neither its clients nor their calls take one or a signal"),
  fix: {},
};
