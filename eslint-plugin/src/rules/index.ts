import type { TSESLint } from '@typescript-eslint/utils';
import noRetryNonIdempotent from './no-retry-non-idempotent.js';
import noTryOutsideLoop from './no-try-outside-loop.js';
import noUnboundedRetry from './no-unbounded-retry.js';
import noUnprotectedCall from './no-unprotected-call.js';
import preferAllSettled from './prefer-all-settled.js';
import requireTimeout from './require-timeout.js';
import retryRequiresBackoff from './retry-requires-backoff.js';
import timeoutRequiresCancellation from './timeout-requires-cancellation.js';

/** Every rule of the plugin, one line each (kebab-case name -> rule module); the configs are generated from this. */
export const rules = {
  'no-retry-non-idempotent': noRetryNonIdempotent,
  'no-try-outside-loop': noTryOutsideLoop,
  'no-unbounded-retry': noUnboundedRetry,
  'no-unprotected-call': noUnprotectedCall,
  'prefer-all-settled': preferAllSettled,
  'require-timeout': requireTimeout,
  'retry-requires-backoff': retryRequiresBackoff,
  'timeout-requires-cancellation': timeoutRequiresCancellation,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;
