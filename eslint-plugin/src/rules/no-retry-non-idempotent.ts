import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../create-rule.js';
import { withFileNodes } from '../analysis/loops.js';
import { findNonIdempotentRetries } from '../analysis/idempotency.js';
import { libraryOf } from '../libraries/index.js';
import { retriesOnlyWhenNotApplied } from '../fixes/retry-when-not-applied.js';
import { fixMessages, idempotencyKeySuggestions, notAppliedRetrySuggestions, retriedMethodSuggestions, type FixSuggestion } from '../fixes/suggestions.js';

type MessageIds = 'retriedRequest' | 'retriedDeclaredMethod' | 'retriedWithoutKey' | 'keyPerAttempt' | 'libraryRetriesMethod' | 'fixIdempotencyKey' | 'fixRetryOnlyRefused' | 'fixRetryOnlyNotApplied' | 'fixSendOnce' | 'fixStopRetryingMethod';
interface Finding {
  loc: TSESTree.SourceLocation;
  messageId: MessageIds;
  data: Record<string, string>;
  suggest: FixSuggestion<'fixIdempotencyKey' | 'fixRetryOnlyRefused' | 'fixRetryOnlyNotApplied' | 'fixSendOnce' | 'fixStopRetryingMethod'>[];
}

export default createRule<[], MessageIds>({
  name: 'no-retry-non-idempotent',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow retrying POST and PATCH requests without an Idempotency-Key that stays the same across attempts',
      recommended: true,
    },
    schema: [],
    messages: {
      retriedRequest:
        '{{call}} sends a {{method}} request, which is not idempotent, and {{retry}} sends it again after a failure: a request that reached the server before failing is applied twice (a double charge, a duplicate order). Send an `Idempotency-Key` header created once before the retries, or do not retry it.',
      retriedDeclaredMethod:
        '{{call}} sends the method its caller names, which its options\' type lets be {{method}}, not idempotent, and {{retry}} sends it again after a failure: a request that reached the server before failing is applied twice (a duplicate record, a double charge). Send an `Idempotency-Key` header created once before the retries, or retry only idempotent methods.',
      retriedWithoutKey:
        '{{call}} sends a {{method}} request, which is not idempotent, and {{retry}} sends it again after a failure: one that reached the server before failing (a timeout, a lost connection) is applied twice, and {{library}} takes no idempotency key. Retry it only when its error says it was not applied, or do not retry it.',
      keyPerAttempt:
        "{{call}} sends a {{method}} request that {{retry}} sends again, but its `Idempotency-Key` is created inside the retried code: every attempt carries a new key, so the server cannot tell a repeat from a new request. Create the key once, before the retries.",
      libraryRetriesMethod:
        '{{retry}} is told to retry {{method}} requests, which are not idempotent: a request that reached the server before failing is applied twice. Retry only idempotent methods, or give those requests an `Idempotency-Key` that stays the same across attempts.',
      fixIdempotencyKey: fixMessages.fixIdempotencyKey,
      fixRetryOnlyRefused: fixMessages.fixRetryOnlyRefused,
      fixRetryOnlyNotApplied: fixMessages.fixRetryOnlyNotApplied,
      fixSendOnce: fixMessages.fixSendOnce,
      fixStopRetryingMethod: fixMessages.fixStopRetryingMethod,
    },
  },
  defaultOptions: [],
  create(context) {
    return withFileNodes(context.sourceCode, {
      'Program:exit'() {
        const { requests, libraries } = findNonIdempotentRetries(context);
        const findings: Finding[] = [
          ...requests.flatMap((request): Finding[] => {
            const data = { call: `\`${request.call.label}\``, method: request.method, retry: request.retry.name };
            // a library whose requests take no key (airtable.js): only its error can tell a retry is safe
            const library = libraryOf(request.call.client);
            if (library?.notAppliedCondition && !request.call.wrapped) {
              if (retriesOnlyWhenNotApplied(context.sourceCode, request)) return [];
              return [{ loc: request.call.node.loc, messageId: 'retriedWithoutKey' as const, data: { ...data, library: library.title }, suggest: notAppliedRetrySuggestions(context, request) }];
            }
            return [{
              loc: request.call.node.loc,
              messageId: request.key === 'per-attempt' ? ('keyPerAttempt' as const) : request.methodDeclared ? ('retriedDeclaredMethod' as const) : ('retriedRequest' as const),
              data,
              suggest: idempotencyKeySuggestions(context, request),
            }];
          }),
          ...libraries.map((retry) => ({
            loc: retry.retriesNonIdempotent!.node.loc,
            messageId: 'libraryRetriesMethod' as const,
            data: { retry: capitalise(retry.name), method: retry.retriesNonIdempotent!.method },
            suggest: retriedMethodSuggestions(context, retry),
          })),
        ];
        for (const finding of findings) context.report(finding);
      },
    });
  },
});

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
