import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asOptionsObject, unwrapExpression } from '../analysis/syntax.js';
import { creationLabel, creationOptions, optionsBound, setCreationOption } from './creation-options.js';
import { judgedWhereMade, value, type CreationFinding } from './model.js';

/**
 * Azure Resource Manager clients (`@azure/arm-*`: `new WebSiteManagementClient(credential, subscriptionId, options)`,
 * `new ResourceManagementClient(credential, options)`), generated on `@azure/core-client` (up to the 2025 releases) or
 * `@azure-rest/core-client` (since). Their pipeline gives a request no timeout unless something sets
 * `request.timeout` (0, none, by default) and retries failed requests 3 times: a management call that stops answering
 * holds a deploy command or a provisioning job for ever. Neither client options type takes a timeout; a policy added to
 * the pipeline (`additionalPolicies`) bounds every request the client makes, so the client is judged where it is made.
 * A call takes an `abortSignal` too, but is made on operation groups far from the creation.
 */

const PREFIX = '@azure/arm-';
const REMEDY = "add a pipeline policy setting each request's `timeout` (`additionalPolicies`) where it is created: Azure's management clients send with none";
/** A management call that creates or scales a resource can take long to answer; each poll of a long operation is a request of its own. */
const TIMEOUT = '30_000';
const POLICY = `[{ position: 'perCall', policy: { name: 'requestTimeout', sendRequest: (request, next) => { request.timeout = ${TIMEOUT}; return next(request); } } }]`;

type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * Where a creation takes its options: after the subscription id, or after the credential alone for the tenant-level
 * overload (`new SubscriptionClient(credential, { ... })`).
 */
function optionsIndex(node: Creation): number {
  const second = node.arguments[1];
  if (node.arguments.length === 1) return 1;
  if (node.arguments.length === 2 && second && (asOptionsObject(second) || isNamedOptions(second))) return 1;
  return 2;
}

function isNamedOptions(node: TSESTree.Node): boolean {
  const inner = unwrapExpression(node);
  return inner.type === AST_NODE_TYPES.Identifier && /options|params|config/i.test(inner.name);
}

function check(node: Creation, sourceCode: Readonly<TSESLint.SourceCode>): CreationFinding | undefined {
  const index = optionsIndex(node);
  const options = creationOptions(sourceCode, node, index);
  if (options === 'unknown') return undefined;
  // a policy or an HTTP client of the project's own may set the timeout: not read here
  if (options !== 'absent' && optionsBound(options, ['additionalPolicies', 'httpClient']) !== 'unbounded') return undefined;
  return {
    label: creationLabel(sourceCode, node),
    remedy: REMEDY,
    fix(target) {
      const made = setCreationOption(target, node, index, 'additionalPolicies', POLICY);
      return made && { edits: made.edits, option: `additionalPolicies: [a policy setting request.timeout = ${TIMEOUT}]` };
    },
  };
}

export const azureArmLibrary = judgedWhereMade({
  kind: 'azure-arm',
  title: 'Azure Resource Manager clients (`@azure/arm-*`)',
  modules: [],
  ownsModule: (module) => module.startsWith(PREFIX) && module.length > PREFIX.length,
  modulePattern: `${PREFIX}*`,
  dependencyName: 'azure-arm',
  signal: '`abortSignal` in each operation\'s options',
  retries: '3 retries with growing waits (`retryOptions.maxRetries`)',
  retriesByDefault: true,
  // the one class each package exports for its service: `WebSiteManagementClient`, `ContainerAppsAPIClient`
  fromModule: (_module, imported) => (/^[A-Z]\w*Client$/.test(imported) ? value('azure-arm', 'class', imported) : undefined),
  instanceOptions: ['additionalPolicies'],
  remedy: REMEDY,
  defaultBound: 'none (`request.timeout` 0)',
  creation: { sites: [], check },
});
