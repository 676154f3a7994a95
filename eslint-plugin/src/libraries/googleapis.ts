import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { googleAuthNamespace } from './google-auth-library.js';
import { derive, instanceFrom, io, isWholeModule, value, type ClientValue, type LibraryModel } from './model.js';

/**
 * Google's API clients: `google.youtube({ version: 'v3', auth, timeout })` from `googleapis`, or
 * `youtube({ version: 'v3', auth })` from `@googleapis/youtube`, or the versioned class `new youtube_v3.Youtube({ auth })`
 * of either, then `youtube.channels.list(params, { timeout, signal })`.
 * Requests go through gaxios, which sets no timeout; a call is bounded by the `timeout` or `signal` of its method
 * options (its second argument), every call of an API client by the `timeout` it is created with. gaxios retries
 * GET, HEAD, PUT, OPTIONS and DELETE requests 3 times by default, as googleapis turns its `retry` on.
 */

const PER_API = '@googleapis/';
/** Members of `google` that are not API factories. */
const NOT_APIS = new Set(['auth', 'options', 'discover', 'discoverAPI', 'addAPIs', 'constructor', 'getSupportedAPIs', 'GoogleApis']);
/** Members of an API client that are not resources. */
const NOT_RESOURCES = new Set(['context', 'google', 'constructor']);
const HTTP_METHODS: Record<string, string> = { get: 'GET', list: 'GET', insert: 'POST', create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE' };

/** `gmail_v1`, `oauth2_v2`: an API version's namespace, which exports its client class. */
const VERSION_NAMESPACE = /^[a-z][a-zA-Z0-9]*_v[a-zA-Z0-9_.]+$/;

/** `google.youtube('v3')` takes no options; `google.youtube({ version, auth, timeout })` does. */
function created(v: ClientValue, node: TSESTree.CallExpression): ClientValue {
  const first = node.arguments[0];
  const named = first?.type === AST_NODE_TYPES.Literal || first?.type === AST_NODE_TYPES.TemplateLiteral;
  return instanceFrom(v, 'client', node, named ? [] : [first]);
}

export const googleapisLibrary: LibraryModel = {
  kind: 'googleapis',
  title: 'Google APIs (`googleapis`, `@googleapis/*`)',
  modules: ['googleapis'],
  ownsModule: (module) => module.startsWith(PER_API) && module.length > PER_API.length,
  modulePattern: '@googleapis/*',
  typeNames: [],
  takesUrl: false,
  dependencyName: 'google',
  signal: '`signal` in the method options (second argument)',
  retries: '3 retries of GET, HEAD, PUT, OPTIONS and DELETE requests by default (gaxios `retry`)',
  retriesByDefault: true,
  fromModule(module, imported) {
    // `const { google } = require('googleapis')` reads `google` off the whole module
    if (isWholeModule(imported)) return value('googleapis', 'module', module);
    // `google.auth.OAuth2`, `import { auth } from '@googleapis/gmail'`: google-auth-library's classes
    if (imported === 'auth') return googleAuthNamespace();
    if (VERSION_NAMESPACE.test(imported)) return value('googleapis', 'version', imported);
    if (module === 'googleapis') return imported === 'google' ? value('googleapis', 'root', 'google') : undefined;
    // `import { youtube } from '@googleapis/youtube'`
    return imported === module.slice(PER_API.length) ? value('googleapis', 'factory', imported) : undefined;
  },
  member(v, name) {
    if (v.role === 'module') return googleapisLibrary.fromModule(v.name, name);
    if (v.role === 'root') {
      if (name === 'auth') return googleAuthNamespace();
      return NOT_APIS.has(name) ? undefined : derive(v, 'factory', name);
    }
    // `gmail_v1.Gmail`: the class (its `Schema$...` and `Params$...` are types)
    if (v.role === 'version') return /^[A-Z][a-zA-Z0-9]*$/.test(name) ? derive(v, 'class', name) : undefined;
    if (v.role === 'client') return NOT_RESOURCES.has(name) ? undefined : derive(v, 'resource', name);
    // `gmail.users.messages.list`: resources nest, and the last name is the method
    if (v.role === 'resource') return derive(v, 'resource', `${v.name}.${name}`);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'factory') return { result: created(v, node) };
    if (v.role !== 'resource' || !v.name.includes('.')) return undefined;
    const method = v.name.slice(v.name.lastIndexOf('.') + 1);
    return io(`google ${v.name}`, HTTP_METHODS[method], 1, 'signal');
  },
  // `new gmail_v1.Gmail({ auth, timeout })`: the same options as `google.gmail({ version, auth, timeout })`
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, node.arguments.slice(0, 1)) : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['timeout'],
    chainMethods: [],
    remedy: 'pass `{ timeout: ms }` as its method options (second argument), or set `timeout` where the API client is created',
    defaultBound: 'none',
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: milliseconds }),
    // gaxios's `timeout` bounds the whole request, an upload's body included: a video sent with `media` gets ten
    // minutes, where five seconds would fail every upload of any size
    timeoutMs: (call) => (sendsMedia(call.node) ? UPLOAD_TIMEOUT : undefined),
  },
};

const UPLOAD_TIMEOUT = '10 * 60_000';

/** `youtube.videos.insert({ part, requestBody, media: { body } })`: a method uploading a file with its request. */
function sendsMedia(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const params = node.arguments[0];
  return params?.type === AST_NODE_TYPES.ObjectExpression && params.properties.some((property) =>
    property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'media');
}
