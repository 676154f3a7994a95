import { derive, instanceFrom, io, value, type LibraryModel } from './model.js';

/**
 * LangChain's Bedrock chat model (`@langchain/aws`): `new ChatBedrockConverse({ model })`, then `model.invoke(messages,
 * options)`, `stream`, `batch`, also on the model `bindTools(tools)` returns. It sends through a
 * `BedrockRuntimeClient` made with no request handler, so with no timeout (read in 1.3.8, `dist/chat_models.js:529`),
 * passing only the call's `signal` (`:648`); @langchain/core turns a `timeout` call option into that signal (1.1.47,
 * `dist/runnables/config.js:100`), and retries a failed call 6 times by default (`maxRetries`).
 */

const MODULE = '@langchain/aws';
const CLASSES = new Set(['ChatBedrockConverse']);
/** Calls that send the messages to the model and wait for its answer (or its stream). */
const CALLS = new Set(['invoke', 'stream', 'batch']);
/** Calls that return the model bound to more (tools): the same client. */
const BINDINGS = new Set(['bindTools']);

export const langchainAwsLibrary: LibraryModel = {
  kind: 'langchain-aws',
  title: 'LangChain Bedrock chat model (`@langchain/aws`)',
  modules: [MODULE],
  typeNames: [...CLASSES],
  takesUrl: false,
  dependencyName: 'bedrock',
  signal: '`signal` in the call options (second argument)',
  retries: '6 retries by default (`maxRetries`), with exponential backoff',
  retriesByDefault: true,
  backsOffUnlessSet: 'maxRetries',
  fromModule: (module, imported) => (module === MODULE && CLASSES.has(imported) ? value('langchain-aws', 'class', imported) : undefined),
  member(v, name) {
    if (v.role !== 'model') return undefined;
    if (CALLS.has(name)) return derive(v, 'call', name);
    return BINDINGS.has(name) ? derive(v, 'binding', name) : undefined;
  },
  call(v) {
    if (v.role === 'call') return io(`ChatBedrockConverse.${v.name}`, undefined, 1, 'signal');
    return v.role === 'binding' ? { result: derive(v, 'model', 'ChatBedrockConverse') } : undefined;
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'model', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'model', options: [] } : undefined),
  timeout: {
    levels: ['call'],
    callOptions: ['timeout'],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `{ timeout: ms }` in its call options (LangChain makes it the signal Bedrock is sent with); the model\'s Bedrock client is made with no timeout',
    defaultBound: 'none (its Bedrock client has no request handler timeout)',
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: milliseconds }),
    // A model writing a long answer takes a minute or more; 5 s would fail healthy calls.
    timeoutMs: () => '120_000',
  },
};
