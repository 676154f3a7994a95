import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { urlDestination } from '../analysis/url-destination.js';
import { isSet, propertyKey, unwrapExpression } from '../analysis/syntax.js';
import { creationLabel } from './creation-options.js';
import { deadlineFetchFix, plainFetchCreation } from './fetch-option.js';
import { judgedWhereMade, value, type CreationModel, type OptionFacts } from './model.js';

/**
 * urql (`@urql/core`): `createClient({ url, exchanges, fetch, fetchOptions })` / `new Client(...)`, then
 * `client.query(document, variables).toPromise()`. Its `fetchExchange` sends with the fetch it is given and no
 * timeout, and it replaces any `signal` in `fetchOptions` with the one it cancels a torn-down operation with: a
 * request is bounded only by a `fetch` of the app's own that sets a deadline (or node-fetch 2's `timeout` in
 * `fetchOptions`). Its operations take no options that could bound them, so the client is judged where it is made.
 */

const MODULE = '@urql/core';
const REMEDY = 'give it a `fetch` that sets a deadline on each request, where it is created (urql sets no timeout, and replaces a `signal` in `fetchOptions` with its own)';

/** `exchanges: [cacheExchange, fetchExchange]`: 'none' when a literal list holds no fetchExchange (another exchange sends), 'unknown' when not readable. */
function fetchExchangeIn(facts: OptionFacts): 'present' | 'none' | 'unknown' {
  const exchanges = facts.get('exchanges');
  // urql before 4 used its default exchanges, fetchExchange among them
  if (!exchanges) return 'present';
  const list = unwrapExpression(exchanges);
  if (list.type !== AST_NODE_TYPES.ArrayExpression) return 'unknown';
  return list.elements.some((element) => {
    const target = element && unwrapExpression(element);
    if (target?.type === AST_NODE_TYPES.Identifier) return target.name === 'fetchExchange';
    return target?.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.property.type === AST_NODE_TYPES.Identifier && target.property.name === 'fetchExchange';
  }) ? 'present' : list.elements.some((element) => element?.type === AST_NODE_TYPES.SpreadElement) ? 'unknown' : 'none';
}

/**
 * `fetchOptions: { timeout }`, `() => ({ timeout })` or a function returning an object with `timeout`: node-fetch 2's
 * own timeout, which urql passes through (counted only when a fetch is given: the global fetch ignores it).
 */
function fetchOptionsTimeout(facts: OptionFacts): boolean {
  const options = facts.get('fetchOptions');
  if (!options) return false;
  const target = unwrapExpression(options);
  const returned: TSESTree.Node[] = [];
  if (target.type === AST_NODE_TYPES.ArrowFunctionExpression || target.type === AST_NODE_TYPES.FunctionExpression) {
    if (target.body.type !== AST_NODE_TYPES.BlockStatement) returned.push(target.body);
    else for (const statement of target.body.body) if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) returned.push(statement.argument);
  } else {
    returned.push(target);
  }
  return returned.some((node) => {
    const object = unwrapExpression(node);
    return object.type === AST_NODE_TYPES.ObjectExpression
      && object.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyKey(property) === 'timeout' && isSet(property.value));
  });
}

const creation: CreationModel = {
  sites: [{ module: MODULE, path: ['createClient'], how: 'call' }, { module: MODULE, path: ['Client'], how: 'new' }],
  check(node, sourceCode, file) {
    const made = plainFetchCreation(node, sourceCode);
    if (!made || fetchExchangeIn(made.facts) !== 'present') return undefined;
    const { options, facts, fetch } = made;
    if (fetch && fetchOptionsTimeout(facts)) return undefined;
    const url = facts.get('url');
    const destination = url ? urlDestination(url, sourceCode) : 'unknown';
    // a page's client of its own back end (a relative URL only a page can use), a command's of a local server: their
    // hang costs no service
    if (destination === 'page' || (destination === 'loopback' && file.environment() === 'cli')) return undefined;
    return {
      label: creationLabel(sourceCode, node),
      remedy: REMEDY,
      fix: deadlineFetchFix(options, fetch),
    };
  },
};

export const urqlLibrary = judgedWhereMade({
  kind: 'urql',
  title: 'urql (`@urql/core`)',
  modules: [MODULE],
  takesUrl: true,
  dependencyName: 'graphql',
  signal: 'none: it replaces a `signal` in `fetchOptions` with the one it cancels operations with',
  retries: 'only with `retryExchange` (`@urql/exchange-retry`)',
  fromModule: (module, imported) => (module === MODULE && (imported === 'Client' || imported === 'createClient') ? value('urql', 'class', imported) : undefined),
  instanceOptions: ['fetch'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation,
});
