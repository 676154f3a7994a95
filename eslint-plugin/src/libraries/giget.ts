import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { packageExports, takesNoBound, type LibraryModel } from './model.js';

/**
 * giget: `downloadTemplate(source, { dir, auth, ... })` fetches a template's metadata and its tarball from GitHub,
 * GitLab or a registry and unpacks it. None of its options is a timeout or a signal (the types and code of 1.2 and
 * 3.3): only waiting for it can be bounded. 3.x clones a `git:` source with `git` under a 60 s limit of its own.
 */

function clonesWithGit(node: TSESTree.CallExpression): boolean {
  const [source] = node.arguments;
  const text = source?.type === AST_NODE_TYPES.Literal ? source.value
    : source?.type === AST_NODE_TYPES.TemplateLiteral ? source.quasis[0]?.value.cooked : undefined;
  return typeof text === 'string' && text.startsWith('git:');
}

export const gigetLibrary: LibraryModel = {
  kind: 'giget',
  title: '`giget`',
  modules: ['giget'],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'template-registry',
  signal: 'none',
  retries: 'never',
  ...packageExports('giget', ['giget'], { downloadTemplate: 'operation' }),
  call: (v, node) => (v.role === 'operation' && !clonesWithGit(node) ? { io: { label: 'giget.downloadTemplate', httpMethod: 'GET', optionsIndex: -1, signalOption: undefined } } : undefined),
  construct: () => undefined,
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: giget downloads over fetch and takes no timeout or signal"),
  fix: {},
};
