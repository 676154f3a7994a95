import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { getNonCancellingTimeouts } from '../analysis/cancellation.js';
import { getExternalCalls, type ExternalCall } from '../analysis/external-calls.js';
import { rootOf } from '../analysis/syntax.js';
import { callersAlwaysGiveSignal } from '../analysis/caller-signals.js';
import { environmentAt } from '../analysis/code-environment.js';
import { hangCostsNoService, opensToLocalProcess } from '../analysis/hang-cost.js';
import { isHandedOffAfterGracePeriod } from '../analysis/hand-off.js';
import { getSettings } from '../analysis/settings.js';
import { timeoutVerdict, type TimeoutVerdict } from '../analysis/timeouts.js';
import { createRule } from '../create-rule.js';
import { withFileNodes } from '../analysis/loops.js';
import { creationTimeoutFix, fixMessages, fixTargetOf, timeoutSuggestions } from '../fixes/suggestions.js';
import { responseGoesToCallersHandler, readsResponseAsStream } from '../fixes/streamed-responses.js';
import { streamedRequest } from '../fixes/streamed-requests.js';
import { streamedFetchUpload } from '../fixes/streamed-uploads.js';
import { clientSpecificTimeout } from '../fixes/client-timeouts.js';
import type { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { findHandedMethodCalls } from '../analysis/handed-methods.js';
import { forwardsCallerWithoutInit } from '../analysis/fetch-stand-ins.js';
import { waitBoundedByRuntimeTimeout } from '../analysis/runtime-timeouts.js';
import { guardedByExecutorTimer, handedToImportedTimeLimit } from '../analysis/raced-wrappers.js';
import { creationLabel } from '../libraries/creation-options.js';
import { DEFAULT_TIMEOUT_MS, defaultTimeoutEdits } from '../fixes/default-timeouts.js';
import { listedTimeoutWithoutDefault } from '../analysis/signal-lists.js';
import { defaultSignalEdits } from '../fixes/default-signals.js';
import { untimedFallback } from '../analysis/controller-signals.js';
import { findUnboundedCreations } from '../libraries/unbounded-creations.js';
import { isReportedInItsModule } from '../project/detached.js';
import { findUnboundedProjectCreations } from '../analysis/project-creations.js';
import { processWideFetchBound } from '../project/global-dispatcher.js';
import { sharedGlobalAxios } from '../analysis/shared-axios.js';
import { semicolon } from '../fixes/code-style.js';
const STREAMED_REQUEST_REMEDY = "set `timeout` (the longest silence allowed) and destroy the request on its 'timeout' event: its body is streamed, which a total deadline would cut off while it is healthy";

type Options = [{ checkOwnOrigin?: boolean }];

const STREAMED_UPLOAD_REMEDY = 'abort it after a silence (no chunk of its body taken, then no response headers), not after a total deadline: its body is streamed, which a total deadline would cut off while it is healthy';

const LAYER_RESPONSE_REMEDY = 'bound the wait for its response headers (a timer cleared when they arrive): it hands the response to a handler its caller gives, which may read the body as a stream that a total deadline would cut off while it is healthy';
const STREAMED_RESPONSE_REMEDY = 'bound the wait for its response headers (a timer cleared when they arrive), not the whole transfer: its body is streamed or downloaded, a transfer of any length that a total deadline would cut off while it is healthy';

export default createRule({
  name: 'require-timeout',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Require a timeout or an abort signal on every call to a network, database or SDK client',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkOwnOrigin: {
            type: 'boolean',
            description: "Also report calls whose hang only a person at this machine waits on: a browser's calls (to its own back end or anyone's), localhost; a CLI's calls to localhost; emulators.",
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      missingTimeout:
        '{{call}} has no timeout and no abort signal: if the other side stops answering, this waits forever. To bound it, {{remedy}}.',
      processWideBoundOnly:
        '{{call}} has no timeout and no abort signal of its own: if the other side stops answering, this waits until the dispatcher `{{file}}` sets for the whole process gives up, after {{wait}} of silence, and holds whatever waits on it as long. To bound it, {{remedy}}.',
      optionalSignal:
        '{{call}} is bounded only by the abort signal `{{signal}}`, which may be undefined: when the caller passes none, this waits forever if the other side stops answering. To bound it anyway, {{remedy}}.',
      untimedSignal:
        '{{call}} is bounded only by `{{signal}}`, the signal of an AbortController that nothing aborts on time (only a failure, a cancellation, or a signal the caller may not pass): if the other side stops answering, this waits forever. To bound it anyway, {{remedy}}.',
      optionalTimeout:
        '{{call}} is given a timeout only when `{{timeout}}` is set, and nothing gives that a default: when its caller sets none, this waits forever if the other side stops answering. To bound it anyway, give `{{timeout}}` a default, or {{remedy}}.',
      zeroDefaultTimeout:
        '{{call}} is given the timeout `{{timeout}}`, whose default is 0, which sets none: unless the user of its settings sets one, this waits forever if the other side stops answering. To bound it anyway, fall back to a timeout when it is 0, or {{remedy}}.',
      nulledDefaultTimeout:
        "{{call}} is passed `{{value}}` for its timeout, which replaces the default its parameter gives (a default applies only to `undefined`): if the other side stops answering, this waits forever. To bound it, pass `undefined` to keep the default, or a timeout.",
      fixKeepDefaultTimeout: 'Pass `undefined` instead of `{{value}}`, so {{call}} keeps the timeout its parameter defaults to.',
      fixFallbackTimeout: 'Fall back to {{milliseconds}} ms when `{{timeout}}` is 0 (`{{timeout}} || {{milliseconds}}`), so {{call}} is bounded out of the box (a timeout the user sets still wins).',
      fixDefaultSignal: 'Give `{{signal}}` a default (`{{value}}`), so {{call}} is bounded when its caller passes no signal (one a caller passes still wins).',
      fixTimedFallback: 'Give the fallback signal a timeout (`{{value}}` for `{{fallback}}`), so {{call}} is bounded when no signal is passed (one passed still wins).',
      fixDefaultTimeout: 'Give `{{timeout}}` a default of {{milliseconds}} ms, so {{call}} is bounded when its caller sets no timeout (one a caller sets still wins).',
      missingClientTimeout:
        '{{client}} creates a client with no timeout: each of its calls waits forever if the other side stops answering. To bound them, {{remedy}}.',
      sharedWithoutTimeout:
        '`{{client}}` is exported here as the project\'s axios (its global instance, configured in this module) with no default timeout: every call made through it waits forever if the other side stops answering. To bound them all, set `{{client}}.defaults.timeout` here.',
      fixSharedDefaultTimeout: 'Set `{{client}}.defaults.timeout = {{milliseconds}}` here, bounding every call made through the shared instance (a call that sets its own still wins).',
      missingOpeningTimeout:
        '{{client}} opens a connection with no timeout: if the server accepts it and never answers, {{waits}} waits forever. To bound it, {{remedy}}.',
      fixOpeningTimeout: 'Set `{{options}}` where it is created, bounding {{waits}} only: a wait for a message after it stays unbounded.',
      fixInstanceTimeout: fixMessages.fixInstanceTimeout,
      fixNativeTimeout: fixMessages.fixNativeTimeout,
      fixClientTimeout: fixMessages.fixClientTimeout,
      fixWrapInTimeout: fixMessages.fixWrapInTimeout,
      fixBoundResponseHeaders: fixMessages.fixBoundResponseHeaders,
      fixWrapHeadersInTimeout: fixMessages.fixWrapHeadersInTimeout,
      fixBoundIdleRequest: fixMessages.fixBoundIdleRequest,
      fixBoundUploadSilences: fixMessages.fixBoundUploadSilences,
      fixStopWaiting: fixMessages.fixStopWaiting,
      fixStopWaitingInPlace: fixMessages.fixStopWaitingInPlace,
      fixWrapInRetryAndTimeout: fixMessages.fixWrapInRetryAndTimeout,
      fixWrapInPipeline: fixMessages.fixWrapInPipeline,
    },
  },
  defaultOptions: [{ checkOwnOrigin: false }] as Options,
  create(context, [{ checkOwnOrigin = false }]) {
    const signalTextOf = (signal: TSESTree.Node | undefined): string | undefined => signal && context.sourceCode.getText(signal);
    const report = (call: ExternalCall, { remedy: ownRemedy, optionalSignal, untimedSignal, optionalTimeout, zeroDefault, nulledDefault }: TimeoutVerdict): void => {
      if (optionalTimeout) {
        reportOptionalTimeout(call, optionalTimeout, ownRemedy, zeroDefault === true);
        return;
      }
      // a signal combined from a list its timeout joins only when the caller sets one: that timeout lacks a default
      const listedTimeout = untimedSignal && listedTimeoutWithoutDefault(context.sourceCode, untimedSignal);
      if (listedTimeout) {
        reportOptionalTimeout(call, listedTimeout, ownRemedy, false);
        return;
      }
      if (nulledDefault) {
        const data = { call: call.label, value: context.sourceCode.getText(nulledDefault) };
        context.report({
          node: call.node, messageId: 'nulledDefaultTimeout', data,
          suggest: [{ messageId: 'fixKeepDefaultTimeout' as const, data, fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(nulledDefault, 'undefined') }],
        });
        return;
      }
      const signal = optionalSignal ?? untimedSignal;
      // a layer handing its response to a handler its caller gives, which may stream it: the headers bound, not a total deadline
      const streamedByCallers = optionalSignal !== undefined && responseGoesToCallersHandler(context.sourceCode, call);
      // a total deadline would end a healthy long transfer: the remedy there is the one its fixes apply
      const remedy = streamedByCallers ? LAYER_RESPONSE_REMEDY : readsResponseAsStream(context.sourceCode, call) ? STREAMED_RESPONSE_REMEDY
        : streamedRequest(context.sourceCode, call) ? STREAMED_REQUEST_REMEDY
          : streamedFetchUpload(call) ? STREAMED_UPLOAD_REMEDY : ownRemedy;
      // Node's own fetch waits as long as the undici dispatcher its process set at boot allows: say so, not "forever"
      const processBound = isGlobalFetch(context.sourceCode, call) ? processWideFetchBound(context.physicalFilename) : undefined;
      // a layer bounded only by the signal its caller may hand in is given a default there, once, for every caller
      // (after the headers bound when its callers may stream the response: a total deadline would cut them off)
      const defaulted = optionalSignal && (remedy === ownRemedy || streamedByCallers) ? defaultSignalEdits(context.sourceCode, optionalSignal) : undefined;
      const defaultSuggestion = defaulted
        ? [{ messageId: 'fixDefaultSignal' as const, data: { call: call.label, signal: signalTextOf(signal), value: defaulted.text }, fix: (fixer: TSESLint.RuleFixer) => defaulted.edits.toFixes(fixer) }]
        : [];
      // `signal ?? new AbortController().signal`: the fallback nobody aborts becomes a timeout's signal, for every caller
      const fallback = untimedSignal && untimedFallback(context.sourceCode, untimedSignal);
      const timedFallback = fallback ? `AbortSignal.timeout(${DEFAULT_TIMEOUT_MS})` : undefined;
      const fallbackSuggestion = fallback
        ? [{ messageId: 'fixTimedFallback' as const, data: { call: call.label, fallback: signalTextOf(fallback), value: timedFallback }, fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(fallback, timedFallback!) }]
        : [];
      const signalText = signalTextOf(signal);
      context.report({
        node: call.node,
        messageId: optionalSignal ? 'optionalSignal' : untimedSignal ? 'untimedSignal' : processBound ? 'processWideBoundOnly' : 'missingTimeout',
        data: {
          call: call.label,
          remedy: defaulted && !streamedByCallers ? `give it a default: \`${defaulted.text}\` (a signal the caller passes still wins)` : remedy,
          signal: signalText, file: processBound?.file, wait: processBound?.wait,
        },
        suggest: streamedByCallers
          ? [...timeoutSuggestions(context, call, true), ...defaultSuggestion]
          : [...defaultSuggestion, ...fallbackSuggestion, ...timeoutSuggestions(context, call)],
      });
    };
    // requests sharing the options a timeout is written into only when set (a layer's first try and its re-sends)
    // share the gap, and the default that fixes it: reported once, at the first
    const reportedOptionalTimeouts = new Set<TSESTree.Expression>();
    const reportOptionalTimeout = (call: ExternalCall, timeout: TSESTree.Expression, remedy: string, zeroDefault: boolean): void => {
      if (reportedOptionalTimeouts.has(timeout)) return;
      reportedOptionalTimeouts.add(timeout);
      const data = { call: call.label, remedy, timeout: context.sourceCode.getText(timeout), milliseconds: DEFAULT_TIMEOUT_MS };
      if (zeroDefault) {
        // `??` would keep the 0: the fallback is for a falsy timeout
        const fallback = (fixer: TSESLint.RuleFixer) => fixer.replaceText(timeout, `${context.sourceCode.getText(timeout)} || ${DEFAULT_TIMEOUT_MS}`);
        context.report({
          node: call.node, messageId: 'zeroDefaultTimeout', data,
          suggest: [{ messageId: 'fixFallbackTimeout' as const, data, fix: fallback }, ...timeoutSuggestions(context, call)],
        });
        return;
      }
      const defaulted = defaultTimeoutEdits(context.sourceCode, timeout);
      context.report({
        node: call.node,
        messageId: 'optionalTimeout',
        data,
        suggest: [
          ...(defaulted ? [{ messageId: 'fixDefaultTimeout' as const, data, fix: (fixer: TSESLint.RuleFixer) => defaulted.toFixes(fixer) }] : []),
          ...timeoutSuggestions(context, call),
        ],
      });
    };
    const newExpressions: TSESTree.NewExpression[] = [];
    const reportedAtCreation = new Set<ExternalCall>();
    return withFileNodes(context.sourceCode, {
      NewExpression(node: TSESTree.NewExpression) {
        newExpressions.push(node);
      },
      'Program:exit'(_program: TSESTree.Program) {
        // Libraries bounded where the client is created are reported there, once, not at each call; so are the
        // project's classes whose calls take the bound they are created with.
        // a library's client class made here but generated elsewhere (gRPC) is among the project's creations
        const projectCreations = findUnboundedProjectCreations(context, newExpressions);
        const creations = [...findUnboundedCreations(context), ...projectCreations.filter(({ library }) => library)];
        // A client a page makes waits only on the person at the page, as a page's calls do (hang-cost.ts)
        const inPage = (node: TSESTree.Node): boolean => !checkOwnOrigin && environmentAt(node, context.sourceCode, context.physicalFilename, getSettings(context)) === 'browser';
        for (const { node, finding } of [...creations, ...projectCreations.filter(({ library }) => !library)]) {
          if (inPage(node) || (!checkOwnOrigin && opensToLocalProcess(node, context.sourceCode, context.physicalFilename, getSettings(context)))) continue;
          const fix = finding.fix(fixTargetOf(context));
          const waits = finding.fixBounds;
          context.report({
            node,
            messageId: waits ? 'missingOpeningTimeout' : 'missingClientTimeout',
            data: { client: finding.label, remedy: finding.remedy, waits },
            suggest: fix ? [{ messageId: waits ? 'fixOpeningTimeout' : 'fixInstanceTimeout', data: { options: fix.option, waits }, fix: (fixer) => fix.edits.toFixes(fixer) }] : [],
          });
        }
        // the project's one axios, its global instance configured and exported here: its default bounds every call
        const shared = sharedGlobalAxios(context.sourceCode);
        if (shared && !shared.bounded && !inPage(shared.exported)) {
          const data = { client: shared.local, milliseconds: '10_000' };
          context.report({
            node: shared.exported,
            messageId: 'sharedWithoutTimeout',
            data,
            suggest: [{
              messageId: 'fixSharedDefaultTimeout',
              data,
              fix: (fixer) => fixer.insertTextBefore(shared.exported, `${shared.local}.defaults.timeout = 10_000${semicolon(context.sourceCode)}\n\n`),
            }],
          });
        }
        // the calls of a client reported where it is created are fixed there
        const reportedCreations = new Set<TSESTree.Node>(creations.map(({ node }) => node));
        const unbounded = getExternalCalls(context).calls
          .filter((call) => call.createdBy === undefined || !reportedCreations.has(call.createdBy))
          // nor those of a client made in another module and reported there
          .filter((call) => call.createdBy === undefined || !isReportedInItsModule(call.createdBy))
          .filter((call) => checkOwnOrigin || !hangCostsNoService(call, context.sourceCode, context.physicalFilename, getSettings(context)))
          .filter((call) => !isHandedOffAfterGracePeriod(context, call.node))
          // a fetch stand-in's branch for a caller that gave no init makes the caller's call as it was made
          .filter((call) => !forwardsCallerWithoutInit(call, context.sourceCode.visitorKeys))
          .filter((call) => !waitBoundedByRuntimeTimeout(context.sourceCode, context.physicalFilename, call, getSettings(context).runtimeModule))
          .filter((call) => !handedToImportedTimeLimit(context.sourceCode, call.node) && !guardedByExecutorTimer(context.sourceCode, call.node))
          .map((call) => ({ call, verdict: timeoutVerdict(context.sourceCode, call, context.physicalFilename) }))
          .filter(({ verdict }) => !verdict.bounded)
          // a layer forwarding its callers' optional signal, every one of which passes one: the bound is theirs
          .filter(({ verdict }) => !verdict.optionalSignal || !callersAlwaysGiveSignal(context.sourceCode, verdict.optionalSignal, context.physicalFilename));
        // a client's method handed to a helper that calls it: its fix is the client's timeout where it is made here
        const handed = findHandedMethodCalls(context)
          .filter(({ call }) => call.createdBy === undefined || !reportedCreations.has(call.createdBy))
          .filter(({ call }) => checkOwnOrigin || !hangCostsNoService(call, context.sourceCode, context.physicalFilename, getSettings(context)))
          .filter(({ call }) => !timeoutVerdict(context.sourceCode, call, context.physicalFilename).bounded && creationTimeoutFix(fixTargetOf(context), call));
        if (unbounded.length === 0 && handed.length === 0) return;
        // A call under a timeout that does not cancel it is reported once, by timeout-requires-cancellation.
        const nonCancelling = getNonCancellingTimeouts(context);
        const reported = unbounded.filter(({ call }) => !nonCancelling.covers(call.node));
        const sharing = callsSharingACreation(context.sourceCode.ast, [
          ...reported.filter(({ verdict }) => verdict.optionalSignal === undefined && verdict.untimedSignal === undefined && verdict.optionalTimeout === undefined).map(({ call }) => call),
          ...handed.map(({ call }) => call),
        ].sort((a, b) => a.node.range[0] - b.node.range[0]));
        for (const calls of sharing) {
          const fix = creationTimeoutFix(fixTargetOf(context), calls[0]!) ?? libraryCreationFix(fixTargetOf(context), calls[0]!);
          if (!fix) continue;
          const creation = creationShown(calls[0]!);
          context.report({
            node: creation,
            messageId: 'missingClientTimeout',
            data: {
              client: creationText(context.sourceCode, creation, calls[0]!.createdBy),
              remedy: `set \`${fix.options}\` where it is created (${calls.length} of its calls in this file have no bound: lines ${calls.map((call) => call.node.loc.start.line).join(', ')})`,
            },
            suggest: [{ messageId: 'fixInstanceTimeout', data: { options: fix.options }, fix: (fixer) => fix.edits().toFixes(fixer) }],
          });
          for (const call of calls) reportedAtCreation.add(call);
        }
        // two requests of a layer bounded by the same optional signal (a helper's init used for each redirect hop)
        // share the one default: reported at the first
        const defaultedSignals = new Set<TSESTree.Node>();
        for (const { call, verdict } of reported) {
          if (reportedAtCreation.has(call)) continue;
          if (verdict.optionalSignal && defaultedSignals.has(verdict.optionalSignal)) continue;
          if (verdict.optionalSignal) defaultedSignals.add(verdict.optionalSignal);
          report(call, verdict);
        }
        for (const { call, remedy } of handed) {
          const fix = creationTimeoutFix(fixTargetOf(context), call);
          if (reportedAtCreation.has(call) || !fix) continue;
          context.report({
            node: call.node,
            messageId: 'missingTimeout',
            data: { call: call.label, remedy },
            suggest: [{ messageId: 'fixInstanceTimeout', data: { options: fix.options }, fix: (fixer) => fix.edits().toFixes(fixer) }],
          });
        }
      },
    });
  },
});

