import { derive, instanceFrom, io, takesNoBound, value, type LibraryModel } from './model.js';

/**
 * expo-server-sdk (push notifications to Expo apps): `new Expo({ accessToken })`, then
 * `sendPushNotificationsAsync(messages)` and `getPushNotificationReceiptsAsync(ids)`, each one request per chunk to
 * Expo's push service with no timeout and no signal (3.15 sends with node-fetch, 4 and later with the global fetch;
 * `httpAgent` is an agent or a dispatcher, not a bound the calls take): only waiting for them can be bounded.
 */

const MODULE = 'expo-server-sdk';
/** The client's methods that send requests (chunking and token checks are local). */
const SENDS: Readonly<Record<string, string>> = { sendPushNotificationsAsync: 'POST', getPushNotificationReceiptsAsync: 'POST' };

export const expoServerSdkLibrary: LibraryModel = {
  kind: 'expo-server-sdk',
  title: 'Expo push notifications (`expo-server-sdk`)',
  modules: [MODULE],
  typeNames: ['Expo'],
  takesUrl: false,
  dependencyName: 'expo-push',
  signal: 'none',
  retries: '429 answers only, twice, with growing waits (`retryMinTimeout`)',
  fromModule: (module, imported) => (module === MODULE && (imported === 'Expo' || imported === 'default') ? value(MODULE, 'class', 'Expo') : undefined),
  member: (v, name) => (v.role === 'client' && Object.hasOwn(SENDS, name) ? derive(v, 'operation', name) : undefined),
  call: (v) => (v.role === 'operation' ? io(`Expo.${v.name}`, SENDS[v.name], -1, undefined) : undefined),
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [] } : undefined),
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: the Expo client sends with no timeout, and neither its constructor nor its calls take one or a signal"),
  fix: {},
};
