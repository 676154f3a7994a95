import { fetchCall } from './fetch.js';
import { derive, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * partysocket: `PartySocket.fetch({ host, room, party }, init)` sends an HTTP request to a PartyKit room with the
 * global fetch (or the `fetch` given in its options); `init` is handed to it as is, so its `signal` is the only
 * bound. The socket itself (`new PartySocket(...)`) reconnects by itself and is not a request.
 */

export const partysocketLibrary: LibraryModel = {
  kind: 'partysocket',
  title: 'PartySocket (`partysocket`)',
  modules: ['partysocket'],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'partykit',
  signal: '`signal` in the init object (second argument)',
  retries: 'never (the socket reconnects; `fetch` does not retry)',
  fromModule: (module, imported) => (module === 'partysocket' && (isWholeModule(imported) || imported === 'PartySocket') ? value('partysocket', 'class', 'PartySocket') : undefined),
  member: (v, name) => (v.role === 'class' && name === 'fetch' ? derive(v, 'fetch', 'PartySocket.fetch') : undefined),
  call: (v, node) => (v.role === 'fetch' ? fetchCall('PartySocket.fetch', node) : undefined),
  construct: () => undefined,
  timeout: {
    levels: ['call'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `signal: AbortSignal.timeout(ms)` in its init (the second argument)',
    defaultBound: 'none (Node: 300 s for headers)',
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'signal', value: `AbortSignal.timeout(${milliseconds})` }),
  },
};
