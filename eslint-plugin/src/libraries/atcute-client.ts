import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { staticPropertyName } from '../analysis/member-syntax.js';
import { asOptionsObject, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { derive, io, value, type LibraryModel } from './model.js';

/**
 * @atcute/client 5: `new Client({ handler: simpleFetchHandler({ service }) })`, then `rpc.get(nsid, { params, signal })`,
 * `rpc.post(nsid, { input, signal })` or `rpc.call(schema, { params, input, signal })`. Read in 5.1.2
 * (`dist/client.js`, `dist/fetch-handler.js`): each call hands its own `signal` (and nothing else that bounds it) to
 * the handler, and `simpleFetchHandler({ service, fetch })` sends it with `fetch(new URL(path, service), init)`: the
 * global fetch, or the `fetch` it is given. So a client made with `simpleFetchHandler` and no `fetch` of its own
 * sends each call unbounded unless the call passes `signal`; so does an app-password session made with no `fetch` of
 * its own. A client given another handler (an OAuth session's, a custom one, a `fetch` that may set a timeout) is not
 * read: it may bound its calls.
 */

const MODULE = '@atcute/client';
const CLASS = 'Client';
/**
 * @atcute/password-session's app-password session, a handler too. Read in 1.0.2 (`dist/password-session.js`): its
 * `handle` sends each call's init, signal included, with `options.fetch ?? fetch`, as `simpleFetchHandler` does.
 */
const SESSION = 'PasswordSession';
const SESSION_FACTORIES = new Set(['login', 'resume']);
/** The methods that send a request: the HTTP verb each uses (`call` picks GET or POST from the schema it is given). */
const METHODS = new Map<string, string | undefined>([['get', 'GET'], ['post', 'POST'], ['call', undefined]]);

/** The initialiser of the `const` named `name` declared before `node` in a block around it (a handler kept in a local). */
function constBefore(node: TSESTree.Node, name: string): TSESTree.Expression | undefined {
  for (let scope: TSESTree.Node | undefined = node.parent; scope; scope = scope.parent) {
    if (scope.type !== AST_NODE_TYPES.BlockStatement && scope.type !== AST_NODE_TYPES.Program) continue;
    for (const statement of scope.body) {
      if (statement.range[0] >= node.range[0]) break;
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') continue;
      const found = declaration.declarations.find((declarator) => declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name);
      if (found?.init) return found.init;
    }
  }
  return undefined;
}

/**
 * Whether the handler is `simpleFetchHandler({ service })` or a `PasswordSession` (made, logged in or resumed), written
 * in place or kept in a `const`, with no `fetch` of its own.
 */
function isPlainFetchHandler(handler: TSESTree.Node, depth = 0): boolean {
  const inner = unwrapExpression(handler);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const init = depth < 2 ? constBefore(inner, inner.name) : undefined;
    return init !== undefined && isPlainFetchHandler(init, depth + 1);
  }
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return isPlainFetchHandler(inner.argument, depth);
  if (inner.type !== AST_NODE_TYPES.CallExpression && inner.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = inner.callee;
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : undefined;
  const session = inner.type === AST_NODE_TYPES.NewExpression ? name === SESSION : isSessionFactory(callee);
  if (!session && (inner.type !== AST_NODE_TYPES.CallExpression || name !== 'simpleFetchHandler')) return false;
  const given = inner.arguments[session ? 1 : 0];
  // a session made with no options sends with the global fetch
  if (session && given === undefined) return true;
  const options = given && asOptionsObject(given);
  const facts = options && readOptions(options);
  // a `fetch` of its own may set a timeout, and options not written here may hold one
  return facts !== undefined && facts !== 'unknown' && !facts.has('fetch');
}

/** `PasswordSession.login(credentials, options?)`, `PasswordSession.resume(saved, options?)`. */
function isSessionFactory(callee: TSESTree.Node): boolean {
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === SESSION
    && SESSION_FACTORIES.has(staticPropertyName(callee) ?? '');
}

export const atcuteClientLibrary: LibraryModel = {
  kind: 'atcute-client',
  title: 'AT Protocol (`@atcute/client`)',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'atproto',
  signal: '`signal` in the call\'s options',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && imported === CLASS ? value('atcute-client', 'class', CLASS) : undefined),
  member(v, name) {
    if (v.role !== 'client') return undefined;
    if (METHODS.has(name)) return derive(v, 'method', name);
    return name === 'clone' ? derive(v, 'clone', name) : undefined;
  },
  call(v, node) {
    // `clone()` keeps the handler; a clone given options may be given another
    if (v.role === 'clone') return node.arguments.length === 0 ? { result: derive(v, 'client', CLASS) } : undefined;
    if (v.role !== 'method') return undefined;
    return io(`${CLASS}.${v.name}`, METHODS.get(v.name), 1, 'signal');
  },
  construct(v, node) {
    if (v.role !== 'class') return undefined;
    const [given] = node.arguments;
    const options = given && asOptionsObject(given);
    const facts = options && readOptions(options);
    const handler = facts && facts !== 'unknown' ? facts.get('handler') : undefined;
    // only a client whose every call goes to the bare fetch is read: another handler may bound them
    return handler && isPlainFetchHandler(handler) ? { ...v, role: 'client', options: [], origin: node } : undefined;
  },
  timeout: {
    levels: ['call'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `signal: AbortSignal.timeout(ms)` in the call\'s options: its handler sends it with a bare `fetch`, which sets no timeout',
    defaultBound: 'none (with `simpleFetchHandler`)',
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'signal', value: `AbortSignal.timeout(${milliseconds})` }),
  },
};