/**
 * Unbounded calls of one client created in this file, when there are several: the bound belongs where the client is
 * created, so they are reported there once rather than at each call (a reviewer fixes one line, not five).
 */
function callsSharingACreation(program: TSESTree.Program, calls: readonly ExternalCall[]): ExternalCall[][] {
  const byCreation = new Map<TSESTree.Node, ExternalCall[]>();
  for (const call of calls) {
    // its options, or the creation itself when it is given none here (`new OAuth2Client(id, secret, redirect)`)
    const made = call.instanceOptions[0] ?? (call.createdBy && rootOf(call.createdBy) === program ? call.createdBy : undefined);
    if (!made || call.madeInSeveralPlaces || call.wrapped) continue;
    byCreation.set(made, [...(byCreation.get(made) ?? []), call]);
  }
  return [...byCreation.values()].filter((group) => group.length >= MIN_CALLS_REPORTED_AT_CREATION);
}

const MIN_CALLS_REPORTED_AT_CREATION = 2;

/**
 * The library's own client fix when it edits only the creation (`new OAuth2Client(id, secret, redirect)` written out
 * as options with `transporterOptions`): the one fix of every call of that client.
 */
function libraryCreationFix(target: FixTarget, call: ExternalCall): { options: string; edits: () => SourceEdits } | undefined {
  const creation = call.createdBy;
  const fix = creation && clientSpecificTimeout(target, call);
  return fix && fix.edits.liesWithin(creation.range) ? { options: fix.option, edits: () => fix.edits } : undefined;
}

