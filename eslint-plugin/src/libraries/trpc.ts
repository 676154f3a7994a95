import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { urlDestination } from '../analysis/url-destination.js';
import { creationLabel } from './creation-options.js';
import { deadlineFetchFix, plainFetchCreation } from './fetch-option.js';
import { value, type CreationModel, type CreationSite, type LibraryModel } from './model.js';

/**
 * The tRPC client (`@trpc/client`): `createTRPCClient({ links: [httpBatchLink({ url, headers, fetch })] })`, then
 * `client.router.procedure.query(input, { signal })`. Its HTTP links send with fetch and no timeout; a call is bounded
 * by the `signal` of its options, every call of a link by a `fetch` of the app's own given to the link that sets a
 * deadline. Calls are made through a typed proxy, often in many files, so the link is judged where it is made.
 * Streaming and subscription links (`httpBatchStreamLink`, `httpSubscriptionLink`, `wsLink`) are left alone: their
 * responses last as long as the stream. So are links not known to run in a command or a service (see `check`).
 */

const MODULE = '@trpc/client';
const LINKS = ['httpBatchLink', 'httpLink'];
const REMEDY = 'give the link a `fetch` that sets a deadline on each request, where it is created (tRPC sets no timeout; a call can also pass `{ signal }`)';

const SITES: CreationSite[] = LINKS.flatMap((link) => [
  { module: MODULE, path: [link], how: 'call' as const },
  // tRPC 10's deep imports
  { module: `${MODULE}/links/${link}`, path: [link], how: 'call' as const },
]);

const creation: CreationModel = {
  sites: SITES,
  check(node, sourceCode, file) {
    const environment = file.environment();
    // A tRPC client calls the app's own server, most often from its pages, where a hang costs a tab: only a link
    // known to run in a command or a service is reported.
    if (environment !== 'cli' && environment !== 'server') return undefined;
    const made = plainFetchCreation(node, sourceCode);
    if (!made) return undefined;
    const { options, facts, fetch } = made;
    const url = facts.get('url');
    if (environment === 'cli' && url && urlDestination(url, sourceCode) === 'loopback') return undefined;
    if (url && isomorphicBaseUrl(url, sourceCode)) return undefined;
    return {
      label: creationLabel(sourceCode, node),
      remedy: REMEDY,
      fix: deadlineFetchFix(options, fetch),
    };
  },
};

/**
 * `${getBaseUrl()}/api/trpc`, with `getBaseUrl` a function of this file that tests `typeof window` (the empty base in a
 * browser, the app's own host or localhost when its pages render on the server): the page's link to its own API, in
 * a package that also holds the routers (saleor's shared `createHttpBatchLink`).
 */
function isomorphicBaseUrl(url: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const first = url.type === AST_NODE_TYPES.TemplateLiteral && url.quasis[0]?.value.cooked === '' ? url.expressions[0] : undefined;
  if (first?.type !== AST_NODE_TYPES.CallExpression || first.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(first) as never, first.callee) as TSESLint.Scope.Variable | null;
  const declared = variable?.defs.length === 1 ? variable.defs[0]!.node : undefined;
  return declared !== undefined && /\btypeof\s+window\b/.test(sourceCode.getText(declared));
}

export const trpcLibrary: LibraryModel = {
  kind: 'trpc',
  title: 'tRPC client (`@trpc/client`)',
  modules: [MODULE, ...LINKS.map((link) => `${MODULE}/links/${link}`)],
  typeNames: [],
  takesUrl: true,
  dependencyName: 'trpc',
  signal: '`{ signal }` in a call\'s options (`.query(input, { signal })`)',
  retries: 'only with `retryLink`',
  fromModule: (module, imported) => (module.startsWith(MODULE) && LINKS.includes(imported) ? value('trpc', 'link', imported) : undefined),
  member: () => undefined,
  call: () => undefined,
  construct: () => undefined,
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['signal'],
    instanceOptions: ['fetch'],
    chainMethods: [],
    remedy: REMEDY,
    defaultBound: 'none',
    isChecked: () => false,
  },
  creation,
  fix: {},
};
