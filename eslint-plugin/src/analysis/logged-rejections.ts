import type { TSESTree } from '@typescript-eslint/utils';
import { dirname } from 'node:path';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { nearestPackage } from '../project/package-info.js';
import type { EscapeRoute } from './protection.js';

/**
 * A promise dropped (or rejected in a callback nobody awaits) in a package whose process logs unhandled rejections and
 * goes on (see `logsUnhandledRejections`): its failure is a line in the log, as the author chose, not the end of the
 * process. Not inside a `new Promise(...)` executor: there the failure also leaves the promise the caller awaits
 * unsettled (an upload's 'file' listener whose work fails keeps the request waiting), which no handler mends.
 */
export function failureOnlyLogged(call: TSESTree.CallExpression, route: EscapeRoute, filename: string): boolean {
  if (route.type !== 'floating' && route.type !== 'callback') return false;
  if (!nearestPackage(dirname(filename))?.logsUnhandledRejections) return false;
  for (let node: TSESTree.Node | undefined = call.parent; node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Promise') return false;
  }
  return true;
}
