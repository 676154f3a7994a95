import type { TSESLint } from '@typescript-eslint/utils';
import { callersAlwaysGiveSignal } from './caller-signals.js';
import type { ExternalCall } from './external-calls.js';
import { timeoutVerdict } from './timeouts.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A request layer whose request is bounded only by a signal it is handed, optional (`signal: abortSignal` from
 * `abortSignal?: AbortSignal`, positional or in an options object), is reported at that request, once, with a
 * default for the signal (`abortSignal ?? AbortSignal.timeout(ms)`): the one edit bounds every caller. Its callers
 * are then not judged by what they pass, whether they pass a signal or not, nor reported a second time for the same
 * gap (wrangler's Cloudflare API layer under some 270 commands; the AI SDK's `postToApi` under its providers). Unless
 * every caller in view passes a signal that is there: then the layer is not reported, and the callers' signals are
 * the bound (caller-signals.ts). `filename` is the layer's module, when known.
 */
export function layerOwnsSignalDefault(sourceCode: SourceCode, call: ExternalCall, filename: string | undefined): boolean {
  const signal = timeoutVerdict(sourceCode, call).optionalSignal;
  return signal !== undefined && !(filename && callersAlwaysGiveSignal(sourceCode, signal, filename));
}
