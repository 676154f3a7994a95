import { AST_NODE_TYPES } from '../ast-node-types.js';
import { derive, io, isWholeModule, takesNoBound, value, type LibraryModel } from './model.js';

/**
 * node-twitter-api: `new TwitterApi({ consumerKey, consumerSecret, callback })` (its module's one export, callable
 * without `new` too), then `tw.getRequestToken(cb)`, `tw.getAccessToken(token, secret, verifier, cb)`,
 * `tw.statuses('update', params, token, secret, cb)`, `tw.getTimeline(type, params, token, secret, cb)`, ... Read in
 * 1.8.0 (`twitter.js`): the constructor keeps the keys and makes an `oauth` `OAuth` client with nothing else; every
 * call goes through that client's `http(s).request` (oauth 0.9.15 `lib/oauth.js`: no timeout, no agent, no 'timeout'
 * listener), the uploads through a bare `request.post` (no `timeout`). Neither the client nor a call takes a timeout
 * or a signal: only waiting for the callback can be bounded. `getAuthUrl` builds a URL; `getStream` is a streaming
 * connection meant to stay open, left alone.
 */

const MODULE = 'node-twitter-api';
const CLASS = 'TwitterApi';
/** Calls that send one request, with the verb each sends when its name tells it (`undefined`: by the `type` given). */
const CALLS: Readonly<Record<string, string | undefined>> = {
  getRequestToken: 'POST', getAccessToken: 'POST', verifyCredentials: 'GET', getTimeline: 'GET', search: 'GET', rateLimitStatus: 'GET',
  uploadMedia: 'POST', uploadVideo: 'POST', uploadMediaChunked: 'POST', updateProfileImage: 'POST',
  statuses: undefined, users: undefined, friends: undefined, followers: undefined, friendships: undefined, account: undefined,
  blocks: undefined, mutes: undefined, suggestions: undefined, favorites: undefined, direct_messages: undefined, lists: undefined,
  savedSearches: undefined, geo: undefined, trends: undefined, report_spam: 'POST', oauth: undefined, help: undefined,
};
/** A `type` that writes (`statuses('update', ...)`, `friendships('create', ...)`), else one that reads. */
const WRITES = /^(update|destroy|retweet|unretweet|create|new|remove|add|members_create|members_destroy|subscribers_create|subscribers_destroy|upload|invalidate_token)/;

export const nodeTwitterApiLibrary: LibraryModel = {
  kind: 'node-twitter-api',
  title: 'Twitter (`node-twitter-api`)',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'twitter',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && isWholeModule(imported) ? value('node-twitter-api', 'class', CLASS) : undefined),
  member: (v, name) => (v.role === 'client' && Object.hasOwn(CALLS, name) ? derive(v, 'operation', name) : undefined),
  call(v, node) {
    // `TwitterApi(options)`: the constructor makes its instance when called without `new`
    if (v.role === 'class') return { result: { ...v, role: 'client', options: [], origin: node } };
    if (v.role !== 'operation') return undefined;
    let method = CALLS[v.name];
    const type = node.arguments[0];
    if (method === undefined && type?.type === AST_NODE_TYPES.Literal && typeof type.value === 'string') method = WRITES.test(type.value) ? 'POST' : 'GET';
    return io(`${CLASS}.${v.name}`, method, -1, undefined);
  },
  construct: (v, node) => (v.role === 'class' ? { ...v, role: 'client', options: [], origin: node } : undefined),
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: node-twitter-api sends over the `oauth` package's `http(s).request` (and `request` for uploads) with no timeout, and neither its client nor its calls take one or a signal"),
  fix: {},
};
