import type { TSESTree } from '@typescript-eslint/utils';
import { requireCreationOption } from './creation-options.js';
import { judgedWhereMade, value } from './model.js';

/**
 * ws: `new WebSocket(url, protocols?, options?)` opens the connection; with no `handshakeTimeout` the opening
 * handshake waits for as long as the server does not answer. Reported where it is created. `handshakeTimeout` bounds
 * that opening only: once open, a session waiting for a message waits as long as the server is silent.
 */

const REMEDY = 'set `handshakeTimeout` where the WebSocket is created';
const bySocketArguments = (node: TSESTree.CallExpression | TSESTree.NewExpression): number =>
  // new WebSocket(url, options) or new WebSocket(url, protocols, options)
  (node.arguments.length >= 3 || (node.arguments[1] && node.arguments[1].type !== 'ObjectExpression' && node.arguments[1].type !== 'Identifier') ? 2 : 1);
const requireHandshakeTimeout = requireCreationOption(bySocketArguments, ['handshakeTimeout'], 'handshakeTimeout', '10_000', REMEDY);

export const wsLibrary = judgedWhereMade({
  kind: 'ws',
  title: 'ws',
  modules: ['ws'],
  takesUrl: true,
  dependencyName: 'websocket',
  signal: 'none (`handshakeTimeout` for the opening handshake)',
  retries: 'never',
  fromModule: (module, imported) => (module === 'ws' && (imported === 'default' || imported === '*' || imported === 'WebSocket') ? value('ws', 'class', 'WebSocket') : undefined),
  instanceOptions: ['handshakeTimeout'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation: {
    sites: [
      { module: 'ws', path: ['default'], how: 'new' },
      { module: 'ws', path: ['WebSocket'], how: 'new' },
    ],
    check(node, sourceCode, file) {
      const finding = requireHandshakeTimeout(node, sourceCode, file);
      return finding && { ...finding, fixBounds: 'its opening handshake' };
    },
  },
});
