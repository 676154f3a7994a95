import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';
import requireTimeout from '../rules/require-timeout.js';

// A socket opened with its maker's options spread whole into the creation options (`{ rejectUnauthorized: true,
// ...options }`, or `...this.options` kept by the constructor): the maker in view says whether there is a bound. One
// that gives none leaves the handshake unbounded, and the default goes before the spread, where a maker can still
// override it.
const ruleTester = new RuleTester();
const filename = join(process.cwd(), 'src/media-socket.js');
const missing = { messageId: 'missingOpeningTimeout' as const };

const socketClass = (makerOptions: string) => `const WebSocket = require('ws');
class MediaSocket {
  constructor(url, options) {
    this.url = url;
    this.options = options || {};
  }
  open() {
    return new Promise((resolve, reject) => {
      this.socket = new WebSocket(this.url, { rejectUnauthorized: true, ...this.options });
      this.socket.on('open', resolve);
      this.socket.on('error', reject);
    });
  }
}
async function watchSessions(url, key) {
  const socket = new MediaSocket(url, ${makerOptions});
  await socket.open();
  return socket;
}
module.exports = { watchSessions };
`;

ruleTester.run('require-timeout: creation options spread from the maker', requireTimeout, {
  valid: [
    { filename, code: socketClass("{ headers: { authorization: key }, handshakeTimeout: 5_000 }") },
    // no maker in view: a library's class, its users say
    {
      filename,
      code: `const WebSocket = require('ws');
module.exports = function connect(url, options) {
  return new WebSocket(url, { perMessageDeflate: false, ...options });
};
`,
    },
  ],
  invalid: [
    {
      filename,
      code: socketClass("{ headers: { authorization: key } }"),
      errors: [{
        ...missing,
        line: 9,
        suggestions: [{ messageId: 'fixOpeningTimeout', output: socketClass("{ headers: { authorization: key } }").replace('{ rejectUnauthorized: true,', '{ handshakeTimeout: 30_000, rejectUnauthorized: true,') }],
      }],
    },
    {
      filename,
      code: `const WebSocket = require('ws');
function open(url, options) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { rejectUnauthorized: true, ...options });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}
module.exports = { feed: (url, token) => open(url, { headers: { authorization: token } }) };
`,
      errors: [{ ...missing, line: 4, suggestions: 1 }],
    },
  ],
});

// The same class exported by CommonJS (`module.exports = MediaSocket`) and made in another module from a `const` of
// options (met in the thirtieth round on a media-statistics server's session socket).
describe('require-timeout: a socket class made in another module', () => {
  const root = mkdtempSync(join(tmpdir(), 'resilint-socket-maker-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string): string => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  write('package.json', JSON.stringify({ name: 'media-stats', private: true, dependencies: { ws: '^8', express: '^4' } }));
  const socket = write('classes/media-socket.js', `${socketClass('{}').split('async function watchSessions')[0]}module.exports = MediaSocket;
`);
  const lint = (makerOptions: string): number[] => {
    write('classes/sessions.js', `const MediaSocket = require('./media-socket.js');
function watch(url, key) {
  const options = ${makerOptions};
  return new MediaSocket(url, options).open();
}
module.exports = { watch };
`);
    const config = [...(plugin.configs.recommended as unknown as Linter.Config[]), { rules: { 'resilint/require-timeout': 'error' } }];
    return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(socket, 'utf8'), config, { filename: socket })
      .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal).map((message) => message.line);
  };

  it('is reported where the socket is made when the maker gives no handshake timeout', () => {
    expect(lint('{ headers: { authorization: key } }')).toEqual([9]);
  });

  it('is not when the maker gives one', () => {
    expect(lint('{ headers: { authorization: key }, handshakeTimeout: 5_000 }')).toEqual([]);
  });
});
