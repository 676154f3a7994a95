import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asDelay } from './delays.js';
import { getExternalCalls } from './external-calls.js';
import { importedFrom } from './imported-from.js';
import { contains, walkSameFunction } from './loops.js';
import { callsOnlyLoopback } from './retry-causes.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Work that stays on this machine: a child process (an emulator's `adb`, `docker exec`), the file system, a server on
 * a loopback address. Backing off protects a dependency that many clients share from coming back together; nothing
 * here is shared, so a loop asking it again a fixed interval apart is waiting for it to be ready.
 */

/** Modules whose calls run a child process or touch the file system. */
const LOCAL_MODULES = /^(?:node:)?(?:child_process|fs|fs\/promises)$|^(?:fs-extra|graceful-fs|execa|tinyexec|zx)$|(?:^|[/-])spawn(?:-async)?$/;

/**
 * Whether every wait of `root` is on this machine: each awaited call runs a child process or touches the file
 * system through an imported module, or requests a loopback address, or is a delay; at least one such call.
 */
export function touchesOnlyThisMachine(context: Context, root: TSESTree.Node): boolean {
  const external = getExternalCalls(context);
  if (external.containsExternalCall(root) && !callsOnlyLoopback(context, root)) return false;
  let local = 0;
  let elsewhere = false;
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (elsewhere || node.type !== AST_NODE_TYPES.AwaitExpression) return;
    const call = node.argument;
    if (call.type !== AST_NODE_TYPES.CallExpression) {
      elsewhere = true;
      return;
    }
    if (asDelay(context, call)) return;
    const module = importedFrom(context, call.callee);
    const loopback = external.calls.some((candidate) => contains(call, candidate.node));
    if ((module !== undefined && LOCAL_MODULES.test(module)) || loopback) local++;
    else elsewhere = true;
  });
  return local > 0 && !elsewhere;
}
