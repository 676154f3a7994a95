import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import { creationLabel, creationOptions, setCreationOption, setNestedCreationOption } from './creation-options.js';
import { deadlineFetch, isPlainFetch } from './fetch-option.js';
import { judgedWhereMade, value, type CreationModel } from './model.js';

/**
 * supabase-js: `createClient(url, key, { auth, global: { headers, fetch } })`, then `supabase.from('apps').select()`,
 * `.rpc(...)`, `.functions.invoke(...)`, `.storage.from(bucket).upload(...)`. Every one of them sends through one
 * fetch, the global one unless `global.fetch` names another, and none sets a timeout: a stalled Supabase holds the
 * caller for ever. A query can take `.abortSignal(signal)`, but the one place that bounds them all is the client's
 * `global.fetch`. In a page Supabase is the app's own back end (a hang costs a spinner): only a client made in a
 * service or a command is reported.
 */

const MODULE = '@supabase/supabase-js';
const OPTIONS_INDEX = 2;
const REMEDY = 'give the client a `global.fetch` that sets a deadline on each request, where it is created (supabase-js sends with no timeout)';

/** What `global` sets, when written here as an object literal. */
function globalOptions(node: TSESTree.Node): ReadonlyMap<string, TSESTree.Node> | undefined {
  const given = unwrapExpression(node);
  const facts = given.type === AST_NODE_TYPES.ObjectExpression ? readOptions(given) : 'unknown';
  return facts === 'unknown' ? undefined : facts;
}

const creation: CreationModel = {
  sites: [{ module: MODULE, path: ['createClient'], how: 'call' }],
  check(node, sourceCode, file) {
    const environment = file.environment();
    if (environment !== 'cli' && environment !== 'server') return undefined;
    const options = creationOptions(sourceCode, node, OPTIONS_INDEX);
    if (options === 'unknown') return undefined;
    const facts = options === 'absent' ? new Map<string, TSESTree.Node>() : readOptions(options);
    if (facts === 'unknown') return undefined;
    const global = facts.get('global');
    const globalFacts = global ? globalOptions(global) : new Map<string, TSESTree.Node>();
    // a `global` read elsewhere, or a fetch of the app's own, may bound every request
    if (!globalFacts) return undefined;
    const inner = globalFacts.get('fetch');
    if (inner && !isPlainFetch(inner, sourceCode)) return undefined;
    return {
      label: creationLabel(sourceCode, node),
      remedy: REMEDY,
      fix(target) {
        const fetch = deadlineFetch(inner ? target.sourceCode.getText(inner) : 'fetch');
        const made = options === 'absent'
          ? setCreationOption(target, node, OPTIONS_INDEX, 'global', `{ fetch: ${fetch} }`)
          : setNestedCreationOption(target, node, OPTIONS_INDEX, facts, ['global', 'fetch'], fetch);
        return made && { edits: made.edits, option: 'global.fetch' };
      },
    };
  },
};

export const supabaseJsLibrary = judgedWhereMade({
  kind: 'supabase-js',
  title: 'Supabase (`@supabase/supabase-js`)',
  modules: [MODULE],
  dependencyName: 'supabase',
  signal: '`.abortSignal(signal)` on a query',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && imported === 'createClient' ? value('supabase-js', 'root', 'createClient') : undefined),
  instanceOptions: ['global.fetch'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation,
});