/** The creation a finding points at: the call or `new` that makes the client, else its options. */
function creationShown(call: ExternalCall): TSESTree.Node {
  const options = call.instanceOptions[0];
  const creation = call.createdBy;
  if (!options) return creation!;
  return creation && creation.range[0] <= options.range[0] && options.range[1] <= creation.range[1] ? creation : options;
}

/**
 * `axios.create({ baseURL })` → `` `axios.create(...)` ``, for the message; shown at options written apart from it
 * (`const config = proxied({ baseURL }); axios.create(config)`), the creation is still named.
 */
function creationText(sourceCode: Readonly<TSESLint.SourceCode>, creation: TSESTree.Node, createdBy: TSESTree.Node | undefined): string {
  const named = creation.type === AST_NODE_TYPES.CallExpression || creation.type === AST_NODE_TYPES.NewExpression ? creation : createdBy;
  return named?.type === AST_NODE_TYPES.CallExpression || named?.type === AST_NODE_TYPES.NewExpression ? creationLabel(sourceCode, named) : 'This client';
}

/** `fetch(...)` or `globalThis.fetch(...)` with nothing of the file's named `fetch`: Node's own, on undici's global dispatcher. */
function isGlobalFetch(sourceCode: Readonly<TSESLint.SourceCode>, call: ExternalCall): boolean {
  if (call.client !== 'fetch' || call.node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = call.node.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    return callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'globalThis' && !callee.computed
      && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'fetch';
  }
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'fetch') return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
  return !variable || variable.defs.length === 0;
}
