import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions } from '../analysis/syntax.js';
import { creationLabel, creationOptions, setCreationOption } from './creation-options.js';
import { derive, instanceFrom, io, isWholeModule, value, type CreationModel, type LibraryModel } from './model.js';

/**
 * `twitter-api-v2`: `new TwitterApi(tokens, settings)`, then `client.v2.tweet(...)`, `client.v1.uploadMedia(...)`.
 * Its requests have no timeout unless given one, and its high-level methods take no request options: the one place
 * that bounds them all is a plugin, set where the client is created (the clients `login()` returns inherit it),
 * that gives each request a `timeout` (an idle-socket limit after which the request is destroyed).
 */

/** Client methods that send a request (the rest build links locally, or return sub-clients). */
const CLIENT_REQUESTS = new Set([
  'login', 'appLogin', 'loginWithOAuth2', 'refreshOAuth2Token', 'revokeOAuth2Token', 'currentUser', 'currentUserV2',
  'generateAuthLink', 'get', 'post', 'put', 'patch', 'delete',
]);
/** Members of a client or an API version that are sub-clients, not requests. */
const SUB_CLIENTS = new Set(['v1', 'v2', 'readOnly', 'readWrite', 'labs']);

/** The plugin the fix adds: every request not given a timeout of its own gets one. */
const TIMEOUT_PLUGIN = '[{ onBeforeRequestConfig: ({ params }) => { params.timeout ??= 10_000; } }]';

const creation: CreationModel = {
  sites: [{ module: 'twitter-api-v2', path: ['TwitterApi'], how: 'new' }, { module: 'twitter-api-v2', path: ['default'], how: 'new' }],
  check(node, sourceCode) {
    if (node.type !== AST_NODE_TYPES.NewExpression) return undefined;
    const settings = creationOptions(sourceCode, node, 1);
    if (settings === 'unknown') return undefined;
    if (settings !== 'absent') {
      const facts = readOptions(settings);
      // plugins of the app's own may set the timeout
      if (facts === 'unknown' || facts.has('plugins')) return undefined;
    }
    return {
      label: creationLabel(sourceCode, node),
      remedy: 'give it a plugin that sets each request\'s `timeout` (`onBeforeRequestConfig`), where the client is created',
      fix: (target) => setCreationOption(target, node, 1, 'plugins', TIMEOUT_PLUGIN),
    };
  },
};

export const twitterLibrary: LibraryModel = {
  kind: 'twitter',
  title: '`twitter-api-v2`',
  modules: ['twitter-api-v2'],
  typeNames: ['TwitterApi', 'TwitterApiReadWrite', 'TwitterApiReadOnly'],
  takesUrl: false,
  dependencyName: 'twitter',
  signal: 'none',
  retries: 'never (plugins may)',
  fromModule(module, imported) {
    if (module !== 'twitter-api-v2') return undefined;
    return isWholeModule(imported) || imported === 'TwitterApi' ? value('twitter', 'class', 'TwitterApi') : undefined;
  },
  member(v, name) {
    if (v.role !== 'client' && v.role !== 'api') return undefined;
    // `client.readWrite`, `client.v2.readOnly`: the same client with fewer rights
    if (name === 'readOnly' || name === 'readWrite') return v;
    if (SUB_CLIENTS.has(name)) return derive(v, 'api', v.role === 'api' ? `${v.name}.${name}` : name);
    if (v.role === 'client') return CLIENT_REQUESTS.has(name) ? derive(v, 'request', name) : undefined;
    return name === 'constructor' || name === 'prefix' ? undefined : derive(v, 'request', `${v.name}.${name}`);
  },
  call: (v) => (v.role === 'request' ? io(`Twitter ${v.name}`, undefined, -1, undefined) : undefined),
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[1]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['plugins'],
    chainMethods: [],
    remedy: 'give the client a plugin that sets each request\'s `timeout`, where it is created',
    defaultBound: 'none',
    // judged where the client is created
    isChecked: () => false,
  },
  creation,
  fix: {},
};
