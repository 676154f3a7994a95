import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A scrobbler watching what a Kodi box plays: kodi-api sends each JSON-RPC method through jayson, whose HTTP client
// aborts a request only after the `timeout` of the client options it is made with, so the client is judged there.
const watcher = (made: string) => `import { KodiClient } from 'kodi-api';
const kodi = ${made};
export async function nowPlaying() {
  const [player] = await kodi.Player.GetActivePlayers();
  return player ? kodi.Player.GetItem({ playerid: player.playerid, properties: ['title', 'artist'] }) : undefined;
}
`;
const box = "host: process.env.KODI_HOST, port: 8080, path: '/jsonrpc'";

ruleTester.run('require-timeout (kodi-api)', requireTimeout, {
  valid: [
    watcher(`new KodiClient({ clientType: 'http', clientOptions: { ${box}, timeout: 8_000 } })`),
    // options kept elsewhere may carry the timeout
    watcher("new KodiClient({ clientType: 'http', clientOptions: kodiOptions })").replace('export async', 'declare const kodiOptions: { host: string; timeout: number };\nexport async'),
    // the WebSocket client answers within its library's own response timeout
    watcher("new KodiClient({ clientType: 'ws', clientOptions: { host: process.env.KODI_HOST } })"),
    // jayson's TCP client ends no silent socket whatever it is given: nothing to set where it is made, so no finding
    // there (a finding with no fix would be one nobody can act on)
    watcher("new KodiClient({ clientType: 'tcp', clientOptions: { host: process.env.KODI_HOST, port: 9090 } })"),
    // a transport chosen at run time among all three: it may be the TCP one
    watcher("new KodiClient({ clientType: process.env.KODI_TRANSPORT as 'http' | 'ws' | 'tcp', clientOptions: { host: process.env.KODI_HOST } })"),
  ],
  invalid: [
    {
      code: watcher(`new KodiClient({ clientType: 'http', clientOptions: { ${box} } })`),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 2,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: watcher(`new KodiClient({ clientType: 'http', clientOptions: { ${box}, timeout: 10_000 } })`) }],
      }],
    },
    {
      // no client options at all: they are added beside the transport
      code: watcher("new KodiClient({ clientType: 'https' })"),
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ messageId: 'fixInstanceTimeout', output: watcher("new KodiClient({ clientType: 'https', clientOptions: { timeout: 10_000 } })") }] }],
    },
    {
      // the shorthand takes no options: it becomes the `new` it stands for, with a timeout
      code: watcher('KodiClient.http()'),
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ messageId: 'fixInstanceTimeout', output: watcher("new KodiClient({ clientType: 'http', clientOptions: { timeout: 10_000 } })") }] }],
    },
    {
      // the HTTP transport the configured URL's scheme names (asserted to be one of the two), or chosen between them
      code: watcher("new KodiClient({ clientType: url.protocol.replace(':', '') as 'http' | 'https', clientOptions: { host: url.hostname } })")
        .replace('const kodi', 'const url = new URL(process.env.KODI_URL!);\nconst kodi'),
      errors: [{
        messageId: 'missingClientTimeout',
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: watcher("new KodiClient({ clientType: url.protocol.replace(':', '') as 'http' | 'https', clientOptions: { host: url.hostname, timeout: 10_000 } })")
            .replace('const kodi', 'const url = new URL(process.env.KODI_URL!);\nconst kodi'),
        }],
      }],
    },
    {
      code: watcher("new KodiClient({ clientType: process.env.KODI_TLS ? 'https' : 'http' })"),
      errors: [{ messageId: 'missingClientTimeout', suggestions: 1 }],
    },
  ],
});
