import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { propertyKey, unwrapExpression } from '../analysis/syntax.js';
import { importNames } from '../fixes/runtime-import.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { creationLabel, setCreationOption } from './creation-options.js';
import { judgedWhereMade } from './model.js';

/**
 * undici's WebSocket (`import { WebSocket } from 'undici'`): its opening handshake is an HTTP request sent through a
 * dispatcher, the global one unless its init names one, whose only bound is the 300 s wait for the answer's headers.
 * The second argument is the protocols or an init (`{ protocols, dispatcher, headers }`); the init takes no signal
 * and no timeout, so the fix hands it a dispatcher of its own that waits a bounded time for the upgrade.
 */

const REMEDY = 'give it a `dispatcher` that bounds the handshake (`new Agent({ headersTimeout: 10_000 })`)';
const HANDSHAKE_TIMEOUT_MS = '10_000';

export const undiciWebSocketLibrary = judgedWhereMade({
  kind: 'undici-websocket',
  title: "undici's `WebSocket`",
  modules: ['undici'],
  takesUrl: true,
  dependencyName: 'websocket',
  signal: 'none (a `dispatcher` with `headersTimeout` bounds the opening handshake)',
  retries: 'never',
  instanceOptions: ['dispatcher'],
  remedy: REMEDY,
  defaultBound: '300 s for the handshake (the global dispatcher)',
  creation: {
    sites: [{ module: 'undici', path: ['WebSocket'], how: 'new' }],
    check(node, sourceCode) {
      const init = node.arguments[1];
      if (init && !leavesGlobalDispatcher(init)) return undefined;
      return {
        label: creationLabel(sourceCode, node),
        remedy: REMEDY,
        fixBounds: 'its opening handshake',
        fix(target) {
          const edits = new SourceEdits();
          const { Agent } = importNames(target.sourceCode, 'undici', ['Agent'], edits);
          const dispatcher = `new ${Agent}({ headersTimeout: ${HANDSHAKE_TIMEOUT_MS} })`;
          const protocols = init && unwrapExpression(init);
          if (protocols && protocols.type !== AST_NODE_TYPES.ObjectExpression) {
            edits.replace(init!.range, `{ protocols: ${target.sourceCode.getText(init!)}, dispatcher: ${dispatcher} }`);
            return { edits, option: 'dispatcher' };
          }
          return setCreationOption(target, node, 1, 'dispatcher', dispatcher, edits);
        },
      };
    },
  },
});

/**
 * What the second argument says of the dispatcher: the protocols (a string or a list: no init) or an init written
 * here without one leave the global dispatcher; an init naming one, spreading others, or held elsewhere may not.
 */
function leavesGlobalDispatcher(argument: TSESTree.Node): boolean {
  const node = unwrapExpression(argument);
  if (node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral || node.type === AST_NODE_TYPES.ArrayExpression) return true;
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return node.properties.every((property) => property.type === AST_NODE_TYPES.Property && propertyKey(property) !== undefined && propertyKey(property) !== 'dispatcher');
}
