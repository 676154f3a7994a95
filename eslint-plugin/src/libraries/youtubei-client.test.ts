import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// youtubei (not youtubei.js): a thumbnail job reading a video's details. Each request is node-fetch 2 with the
// client's `fetchOptions`, `{}` unless given, so no timeout; node-fetch's own per-request `timeout` there bounds each.
const videoDetails = (options: string) => `import { Client } from 'youtubei';
const youtube = new Client(${options});
export async function videoDetails(id: string) {
  const video = await youtube.getVideo(id);
  return video ? { title: video.title, views: video.viewCount } : undefined;
}
`;

ruleTester.run('require-timeout (youtubei)', requireTimeout, {
  valid: [
    videoDetails('{ fetchOptions: { timeout: 15_000 } }'),
    // a signal handed in counts as a bound (the fix never writes one: made once, it would end every later call)
    videoDetails('{ fetchOptions: { signal: AbortSignal.timeout(15_000) } }'),
    videoDetails('{ fetchOptions }').replace('const youtube', 'declare const fetchOptions: { timeout: number };\nconst youtube'),
  ],
  invalid: [
    {
      code: videoDetails(''),
      errors: [{ messageId: 'missingClientTimeout', line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', output: videoDetails('{ fetchOptions: { timeout: 15_000 } }') }] }],
    },
    {
      // the timeout joins the fetch options already written
      code: videoDetails("{ youtubeClientOptions: { hl: 'de' }, fetchOptions: { headers: { 'accept-language': 'de' } } }"),
      errors: [{
        messageId: 'missingClientTimeout',
        suggestions: [{ messageId: 'fixInstanceTimeout', output: videoDetails("{ youtubeClientOptions: { hl: 'de' }, fetchOptions: { headers: { 'accept-language': 'de' }, timeout: 15_000 } }") }],
      }],
    },
    {
      code: `const { MusicClient } = require('youtubei');
const music = new MusicClient({ youtubeClientOptions: { gl: 'GB' } });
exports.songs = (query) => music.search(query, 'song');`,
      filename: 'music.js',
      errors: [{ messageId: 'missingClientTimeout', line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', output: `const { MusicClient } = require('youtubei');
const music = new MusicClient({ youtubeClientOptions: { gl: 'GB' }, fetchOptions: { timeout: 15_000 } });
exports.songs = (query) => music.search(query, 'song');` }] }],
    },
  ],
});
