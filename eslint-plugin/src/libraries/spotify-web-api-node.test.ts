import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';
import { waitedInPlace } from '../fixes/stop-waiting.cases.js';

const ruleTester = new RuleTester();

// A "now playing" widget's back end: spotify-web-api-node sends each call over superagent with no timeout, and
// neither the client nor a call takes one, so only waiting for the call can be bounded.
const RUNTIME = `\nimport { timeout } from '@resilint/runtime';`;
const nowPlaying = (call: string, imports = '') => `import SpotifyWebApi from 'spotify-web-api-node';${imports}
const spotify = new SpotifyWebApi({ clientId: process.env.SPOTIFY_ID, clientSecret: process.env.SPOTIFY_SECRET });
export async function nowPlaying(accessToken: string) {
  spotify.setAccessToken(accessToken);
  const playing = await ${call};
  return playing.body.item?.name ?? null;
}
`;
const current = 'spotify.getMyCurrentPlayingTrack()';

ruleTester.run('require-timeout (spotify-web-api-node)', requireTimeout, {
  valid: [
    nowPlaying(`timeout(8_000).execute(() => ${current})`, RUNTIME),
    // setting credentials and building the authorize URL send nothing
    `import SpotifyWebApi from 'spotify-web-api-node';
     const spotify = new SpotifyWebApi({ redirectUri: 'https://app.example/callback' });
     export const loginUrl = (state: string) => spotify.createAuthorizeURL(['user-read-currently-playing'], state);
     export const forget = () => { spotify.resetAccessToken(); return spotify.getCredentials(); };`,
  ],
  invalid: [
    {
      code: nowPlaying(current),
      errors: [{
        messageId: 'missingTimeout',
        line: 5,
        data: {
          call: 'SpotifyWebApi.getMyCurrentPlayingTrack',
          remedy: "stop waiting for it with the runtime's `timeout(ms)`: spotify-web-api-node sends over superagent with no timeout, and neither its client nor its calls take one or a signal",
        },
        suggestions: [
          { messageId: 'fixStopWaiting', output: nowPlaying(`timeout(5_000).execute(() => ${current})`, RUNTIME) },
          { messageId: 'fixStopWaitingInPlace', output: waitedInPlace(nowPlaying(current), current) },
        ],
      }],
    },
    {
      // the token refresh is a request too, and a client typed as a parameter is the library's
      code: `import type SpotifyWebApi from 'spotify-web-api-node';
export async function refresh(spotify: SpotifyWebApi) {
  const granted = await spotify.refreshAccessToken();
  spotify.setAccessToken(granted.body.access_token);
}`,
      errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 2 }],
    },
  ],
});
