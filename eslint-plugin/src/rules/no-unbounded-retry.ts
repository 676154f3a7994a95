import { createRule } from '../create-rule.js';
import { withFileNodes } from '../analysis/loops.js';
import { getRetries } from '../analysis/retries.js';
import { boundSuggestions, fixMessages } from '../fixes/suggestions.js';

export default createRule({
  name: 'no-unbounded-retry',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Require every retry to stop after a number of attempts or a deadline',
      recommended: true,
    },
    schema: [],
    messages: {
      unbounded:
        '{{retry}} has no attempt limit and no deadline: while the dependency is down it retries forever, adding load and never reporting the failure. Stop after a number of attempts or a deadline.',
      fixAddBound: fixMessages.fixAddBound,
    },
  },
  defaultOptions: [],
  create(context) {
    return withFileNodes(context.sourceCode, {
      'Program:exit'() {
        for (const retry of getRetries(context)) {
          if (retry.bound !== 'none') continue;
          const loc = retry.kind === 'library' && retry.boundNode ? retry.boundNode.loc : retry.loc;
          context.report({
            loc,
            messageId: 'unbounded',
            data: { retry: retry.name.charAt(0).toUpperCase() + retry.name.slice(1) },
            suggest: boundSuggestions(context, retry),
          });
        }
      },
    });
  },
});
