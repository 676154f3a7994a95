import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const remedy = 'set `socketTimeout` (milliseconds) where the connection is made: node-imap bounds only the connection and the login, then waits on a silent server for ever';

// node-imap bounds the connection (`connTimeout`) and the login (`authTimeout`), then waits on a silent server for
// ever unless `socketTimeout` is set: a mailbox poll whose server stalls after login never ends. Its calls take
// callbacks and no signal, so the connection is judged where it is made.
ruleTester.run('require-timeout (node-imap)', requireTimeout, {
  valid: [
    `import Imap from 'imap';
export const inbox = new Imap({ user: 'desk', password: 'secret', host: 'imap.example.org', port: 993, tls: true, socketTimeout: 30_000 });`,
    // options handed in by the caller: its own choice
    `import Imap from 'imap';
export const open = (config: Imap.Config) => new Imap(config);`,
  ],
  invalid: [
    {
      filename: 'poll.js',
      code: `const Imap = require('imap');
function poll(account) {
  const imap = new Imap({ user: account.user, password: account.password, host: account.host, port: 993, tls: true });
  imap.once('ready', () => imap.openBox('INBOX', true, () => imap.end()));
  imap.connect();
}
module.exports = { poll };`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 3,
        data: { client: '`new Imap(...)`', remedy },
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `const Imap = require('imap');
function poll(account) {
  const imap = new Imap({ user: account.user, password: account.password, host: account.host, port: 993, tls: true, socketTimeout: 60_000 });
  imap.once('ready', () => imap.openBox('INBOX', true, () => imap.end()));
  imap.connect();
}
module.exports = { poll };` }],
      }],
    },
  ],
});

// options a static method of the service builds, its module writing no socketTimeout (met in the thirty-first round)
const service = `import Imap from 'imap';
interface MailboxSettings { user: string; password: string; host: string; port: number; tls: boolean }
export class MailboxPoller {
  private static settings(queue: { username: string; password: string; hostname: string }): MailboxSettings {
    return { user: queue.username, password: queue.password, host: queue.hostname, port: 993, tls: true };
  }
  static check(queue: { username: string; password: string; hostname: string }): Promise<void> {
    const settings = MailboxPoller.settings(queue);
    return new Promise((resolve, reject) => {
      const imap = new Imap(settings);
      imap.once('ready', () => imap.openBox('INBOX', false, (error) => { imap.end(); if (error) reject(error); else resolve(); }));
      imap.once('error', reject);
      imap.connect();
    });
  }
}
`;

// (a file on disk: the module building the options is read to see that it writes no socketTimeout)
const project = mkdtempSync(join(tmpdir(), 'resilint-imap-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));
mkdirSync(join(project, 'src'));
writeFileSync(join(project, 'package.json'), '{ "name": "helpdesk-api", "private": true, "dependencies": { "imap": "^0.8.19" } }');
writeFileSync(join(project, 'src/mailbox.ts'), service);

describe('the node-imap fix in TypeScript', () => {
  it('sets socketTimeout, and compiles against @types/imap, which does not declare it', () => {
    const [finding] = lint(service, join(project, 'src/mailbox.ts')).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding?.suggestions[0];
    expect(suggestion?.text).toBe('{ ...settings, socketTimeout: 60_000 } as ConstructorParameters<typeof Imap>[0]');
    const fixed = `${service.slice(0, suggestion!.range[0])}${suggestion!.text}${service.slice(suggestion!.range[1])}`;
    expect(typeErrors([fixed])).toEqual([[]]);
    // the literal written in place would not compile without the assertion
    expect(typeErrors([fixed.replace(' as ConstructorParameters<typeof Imap>[0]', '')])[0]).not.toEqual([]);
  });
});
