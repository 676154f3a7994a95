import { derive, io, isFunctionNode, packageExports, takesNoBound, type LibraryModel } from './model.js';

/**
 * mixpanel (Mixpanel's Node library): `const mixpanel = Mixpanel.init(token, config)`, then
 * `mixpanel.track(event, properties, callback?)`, `track_batch`, `import`, `import_batch`, `alias`,
 * `mixpanel.people.set(...)`, `mixpanel.groups.set(...)`, each taking an optional Node-style callback last and
 * returning nothing. Read in 0.18.1 (`lib/mixpanel-node.js`, `people.js`, `groups.js`): every call is one
 * `http(s).request` through a keep-alive agent the client makes for itself (or a proxy agent from `HTTPS_PROXY`), with
 * no timeout and no 'timeout' listener; the config (`host`, `protocol`, `keepAlive`, `geolocate`, ...) takes none and
 * a call takes no signal. Only waiting for its callback can be bounded, so only a call given one, which someone waits
 * for, is judged; one sent and forgotten makes nobody wait.
 */

const MODULE = 'mixpanel';
const EXPORTS = packageExports('mixpanel', [MODULE], { init: 'factory' });
const CALLS: Readonly<Record<string, string>> = { track: 'POST', track_batch: 'POST', import: 'POST', import_batch: 'POST', alias: 'POST' };
const PROFILES: Readonly<Record<string, readonly string[]>> = {
  people: ['set', 'set_once', 'increment', 'append', 'track_charge', 'clear_charges', 'delete_user', 'remove', 'union', 'unset'],
  groups: ['set', 'set_once', 'delete_group', 'remove', 'union', 'unset'],
};

export const mixpanelLibrary: LibraryModel = {
  kind: 'mixpanel',
  title: 'Mixpanel (`mixpanel`)',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'mixpanel',
  signal: 'none',
  retries: 'never',
  fromModule: EXPORTS.fromModule,
  member(v, name) {
    if (v.role === 'module') return EXPORTS.member(v, name);
    if (v.role === 'client') {
      if (Object.hasOwn(PROFILES, name)) return derive(v, 'profiles', name);
      return Object.hasOwn(CALLS, name) ? derive(v, 'operation', name) : undefined;
    }
    return v.role === 'profiles' && PROFILES[v.name]!.includes(name) ? derive(v, 'operation', `${v.name}.${name}`) : undefined;
  },
  call(v, node) {
    if (v.role === 'factory') return { result: { ...v, role: 'client', name: 'mixpanel', options: [], origin: node } };
    if (v.role !== 'operation') return undefined;
    // sent and forgotten (no callback): nothing waits for it
    if (!isFunctionNode(node.arguments.at(-1))) return undefined;
    return io(`mixpanel.${v.name}`, 'POST', -1, undefined);
  },
  construct: () => undefined,
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: mixpanel sends with `http(s).request` and no timeout, and neither its client nor its calls take one or a signal"),
  fix: {},
};
