import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
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
