import { AST_NODE_TYPES } from '../ast-node-types.js';
import { moduleConstInit, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { io, value, type LibraryModel, type OptionFacts } from './model.js';

/**
 * The Vercel AI SDK (`ai`): `generateText({ model, prompt, abortSignal })`. A call sets no timeout of its own (from
 * AI SDK 6 on `generateText`, `streamText`, `generateObject` and `streamObject` also take `timeout`); the provider
 * sends with the global fetch unless it was made with a `fetch` of its own (`createAnthropic({ fetch })`). It
 * retries twice by default (`maxRetries`), with exponential backoff, on rate limits, server errors and lost
 * connections. `streamText` and `streamObject` return at once and hand their failures to `onError`, not to a
 * rejection: they are judged for their bound only.
 */

const MODULE = 'ai';
/** Exports that make one request (or a few) to a model and return a promise of its answer. */
const CALLS = new Set([
  'generateText', 'generateObject', 'embed', 'embedMany', 'generateImage', 'experimental_generateImage', 'generateSpeech',
  'experimental_generateSpeech', 'transcribe', 'experimental_transcribe', 'rerank', 'experimental_generateVideo',
]);

/**
 * Exports that start a request and return at once a result whose answer streams in: a failure goes to `onError` and
 * the stream, never to a rejection, but the stream waits on the model as long as the model's provider does.
 */
const STREAMING_CALLS = new Set(['streamText', 'streamObject']);

/** Calls that return in seconds (a vector, a ranking); the others wait for a model to write, draw or speak. */
const QUICK_CALLS = new Set(['embed', 'embedMany', 'rerank']);

/**
 * `model: anthropic('claude-x')` where `const anthropic = createAnthropic({ fetch: timedFetch })` in this module: the
 * provider's own fetch may bound every request ('bounded'); a provider made here without one leaves the call to its
 * own options (undefined). A model from elsewhere (a parameter, an import, a gateway id) is read as using the global
 * fetch, as almost every provider does.
 */
function providerBound(facts: OptionFacts): 'bounded' | undefined {
  const model = facts.get('model');
  let root = model && unwrapExpression(model);
  if (root?.type === AST_NODE_TYPES.CallExpression) root = root.callee;
  while (root?.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (root?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const creation = moduleConstInit(root, root.name);
  if (creation?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const options = creation.arguments[0] && unwrapExpression(creation.arguments[0]);
  if (!options) return undefined;
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return 'bounded'; // options not readable here
  const read = readOptions(options);
  return read === 'unknown' || read.has('fetch') ? 'bounded' : undefined;
}

export const aiSdkLibrary: LibraryModel = {
  kind: 'ai-sdk',
  title: 'Vercel AI SDK (`ai`)',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'model',
  signal: '`abortSignal` in the options',
  retries: '2 retries by default (`maxRetries`), with exponential backoff',
  retriesByDefault: true,
  backsOffUnlessSet: 'maxRetries',
  fromModule: (module, imported) => (module === MODULE && (CALLS.has(imported) || STREAMING_CALLS.has(imported)) ? value('ai-sdk', 'function', imported) : undefined),
  member: () => undefined,
  call: (v) => (v.role !== 'function' ? undefined
    : STREAMING_CALLS.has(v.name) ? { io: { ...io(v.name, undefined, 0, 'abortSignal').io!, streamsResult: true } } : io(v.name, undefined, 0, 'abortSignal')),
  construct: () => undefined,
  timeout: {
    levels: ['call'],
    callOptions: ['timeout'],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `abortSignal: AbortSignal.timeout(ms)` in its options (or, from AI SDK 6, `timeout` where the call takes one)',
    defaultBound: 'none',
    readCallOptions: providerBound,
  },
  fix: {
    optionsIndex: () => 0,
    nativeTimeout: (_call, milliseconds) => ({ key: 'abortSignal', value: `AbortSignal.timeout(${milliseconds})` }),
    // A long answer from a model takes a minute or more; 5 s would fail healthy calls.
    timeoutMs: (call) => (QUICK_CALLS.has(call.label) ? '30_000' : '120_000'),
  },
};
