import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { urlDestination } from '../analysis/url-destination.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import { creationLabel } from './creation-options.js';
import { deadlineFetchFix, plainFetchCreation } from './fetch-option.js';
import { value, type CreationModel, type CreationSite, type LibraryModel } from './model.js';

/**
 * Apollo Client's HTTP links (`@apollo/client`): `new HttpLink({ uri, fetch, fetchOptions })`, `createHttpLink(...)`,
 * `new BatchHttpLink(...)`, given to `new ApolloClient({ link, cache })`. They send with fetch and no timeout, under
 * an AbortController of their own that follows a `signal` found in the fetch options: an operation is bounded by
 * `context: { fetchOptions: { signal } }`, every operation of a link by a `fetch` of the app's own that sets a
 * deadline. A link's own `fetchOptions.signal` is one signal for every request it will ever send (counted as a bound
 * here: it is somebody's deliberate choice). Apollo Client mostly runs in pages: only a link known to run in a
 * command or a service is reported.
 */

const MODULES = ['@apollo/client', '@apollo/client/core', '@apollo/client/link/http', '@apollo/client/link/batch-http'];
const REMEDY = 'give the link a `fetch` that sets a deadline on each request, where it is created (Apollo sets no timeout; an operation can also pass `context: { fetchOptions: { signal } }`)';

const SITES: CreationSite[] = [
  ...['@apollo/client', '@apollo/client/core', '@apollo/client/link/http'].flatMap((module) => [
    { module, path: ['HttpLink'], how: 'new' as const },
    { module, path: ['createHttpLink'], how: 'call' as const },
  ]),
  { module: '@apollo/client/link/http', path: ['BaseHttpLink'], how: 'new' },
  { module: '@apollo/client/link/batch-http', path: ['BatchHttpLink'], how: 'new' },
];

/** `fetchOptions` that set a signal, or that cannot be read here. */
function fetchOptionsMaySignal(node: TSESTree.Node): boolean {
  const init = unwrapExpression(node);
  if (init.type !== AST_NODE_TYPES.ObjectExpression) return true;
  const facts = readOptions(init);
  return facts === 'unknown' || facts.has('signal');
}

const creation: CreationModel = {
  sites: SITES,
  check(node, sourceCode, file) {
    const environment = file.environment();
    if (environment !== 'cli' && environment !== 'server') return undefined;
    const made = plainFetchCreation(node, sourceCode);
    if (!made) return undefined;
    const { options, facts, fetch } = made;
    const fetchOptions = facts.get('fetchOptions');
    if (fetchOptions && fetchOptionsMaySignal(fetchOptions)) return undefined;
    // Apollo's default URI is the page's `/graphql`
    const uri = facts.get('uri');
    const destination = uri ? urlDestination(uri, sourceCode) : 'page';
    if (destination === 'page' || (destination === 'loopback' && environment === 'cli')) return undefined;
    return {
      label: creationLabel(sourceCode, node),
      remedy: REMEDY,
      fix: deadlineFetchFix(options, fetch),
    };
  },
};

export const apolloClientLibrary: LibraryModel = {
  kind: 'apollo-client',
  title: 'Apollo Client HTTP links (`@apollo/client`)',
  modules: MODULES,
  typeNames: [],
  takesUrl: true,
  dependencyName: 'graphql',
  signal: '`context: { fetchOptions: { signal } }` in an operation\'s options',
  retries: 'only with `RetryLink`',
  fromModule: (module, imported) => (MODULES.includes(module) && SITES.some((site) => site.module === module && site.path[0] === imported) ? value('apollo-client', 'link', imported) : undefined),
  member: () => undefined,
  call: () => undefined,
  construct: () => undefined,
  timeout: {
    levels: ['call', 'client'],
    callOptions: [],
    instanceOptions: ['fetch'],
    chainMethods: [],
    remedy: REMEDY,
    defaultBound: 'none',
    isChecked: () => false,
  },
  creation,
  fix: {},
};
