import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const remedy = 'set `request: { timeout }` where the TelegramBot is created (its requests have none, and its methods take no signal)';

// A support bot that answers in chat: each of its methods posts to Telegram with the `request` library and the bot's
// `request` options, none with a timeout, and no method takes a signal. Where the bot is made is the one place to bound it.
const supportBot = (options: string) => `const TelegramBot = require('node-telegram-bot-api');
async function reply(token, chatId, text) {
  const bot = new TelegramBot(token${options});
  await bot.sendMessage(chatId, text);
}
module.exports = { reply };
`;

ruleTester.run('require-timeout (node-telegram-bot-api)', requireTimeout, {
  valid: [
    { code: supportBot(', { polling: false, request: { timeout: 15_000 } }'), filename: 'bot.js' },
    // options built elsewhere may set it
    { code: supportBot(', botOptions').replace('async function', 'const botOptions = require("./options");\nasync function'), filename: 'bot.js' },
  ],
  invalid: [
    {
      code: supportBot(', { polling: false }'),
      filename: 'bot.js',
      errors: [{
        messageId: 'missingClientTimeout', line: 3, data: { client: '`new TelegramBot(...)`', remedy },
        suggestions: [{ messageId: 'fixInstanceTimeout', output: supportBot(', { polling: false, request: { timeout: 30_000 } }') }],
      }],
    },
    {
      // a polling bot's long poll is held open for a minute: the bound outlasts it
      code: supportBot(', { polling: { params: { timeout: 60 } } }'),
      filename: 'bot.js',
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ messageId: 'fixInstanceTimeout', output: supportBot(', { polling: { params: { timeout: 60 } }, request: { timeout: 80_000 } }') }] }],
    },
    {
      code: supportBot(''),
      filename: 'bot.js',
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ messageId: 'fixInstanceTimeout', output: supportBot(', { request: { timeout: 30_000 } }') }] }],
    },
  ],
});

describe('the TelegramBot fix', () => {
  it('compiles against @types/node-telegram-bot-api, whose request options otherwise demand a url', { timeout: 60_000 }, () => {
    const source = `import TelegramBot from 'node-telegram-bot-api';
export async function alert(token: string, chatId: number, text: string) {
  const bot = new TelegramBot(token, { polling: false });
  await bot.sendMessage(chatId, text);
}
`;
    const [finding] = lint(source, 'alert.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(fixed).toContain("new TelegramBot(token, { polling: false, request: { timeout: 30_000 } as TelegramBot.ConstructorOptions['request'] })");
    const [before, after, misspelt] = typeErrors([source, fixed, fixed.replace('{ timeout: 30_000 }', '{ timeOut: 30_000 }')]);
    expect(before).toEqual([]);
    expect(after).toEqual([]);
    expect(misspelt).not.toEqual([]);
  });
});
