import { io, isFunctionNode, isWholeModule, takesNoBound, value, type LibraryModel } from './model.js';

/**
 * spotify-web-api-node 5: `new SpotifyWebApi({ clientId, clientSecret, redirectUri, accessToken })`, then
 * `api.getMyCurrentPlayingTrack()`, `api.search(q, types)`, `api.clientCredentialsGrant()`. Read in 5.0.2
 * (`src/http-manager.js`, `src/base-request.js`, `src/spotify-web-api.js`): every request is a bare superagent
 * `get`/`post`/`put`/`del(uri).end(...)`, with no `.timeout()`, and neither the constructor's credentials nor a
 * call's options reach it; there is no agent or signal to hand in either. Only waiting for a call can be bounded.
 */

const MODULE = 'spotify-web-api-node';
const CLASS = 'SpotifyWebApi';
/** Credential accessors and the authorize-URL builder: no request. */
const LOCAL = /^(get|set|reset)(Credentials|ClientId|ClientSecret|AccessToken|RefreshToken|RedirectURI)$|^createAuthorizeURL$|^_/;
/** The verb each operation sends, by its name; GET otherwise (`get*`, `search*`, `contains*`, `isFollowing*`). */
const VERBS: readonly (readonly [RegExp, string])[] = [
  [/^(remove|unfollow)/, 'DELETE'],
  [/^(create|addTracksToPlaylist$|addToQueue$|skipTo|clientCredentialsGrant$|authorizationCodeGrant$|refreshAccessToken$)/, 'POST'],
  [/^(add|follow|play$|pause$|seek$|set|transfer|replace|reorder|change|upload)/, 'PUT'],
];

export const spotifyWebApiLibrary: LibraryModel = {
  kind: 'spotify-web-api-node',
  title: 'Spotify Web API (`spotify-web-api-node`)',
  modules: [MODULE],
  typeNames: [CLASS],
  takesUrl: false,
  dependencyName: 'spotify',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && isWholeModule(imported) ? value('spotify-web-api-node', 'class', CLASS) : undefined),
  member: (v, name) => (v.role === 'client' && !LOCAL.test(name) && /^[a-z]/.test(name) ? { ...v, role: 'operation', name } : undefined),
  call(v, node) {
    if (v.role !== 'operation') return undefined;
    // with a callback last the call returns nothing to wrap: the callback style is left alone
    if (isFunctionNode(node.arguments.at(-1))) return undefined;
    const method = VERBS.find(([verb]) => verb.test(v.name))?.[1] ?? 'GET';
    return io(`${CLASS}.${v.name}`, method, -1, undefined);
  },
  construct: (v, node) => (v.role === 'class' ? { ...v, role: 'client', options: [], origin: node } : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [] } : undefined),
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: spotify-web-api-node sends over superagent with no timeout, and neither its client nor its calls take one or a signal"),
  fix: {},
};
