import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { readOptions, unwrapExpression } from '../analysis/syntax.js';
import { creationLabel, creationOptions, optionsBound, setCreationOption, setNestedCreationOption } from './creation-options.js';
import { derive, instanceFrom, io, isWholeModule, streamIo, value, type CreationModel, type LibraryModel } from './model.js';

/**
 * node-telegram-bot-api 0.x: `new TelegramBot(token, { polling, request })`, then `bot.sendMessage(...)`. Every method
 * posts with the `request` library, merging the client's `request` options into each request; none has a timeout of
 * its own and no method takes a signal, so `request: { timeout }` where the bot is created is the one bound. A polling
 * bot's `getUpdates` is a long poll the server holds open for `polling.params.timeout` seconds (10 by default), so
 * the bound must outlast it.
 */

const MODULE = 'node-telegram-bot-api';
/** Members that are the bot's own state, its listeners and its polling or webhook loop, not a request. */
const NOT_REQUESTS = new Set([
  'constructor', 'token', 'options', 'on', 'once', 'off', 'emit', 'addListener', 'prependListener', 'prependOnceListener',
  'removeListener', 'removeAllListeners', 'listeners', 'rawListeners', 'eventNames', 'listenerCount', 'isPolling',
  'hasOpenWebHook', 'processUpdate', 'onText', 'removeTextListener', 'clearTextListeners', 'onReplyToMessage',
  'removeReplyListener', 'clearReplyListeners', 'startPolling', 'stopPolling', 'openWebHook', 'closeWebHook',
]);
const REMEDY = 'set `request: { timeout }` where the TelegramBot is created (its requests have none, and its methods take no signal)';
/** Seconds Telegram holds a long poll open when the bot does not say (`polling.params.timeout`). */
const DEFAULT_LONG_POLL_S = 10;
/** Seconds the bound leaves above the long poll, so an idle poll is not cut as a failure. */
const ABOVE_LONG_POLL_S = 20;

/** A number written as a literal for `key`, if any. */
function numberOption(facts: ReturnType<typeof readOptions> | undefined, key: string): number | undefined {
  const given = facts && facts !== 'unknown' ? facts.get(key) : undefined;
  const literal = given && unwrapExpression(given);
  return literal?.type === AST_NODE_TYPES.Literal && typeof literal.value === 'number' ? literal.value : undefined;
}

/** `polling: { params: { timeout: 30 } }` (or the older `polling: { timeout: 30 }`): the long poll's seconds, as written. */
function longPollSeconds(polling: TSESTree.Node | undefined): number {
  const object = polling && unwrapExpression(polling);
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return DEFAULT_LONG_POLL_S;
  const facts = readOptions(object);
  const params = facts === 'unknown' ? undefined : facts.get('params');
  const inner = params && unwrapExpression(params);
  const fromParams = inner?.type === AST_NODE_TYPES.ObjectExpression ? numberOption(readOptions(inner), 'timeout') : undefined;
  return Math.max(fromParams ?? numberOption(facts, 'timeout') ?? DEFAULT_LONG_POLL_S, DEFAULT_LONG_POLL_S);
}

const creation: CreationModel = {
  sites: [{ module: MODULE, path: ['default'], how: 'new' }],
  check(node, sourceCode) {
    const options = creationOptions(sourceCode, node, 1);
    if (options === 'unknown') return undefined;
    const facts = options === 'absent' ? undefined : readOptions(options);
    if (facts === 'unknown') return undefined;
    if (options !== 'absent' && optionsBound(options, ['request.timeout']) !== 'unbounded') return undefined;
    const bound = `${longPollSeconds(facts?.get('polling')) + ABOVE_LONG_POLL_S}_000`;
    return {
      label: creationLabel(sourceCode, node),
      remedy: REMEDY,
      fix(target) {
        // @types/node-telegram-bot-api types `request` as the request library's options, whose `url` is required
        // (the bot sets it on each request): TypeScript takes `{ timeout }` alone only as that type
        const callee = node.callee;
        const typed = /\.[cm]?tsx?$/.test(target.filename ?? '') && callee.type === AST_NODE_TYPES.Identifier && !facts?.has('request');
        return typed
          ? setCreationOption(target, node, 1, 'request', `{ timeout: ${bound} } as ${callee.name}.ConstructorOptions['request']`)
          : setNestedCreationOption(target, node, 1, facts, ['request', 'timeout'], bound);
      },
    };
  },
};

export const telegramBotLibrary: LibraryModel = {
  kind: 'node-telegram-bot-api',
  title: '`node-telegram-bot-api`',
  modules: [MODULE],
  typeNames: ['TelegramBot'],
  takesUrl: false,
  dependencyName: 'telegram',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && isWholeModule(imported) ? value('node-telegram-bot-api', 'class', 'TelegramBot') : undefined),
  member: (v, name) => (v.role === 'client' && !NOT_REQUESTS.has(name) ? derive(v, 'method', name) : undefined),
  // `getFileStream` answers with a stream that fails by an 'error' event
  call: (v) => (v.role !== 'method' ? undefined : (v.name === 'getFileStream' ? streamIo : io)(`TelegramBot.${v.name}`, undefined, -1, undefined)),
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[1]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['request'],
    chainMethods: [],
    remedy: REMEDY,
    defaultBound: 'none',
    // judged where the bot is created, which bounds every request at once
    isChecked: () => false,
  },
  creation,
  fix: {},
};
