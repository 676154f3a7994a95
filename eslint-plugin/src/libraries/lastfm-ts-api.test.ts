import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A scrobbling service: lastfm-ts-api bounds a request only with the `timeout` of the options each client is made
// with (its fourth argument, after the key, secret and session key), so the client is judged where it is made.
const scrobbler = (made: string) => `import { LastFMTrack } from 'lastfm-ts-api';
const tracks = ${made};
export async function scrobble(artist: string, track: string) {
  return tracks.scrobble({ artist, track, timestamp: Math.floor(Date.now() / 1000) });
}
`;
const credentials = 'process.env.LASTFM_KEY!, process.env.LASTFM_SECRET, process.env.LASTFM_SESSION';

ruleTester.run('require-timeout (lastfm-ts-api)', requireTimeout, {
  valid: [
    scrobbler(`new LastFMTrack(${credentials}, { timeout: 8_000 })`),
    scrobbler(`new LastFMTrack(${credentials}, lastfmConfig)`).replace('export async', 'declare const lastfmConfig: { timeout: number };\nexport async'),
  ],
  invalid: [
    {
      code: scrobbler(`new LastFMTrack(${credentials})`),
      errors: [{ messageId: 'missingClientTimeout', line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', output: scrobbler(`new LastFMTrack(${credentials}, { timeout: 10_000 })`) }] }],
    },
    {
      // options giving only the host and path
      code: scrobbler(`new LastFMTrack(${credentials}, { hostname: 'ws.audioscrobbler.com', path: '/2.0' })`),
      errors: [{
        messageId: 'missingClientTimeout',
        suggestions: [{ messageId: 'fixInstanceTimeout', output: scrobbler(`new LastFMTrack(${credentials}, { hostname: 'ws.audioscrobbler.com', path: '/2.0', timeout: 10_000 })`) }],
      }],
    },
    {
      // a read-only client made with the key alone: the secret and session key before the options are left undefined
      code: `import { LastFMUser } from 'lastfm-ts-api';
const users = new LastFMUser(process.env.LASTFM_KEY!);
export const recent = (user: string) => users.getRecentTracks({ user, limit: 10 });`,
      errors: [{ messageId: 'missingClientTimeout', line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { LastFMUser } from 'lastfm-ts-api';
const users = new LastFMUser(process.env.LASTFM_KEY!, undefined, undefined, { timeout: 10_000 });
export const recent = (user: string) => users.getRecentTracks({ user, limit: 10 });` }] }],
    },
  ],
});
