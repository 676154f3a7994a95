import { requireCreationOption } from './creation-options.js';
import { instanceFrom, packageExports, type LibraryModel } from './model.js';

/**
 * azure-devops-node-api: `new WebApi(url, authHandler, requestOptions)`, then `(await connection.getGitApi()).getPullRequests(...)`.
 * Every API client it hands out sends with typed-rest-client and the connection's request options; the only bound
 * is `socketTimeout` there, an idle-socket limit that defaults to 3 minutes of silence, after which the request is
 * retried when `allowRetries` is on. No call takes a signal. A CLI or a job waits minutes per call on a server that
 * stopped answering, so the creation is reported once, where the fix belongs.
 */

const MODULE = 'azure-devops-node-api';
const REMEDY = 'set `socketTimeout` in the request options where the WebApi is created (its requests wait 3 minutes of silence by default, and no call takes a signal)';
const check = requireCreationOption(2, ['socketTimeout'], 'socketTimeout', '30_000', REMEDY);

export const azureDevopsLibrary: LibraryModel = {
  kind: 'azure-devops-node-api',
  title: '`azure-devops-node-api` (`WebApi`)',
  modules: [MODULE],
  typeNames: ['WebApi'],
  takesUrl: true,
  dependencyName: 'azureDevOps',
  signal: 'none',
  retries: 'when `allowRetries` is set, `maxRetries` times (network errors and 502/503/504)',
  ...packageExports('azure-devops-node-api', [MODULE], { WebApi: 'class' }),
  // its API clients' calls are left to the creation's finding: nothing at the call can bound them
  call: () => undefined,
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[2]]) : undefined),
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['socketTimeout'],
    chainMethods: [],
    remedy: REMEDY,
    defaultBound: '3 minutes of socket inactivity (typed-rest-client)',
    isChecked: () => false,
  },
  creation: {
    sites: [{ module: MODULE, path: ['WebApi'], how: 'new' }],
    check: (node, sourceCode) => check(node, sourceCode),
  },
  fix: {},
};
