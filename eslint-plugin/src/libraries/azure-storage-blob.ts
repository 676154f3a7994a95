import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import { creationLabel, creationOptions, optionsBound, setNestedCreationOption } from './creation-options.js';
import type { CreationFinding, LibraryModel } from './model.js';

/**
 * Azure Blob Storage (`@azure/storage-blob`): `new BlobServiceClient(url, credential, options)`,
 * `BlobServiceClient.fromConnectionString(connection, options)`, or a pipeline made by `newPipeline(credential,
 * options)`. Each try of a request is bounded only by `retryOptions.tryTimeoutInMs`: left unset, the SDK sets no
 * timeout of its own ("a value of zero or undefined means no default timeout on SDK client"), so a connection that
 * stops answering holds the call; it retries failed tries 4 times with growing waits. Calls take an `abortSignal`,
 * but are made on container and blob clients derived far from the creation, so the creation is where it is judged.
 */

const MODULE = '@azure/storage-blob';
const REMEDY = 'set `retryOptions: { tryTimeoutInMs }` where it is created: the Azure SDK sets no timeout on a try of its own';
const TRY_TIMEOUT = '30_000';

type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

/** Where a creation takes its pipeline options: after the credential of `new BlobServiceClient(url, credential, options)`. */
function optionsIndex(node: Creation): number | undefined {
  if (node.type === AST_NODE_TYPES.CallExpression) return 1; // fromConnectionString(connection, options), newPipeline(credential, options)
  const second = node.arguments[1] && unwrapExpression(node.arguments[1]);
  // `new BlobServiceClient(url, pipeline)`: the pipeline's creation is judged instead
  if (second && (second.type === AST_NODE_TYPES.CallExpression || (second.type === AST_NODE_TYPES.Identifier && /pipeline/i.test(second.name)))) {
    const callee = second.type === AST_NODE_TYPES.CallExpression ? second.callee : undefined;
    if (!callee || (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'newPipeline') || second.type === AST_NODE_TYPES.Identifier) return undefined;
  }
  return 2;
}

function check(node: Creation, sourceCode: Readonly<TSESLint.SourceCode>): CreationFinding | undefined {
  const index = optionsIndex(node);
  if (index === undefined) return undefined;
  const options = creationOptions(sourceCode, node, index);
  if (options === 'unknown') return undefined;
  if (options !== 'absent' && optionsBound(options, ['retryOptions.tryTimeoutInMs']) !== 'unbounded') return undefined;
  return {
    label: creationLabel(sourceCode, node),
    remedy: REMEDY,
    fix(target) {
      const facts = options === 'absent' ? undefined : readOptions(options);
      return setNestedCreationOption(target, node, index, facts, ['retryOptions', 'tryTimeoutInMs'], TRY_TIMEOUT);
    },
  };
}

export const azureStorageBlobLibrary: LibraryModel = {
  kind: 'azure-storage-blob',
  title: 'Azure Blob Storage (`@azure/storage-blob`)',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'azure-storage',
  signal: '`abortSignal` in each operation\'s options',
  retries: '4 tries with growing waits (`retryOptions.maxTries`)',
  retriesByDefault: true,
  fromModule: () => undefined,
  member: () => undefined,
  call: () => undefined,
  construct: () => undefined,
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['retryOptions'],
    chainMethods: [],
    remedy: REMEDY,
    defaultBound: 'none (`tryTimeoutInMs` unset)',
    isChecked: () => false,
  },
  creation: {
    sites: [
      { module: MODULE, path: ['BlobServiceClient'], how: 'new' },
      { module: MODULE, path: ['BlobServiceClient', 'fromConnectionString'], how: 'call' },
      { module: MODULE, path: ['newPipeline'], how: 'call' },
    ],
    check,
  },
  fix: {},
};
