import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

// feedparser-promised reads a feed through request with no timeout unless its options carry one (met on a newsletter
// server's RSS campaigns, the thirty-seventh round): a feed host that stops answering holds the check for ever. Its
// one argument is a URL or request options; a URL becomes the `uri` of options that carry the timeout.
const server = fileURLToPath(new URL('../../../fixtures/workspaces/wiki-server/server/render/feeds.js', import.meta.url));
const missing = { messageId: 'missingTimeout' as const };

new RuleTester().run('require-timeout (feedparser-promised)', requireTimeout, {
  valid: [
    { filename: server, code: "const feedparser = require('feedparser-promised');\nexports.read = (uri) => feedparser.parse({ uri, timeout: 10_000 });" },
    // a caller's options: theirs to bound
    { filename: server, code: "const feedparser = require('feedparser-promised');\nexports.read = (options) => feedparser.parse(options);" },
  ],
  invalid: [
    {
      filename: server,
      code: "const feedparser = require('feedparser-promised');\nexports.read = async (url) => {\n  const options = { uri: url, headers: { 'user-agent': 'newsletter' } };\n  return feedparser.parse(options);\n};",
      errors: [{ ...missing, line: 4, suggestions: [{ messageId: 'fixNativeTimeout', output: "const feedparser = require('feedparser-promised');\nexports.read = async (url) => {\n  const options = { uri: url, headers: { 'user-agent': 'newsletter' } };\n  return feedparser.parse({ ...options, timeout: 5_000 });\n};" }] }],
    },
    {
      filename: server,
      code: "import { parse } from 'feedparser-promised';\nexport const latest = () => parse('https://blog.example.com/rss');",
      errors: [{ ...missing, line: 2, suggestions: [{ messageId: 'fixClientTimeout', output: "import { parse } from 'feedparser-promised';\nexport const latest = () => parse({ uri: 'https://blog.example.com/rss', timeout: 5_000 });" }] }],
    },
  ],
});
