import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { dependencyVersion, olderThan } from '../project/dependency-versions.js';
import { creationLabel, creationOptions, optionsBound, setCreationOptions } from './creation-options.js';
import { judgedWhereMade, value, type CreationModel } from './model.js';

/**
 * @hubspot/api-client: `new Client({ accessToken })`, then `client.crm.contacts.basicApi.getById(id)`,
 * `client.crm.deals.searchApi.doSearch(...)`, `client.apiRequest({ method, path })`. Read in 9.1.1, 11.1.0 and
 * 14.0.1 (`lib/src/client.js`, `configuration/IConfiguration.d.ts`, `services/ApiDecoratorService.js`,
 * `services/decorators/LimiterDecorator.js`, `RetryDecorator.js`, `services/http/HttpClient.js`, and the generated
 * `lib/codegen/<api>/http/isomorphic-fetch.js`): every request is node-fetch 2 with only method, body, headers and
 * the `httpAgent` (an agent's socket timeout only emits 'timeout', which node-fetch does not listen to), no timeout
 * and no signal; no generated method nor `apiRequest` takes one. What can bound a call is the client's Bottleneck
 * limiter: with `limiterOptions` set (any object; `{}` limits nothing), each request is run as a limiter job with
 * `limiterJobOptions`, and Bottleneck (2.19) fails a job still running after `expiration` ms with a BottleneckError
 * (the request itself goes on). `numberOfApiCallRetries` (at most 6) retries only 5xx and some 429 answers, each try a
 * job of its own, and never that error. The decorators are set on a process-wide service at each `new Client` (and
 * `setAccessToken`) and taken by each API object when first reached, so every creation should carry the same options.
 * So a client is judged where it is made: it is bounded when both `limiterOptions` and `limiterJobOptions.expiration`
 * are set. Versions before 9 have no limiter (8.x: only keys, tokens, base path, headers) and are left alone.
 */

const MODULE = '@hubspot/api-client';
/** The first version whose client takes `limiterOptions` and `limiterJobOptions`. */
const LIMITER_SINCE = { major: 9, minor: 0 };
const EXPIRATION = '30_000';
const REMEDY = 'set `limiterJobOptions: { expiration }` (milliseconds, after which the limiter fails each request; the request itself goes on) with `limiterOptions` (`{}` limits nothing) where the HubSpot client is created: @hubspot/api-client sends through node-fetch with no timeout, and its calls take none';

type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

/** Whether `limiterOptions` is given: any object turns the limiter on, `{}` too (the client tests only that it is truthy). */
function limiterGiven(facts: ReadonlyMap<string, TSESTree.Node> | undefined): boolean {
  const given = facts?.get('limiterOptions');
  const inner = given && unwrapExpression(given);
  if (!inner) return false;
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name !== 'undefined';
  return inner.type !== AST_NODE_TYPES.Literal || Boolean(inner.value);
}

/** The edit giving the client both options, keeping what is written of either (a limiter's rate, a job's priority). */
function fixOf(target: FixTarget, node: Creation, options: TSESTree.ObjectExpression | 'absent'): { edits: SourceEdits; option: string } | undefined {
  const facts = options === 'absent' ? undefined : readOptions(options);
  if (facts === 'unknown') return undefined;
  const pairs: [string, string][] = limiterGiven(facts) ? [] : [['limiterOptions', '{}']];
  const jobs = facts?.get('limiterJobOptions');
  const jobsInner = jobs && unwrapExpression(jobs);
  if (!jobsInner || (jobsInner.type === AST_NODE_TYPES.Identifier && jobsInner.name === 'undefined')) {
    pairs.push(['limiterJobOptions', `{ expiration: ${EXPIRATION} }`]);
  } else if (jobsInner.type === AST_NODE_TYPES.ObjectExpression) {
    // a job's priority or weight written already stays
    if (optionsBound(jobsInner, ['expiration']) !== 'bounded') pairs.push(['limiterJobOptions', objectTextWith(target.sourceCode, jobsInner, { set: [['expiration', EXPIRATION]] })]);
  } else {
    // job options kept in a variable: their expiration cannot be set from here
    return undefined;
  }
  if (pairs.length === 0) return undefined;
  const made = setCreationOptions(target, node, 0, pairs);
  const option = pairs.map(([key, text]) => (key === 'limiterOptions' || !jobsInner || jobsInner.type !== AST_NODE_TYPES.ObjectExpression ? `${key}: ${text}` : `limiterJobOptions.expiration: ${EXPIRATION}`)).join(', ');
  return made && { edits: made.edits, option };
}

const creation: CreationModel = {
  sites: [{ module: MODULE, path: ['Client'], how: 'new' }],
  check(node, sourceCode, file) {
    if (file.filename && olderThan(dependencyVersion(file.filename, MODULE), LIMITER_SINCE)) return undefined;
    const options = creationOptions(sourceCode, node, 0);
    if (options === 'unknown') return undefined;
    if (options !== 'absent') {
      const facts = readOptions(options);
      if (facts === 'unknown') return undefined;
      const expiration = optionsBound(options, ['limiterJobOptions.expiration']);
      // job options written in a way not read here may bound it; a limiter given with an expiration does
      if (expiration === 'unknown' || (expiration === 'bounded' && limiterGiven(facts))) return undefined;
    }
    return {
      label: creationLabel(sourceCode, node),
      remedy: REMEDY,
      fix: (target) => fixOf(target, node, options),
    };
  },
};

export const hubspotApiClientLibrary = judgedWhereMade({
  kind: 'hubspot-api-client',
  title: 'HubSpot (`@hubspot/api-client`)',
  modules: [MODULE],
  dependencyName: 'hubspot',
  signal: 'none',
  retries: '`numberOfApiCallRetries` (0 by default, at most 6): 5xx and secondly-limit 429 answers, waiting 200 ms to 10 s times the try',
  fromModule: (module, imported) => (module === MODULE && imported === 'Client' ? value('hubspot-api-client', 'class', 'Client') : undefined),
  instanceOptions: ['limiterOptions', 'limiterJobOptions.expiration'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation,
});
