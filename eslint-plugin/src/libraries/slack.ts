import { readOptions } from '../analysis/syntax.js';
import { creationOptions, requireCreationOption, setCreationOptions } from './creation-options.js';
import { derive, instanceFrom, io, value, type LibraryModel } from './model.js';

/**
 * Slack's `WebClient`: `new WebClient(token, { timeout })`. Its default timeout is 0 (none) and it retries ten times
 * over about thirty minutes, so a call can hang for good; the timeout is set where the client is created.
 * A timed-out attempt is retried like any other failure, so a timeout alone still leaves a call waiting for half an
 * hour (ten attempts and their waits): where the client keeps the default retries, the fix also sets two.
 */

const REMEDY = 'set `timeout` in the options where the WebClient is created (its default is none)';
const TIMEOUT = ['timeout', '10_000'] as const;
/** p-retry's defaults (waits of 1 s, then 2 s) after three attempts of at most 10 s: a call gives up within about 33 s. */
const BOUNDED_RETRIES = ['retryConfig', '{ retries: 2 }'] as const;

const requireTimeout = requireCreationOption(1, ['timeout', 'adapter'], ...TIMEOUT, REMEDY);

const NON_CALLS = new Set(['on', 'once', 'off', 'emit', 'token', 'slackApiUrl', 'constructor']);

export const slackLibrary: LibraryModel = {
  kind: 'slack',
  title: 'Slack `WebClient` (`@slack/web-api`)',
  modules: ['@slack/web-api'],
  typeNames: ['WebClient'],
  takesUrl: false,
  dependencyName: 'slack',
  signal: 'none',
  retries: '10 retries over about 30 minutes by default (`retryConfig`)',
  backsOffUnlessSet: 'retryConfig',
  fromModule: (module, imported) => (module === '@slack/web-api' && imported === 'WebClient' ? value('slack', 'class', 'WebClient') : undefined),
  member(v, name) {
    if (v.role === 'client') {
      if (name === 'apiCall' || name === 'paginate' || name === 'filesUploadV2') return derive(v, 'method', name);
      return NON_CALLS.has(name) ? undefined : derive(v, 'namespace', name);
    }
    if (v.role === 'namespace') return derive(v, 'method', `${v.name}.${name}`);
    if (v.role === 'method') return derive(v, 'method', `${v.name}.${name}`);
    return undefined;
  },
  call: (v) => (v.role === 'method' ? io(`Slack ${v.name}`, undefined, -1, undefined) : undefined),
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[1]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['timeout'],
    chainMethods: [],
    remedy: 'set `timeout` in the options where the WebClient is created',
    defaultBound: 'none (`timeout: 0`)',
    isChecked: () => false,
  },
  creation: {
    sites: [{ module: '@slack/web-api', path: ['WebClient'], how: 'new' }],
    check(node, sourceCode) {
      const finding = requireTimeout(node, sourceCode);
      if (!finding) return undefined;
      const options = creationOptions(sourceCode, node, 1);
      const facts = typeof options === 'string' ? undefined : readOptions(options);
      if (facts !== undefined && (facts === 'unknown' || facts.has('retryConfig'))) return finding;
      return { ...finding, fix: (target) => setCreationOptions(target, node, 1, [TIMEOUT, BOUNDED_RETRIES]) };
    },
  },
  fix: {},
};
