import { createRule } from '../create-rule.js';
import { withFileNodes } from '../analysis/loops.js';
import { getNonCancellingTimeouts, type NonCancellingTimeout } from '../analysis/cancellation.js';
import { cancellationSuggestions, fixMessages } from '../fixes/suggestions.js';
import { environmentAt } from '../analysis/code-environment.js';
import { getSettings } from '../analysis/settings.js';

type MessageIds =
  | 'raceNotCancelled'
  | 'raceNotCancelledTimerKept'
  | 'controllerUnused'
  | 'signalUnused'
  | 'pTimeoutNoSignal'
  | 'aggressiveTimeout'
  | 'idleRequestKept'
  | 'helperRaceNotCancelled'
  | 'wrapperCancelledNotAborted'
  | 'fixPassSignal'
  | 'fixRaceToTimeout'
  | 'fixHelperTakesSignal'
  | 'fixCooperativeTimeout'
  | 'fixDestroyIdleRequest'
  | 'fixAbortOnTimer';

type Options = [{ checkOwnOrigin?: boolean }];

export default createRule<Options, MessageIds>({
  name: 'timeout-requires-cancellation',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Require a timeout to cancel the work it gives up on, not only stop waiting for it',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkOwnOrigin: {
            type: 'boolean',
            description: "Also report timeouts that leave work running in a browser or on a device (a page's or an app's request left to finish after the timer won): what they waste is the person's own, not a service's.",
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      raceNotCancelled:
        'This `Promise.race` against a timer stops the waiting, not the work: when the timer wins, the work keeps running (a request keeps its connection and its pool slot). Pass an AbortSignal to the work and abort it on timeout (`AbortSignal.timeout(ms)`).',
      raceNotCancelledTimerKept:
        'This `Promise.race` against a timer stops the waiting, not the work: when the timer wins, the work keeps running (a request keeps its connection and its pool slot); and when the work wins, nothing here clears the timer. Pass an AbortSignal to the work and abort it on timeout (`AbortSignal.timeout(ms)`).',
      controllerUnused:
        'This AbortController is aborted by a timer, but its signal is passed to nothing: the timeout cancels no work. Pass `signal: controller.signal` to the call it should bound.',
      signalUnused:
        'This `AbortSignal.timeout(...)` is passed to nothing: the timeout cancels no work. Pass it as the `signal` of the call it should bound.',
      pTimeoutNoSignal:
        'p-timeout stops waiting after the timeout, but nothing cancels the work it wraps: it keeps running in the background. Give the work an AbortSignal and abort it when the timeout fires.',
      aggressiveTimeout:
        "cockatiel's `TimeoutStrategy.Aggressive` returns at the timeout without waiting for the work to stop. Use `TimeoutStrategy.Cooperative` and pass the policy's `signal` to the call.",
      idleRequestKept:
        "This 'timeout' listener tells the caller `{{request}}` failed but leaves it open: Node's 'timeout' only says the socket has been idle, so {{held}} after its caller moved on (and a retry opens another beside it). Destroy it with the failure instead (`{{request}}.destroy(error)`): its 'error' listener then reports it.",
      helperRaceNotCancelled:
        '`{{helper}}` stops waiting for this work when its timer fires, and cancels nothing: the request keeps running (its connection and pool slot held, and a retry starts another beside it). Bound it with a timeout that aborts it: the runtime\'s `timeout(ms)`, passing its signal to the request.',
      wrapperCancelledNotAborted:
        'This timer cancels `{{wrapper}}`, a promise wrapping {{call}}: the waiting stops on time, the request does not (it keeps its connection and pool slot, and a retry sends another beside it). Abort the request itself: give it an AbortController\'s signal and abort that controller here.',
      fixPassSignal: fixMessages.fixPassSignal,
      fixRaceToTimeout: fixMessages.fixRaceToTimeout,
      fixHelperTakesSignal: fixMessages.fixHelperTakesSignal,
      fixCooperativeTimeout: fixMessages.fixCooperativeTimeout,
      fixDestroyIdleRequest: fixMessages.fixDestroyIdleRequest,
      fixAbortOnTimer: fixMessages.fixAbortOnTimer,
    },
  },
  defaultOptions: [{ checkOwnOrigin: false }],
  create(context, [{ checkOwnOrigin = false }]) {
    const leavesWorkOnTheClient = (finding: NonCancellingTimeout): boolean =>
      !checkOwnOrigin && LEAVES_WORK_RUNNING.has(finding.kind)
      && environmentAt(finding.node, context.sourceCode, context.physicalFilename, getSettings(context)) === 'browser';
    return withFileNodes(context.sourceCode, {
      'Program:exit'() {
        for (const finding of getNonCancellingTimeouts(context).findings) {
          if (leavesWorkOnTheClient(finding)) continue;
          context.report({
            node: finding.node,
            messageId: messageFor(finding),
            data: {
              request: finding.idle?.request.name, held: finding.idle?.socket ? 'the connection lives on' : 'the request and its socket live on', helper: finding.helper?.name,
              wrapper: finding.cancelled?.wrapper, call: finding.cancelled?.request.label,
            },
            suggest: cancellationSuggestions(context, finding),
          });
        }
      },
    });
  },
});

/**
 * Findings whose cost is the work left running after the timer won. A timeout that cancels nothing at all (a
 * controller or signal handed to no call) is a bug wherever it runs, so it is reported in a page too.
 */
const LEAVES_WORK_RUNNING = new Set<NonCancellingTimeout['kind']>(['race', 'pTimeout', 'aggressive', 'idleRequestKept', 'helperRace', 'cancelledWrapper']);

function messageFor(finding: NonCancellingTimeout): MessageIds {
  switch (finding.kind) {
    case 'race':
      return finding.timerCleared ? 'raceNotCancelled' : 'raceNotCancelledTimerKept';
    case 'unusedController':
      return 'controllerUnused';
    case 'unusedSignal':
      return 'signalUnused';
    case 'pTimeout':
      return 'pTimeoutNoSignal';
    case 'aggressive':
      return 'aggressiveTimeout';
    case 'idleRequestKept':
      return 'idleRequestKept';
    case 'helperRace':
      return 'helperRaceNotCancelled';
    case 'cancelledWrapper':
      return 'wrapperCancelledNotAborted';
  }
}
