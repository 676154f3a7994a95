import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { readOptions } from '../analysis/syntax.js';
import { creationLabel, creationOptions, optionsBound, setNestedCreationOption } from './creation-options.js';
import { judgedWhereMade, type CreationFinding } from './model.js';

/**
 * strapi-sdk-js: `new Strapi({ url, prefix, store, axiosOptions })`, then `strapi.find(type, params)`,
 * `strapi.create(type, data)`, `strapi.login(...)`, `strapi.request(method, url, axiosConfig)`. Read in 2.3.4
 * (`dist/index.mjs`, `dist/index.cjs`): the client makes one `axios.create({ baseURL, paramsSerializer,
 * ...axiosOptions })` and every call is `this.axios.request(...)` on it; the defaults give `axiosOptions: {}`, so
 * no timeout (axios's is 0, none) unless `axiosOptions.timeout` is given. The calls take none of their own but
 * `request`'s config, so the client is judged where it is made.
 */

const MODULE = 'strapi-sdk-js';
const REMEDY = 'set `axiosOptions: { timeout }` (milliseconds) where the Strapi client is created: strapi-sdk-js makes its axios instance with no timeout';

function check(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>): CreationFinding | undefined {
  const options = creationOptions(sourceCode, node, 0);
  if (options === 'unknown') return undefined;
  if (options !== 'absent' && optionsBound(options, ['axiosOptions.timeout']) !== 'unbounded') return undefined;
  return {
    label: creationLabel(sourceCode, node),
    remedy: REMEDY,
    fix(target) {
      const facts = options === 'absent' ? undefined : readOptions(options);
      return setNestedCreationOption(target, node, 0, facts, ['axiosOptions', 'timeout'], '10_000');
    },
  };
}

export const strapiSdkLibrary = judgedWhereMade({
  kind: 'strapi-sdk-js',
  title: 'Strapi (`strapi-sdk-js`)',
  modules: [MODULE],
  dependencyName: 'strapi',
  signal: 'none',
  retries: 'never',
  instanceOptions: ['axiosOptions.timeout'],
  remedy: REMEDY,
  defaultBound: 'none (axios `timeout: 0`)',
  creation: {
    sites: [{ module: MODULE, path: ['default'], how: 'new' }],
    check,
  },
});
