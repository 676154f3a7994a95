import { AST_NODE_TYPES } from '../ast-node-types.js';
import { staticPropertyName } from '../analysis/member-syntax.js';
import { readOptions } from '../analysis/syntax.js';
import { creationLabel, creationOptions, optionsBound, setNestedCreationOption } from './creation-options.js';
import { isWholeModule, judgedWhereMade, value, type CreationModel } from './model.js';

/**
 * node-mailjet 6: `Mailjet.apiConnect(key, secret, { config, options })`, `Mailjet.smsConnect(token, { config, options })`
 * or `new Mailjet({ apiKey, apiSecret, config, options })` (the `Client` export too), then
 * `mj.post('send', { version: 'v3.1' }).request(body)`. Read in 6.0.11 (`mailjet.node.js`, the bundle, and
 * `declarations/`): each request goes through the bundled axios, whose default timeout is 0, and gets a `timeout`
 * only from the client's `options.timeout` (a falsy one is left out). `get`/`post`'s config takes only host, version
 * and output, and `request(data, params)` nothing more: no call can be bounded on its own, so the client is judged
 * where it is made.
 */

const MODULE = 'node-mailjet';
const REMEDY = 'set `options: { timeout }` (milliseconds, for each request) where the Mailjet client is created: node-mailjet sends through axios with none';

/** Where the client's params sit: `apiConnect(key, secret, params)`, `smsConnect(token, params)`, `new Mailjet(params)`. */
function paramsIndex(node: Parameters<CreationModel['check']>[0]): number {
  if (node.type === AST_NODE_TYPES.NewExpression) return 0;
  const callee = node.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'smsConnect' ? 1 : 2;
}

const creation: CreationModel = {
  sites: ['default', 'Client'].flatMap((root) => [
    { module: MODULE, path: [root], how: 'new' as const },
    { module: MODULE, path: [root, 'apiConnect'], how: 'call' as const },
    { module: MODULE, path: [root, 'smsConnect'], how: 'call' as const },
  ]),
  check(node, sourceCode) {
    const index = paramsIndex(node);
    const params = creationOptions(sourceCode, node, index);
    if (params === 'unknown') return undefined;
    const facts = params === 'absent' ? undefined : readOptions(params);
    if (facts === 'unknown') return undefined;
    // `options` held in a variable, or spread in, may carry the timeout: only a visibly missing one is reported
    if (params !== 'absent' && optionsBound(params, ['options.timeout']) !== 'unbounded') return undefined;
    return {
      label: creationLabel(sourceCode, node),
      remedy: REMEDY,
      // inside the `options` already written (proxy, headers), else a new `options` beside `config`
      fix: (target) => setNestedCreationOption(target, node, index, facts, ['options', 'timeout'], '10_000'),
    };
  },
};

export const nodeMailjetLibrary = judgedWhereMade({
  kind: 'node-mailjet',
  title: 'Mailjet (`node-mailjet`)',
  modules: [MODULE],
  dependencyName: 'mailjet',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && (isWholeModule(imported) || imported === 'Client') ? value('node-mailjet', 'class', 'Mailjet') : undefined),
  instanceOptions: ['options.timeout'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation,
});
