import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readProjectFile } from '../project/files.js';
import { resolveProjectModule } from '../project/resolution.js';
import { importedFrom } from './imported-from.js';

/**
 * Event emitters whose `emit()` returns a promise of every listener's result (emittery, promise-events): an async
 * listener's failure rejects the caller's `await emitter.emit(...)`, as a returned promise would, instead of becoming an
 * unhandled rejection as with Node's EventEmitter. The emitter is known by its module: imported from one of them, or
 * a module of the project that imports one of them (`module.exports = new MessageEvents()` over promise-events).
 */

const AWAITING_EMITTERS = ['emittery', 'promise-events'];
const NAMES_ONE = new RegExp(`(?:from\\s*|require\\s*\\(\\s*)['"](?:${AWAITING_EMITTERS.join('|')})['"]`);

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Whether the emitter `emitter` (`events` in `events.on('saved', listener)`) awaits its listeners. */
export function awaitsItsListeners(sourceCode: SourceCode, filename: string | undefined, emitter: TSESTree.Node): boolean {
  let root = emitter;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root.type === AST_NODE_TYPES.ThisExpression) return false;
  const module = importedFrom({ sourceCode }, root);
  // an emitter made in this file, of a class one of those modules gives
  if (module === undefined) return root.type === AST_NODE_TYPES.Identifier && NAMES_ONE.test(sourceCode.text) && madeHere(sourceCode, root);
  if (AWAITING_EMITTERS.includes(module)) return true;
  const resolved = filename === undefined ? undefined : resolveProjectModule(module, filename);
  const text = resolved === undefined ? undefined : readProjectFile(resolved);
  return text !== undefined && NAMES_ONE.test(text);
}

/** `const events = new Emittery()` (or a class of this file): a variable this file makes with `new`. */
function madeHere(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const definition = sourceCode.getScope(identifier).references.find((reference) => reference.identifier === identifier)?.resolved?.defs[0];
  return definition?.type === 'Variable' && definition.node.init?.type === AST_NODE_TYPES.NewExpression;
}
