import type { ExternalCall } from '../analysis/external-calls.js';
import { libraryOf } from '../libraries/index.js';
import type { SourceEdits } from './source-edits.js';
import { timeoutMsFor, type FixTarget } from './wrap-in-policies.js';

/**
 * A timeout the call's library takes in a shape of its own, not as a call option (superagent's chained
 * `.timeout(ms)`, mysql2's `{ sql, timeout }`, options on the pool created in this file...): the edit and what it sets.
 */
export function clientSpecificTimeout(target: FixTarget, call: ExternalCall): { edits: SourceEdits; option: string } | undefined {
  if (call.wrapped) return undefined;
  return libraryOf(call.client)?.fix.clientTimeout?.(target, call, timeoutMsFor(call));
}
