import { takesNoBound, value, type LibraryModel } from './model.js';

/**
 * @lemonsqueezy/lemonsqueezy.js: `lemonSqueezySetup({ apiKey, onError })` once, then module functions
 * (`getSubscription(id)`, `listOrders(params)`, `createCheckout(storeId, variantId, options)`) that each send one
 * request through the global fetch. Neither the setup nor a call takes a timeout or a signal (the types and code of
 * 2.2 and 4.0): only waiting for a call can be bounded. Since 2.0, the first with these functions, every failure, a
 * lost connection included, resolves as `{ error }`.
 */

const MODULE = '@lemonsqueezy/lemonsqueezy.js';
const OPERATION = /^(get|list|create|update|delete|archive|cancel|generate|issue|activate|validate|deactivate)[A-Z]/;
const METHODS: Record<string, string> = { get: 'GET', list: 'GET', update: 'PATCH', delete: 'DELETE', cancel: 'DELETE' };

export const lemonSqueezyLibrary: LibraryModel = {
  kind: 'lemonsqueezy',
  title: 'Lemon Squeezy (`@lemonsqueezy/lemonsqueezy.js`)',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'lemonsqueezy',
  signal: 'none',
  retries: 'never',
  resolvesWithErrorSince: { major: 2, minor: 0 },
  fromModule: (module, imported) => (module === MODULE && OPERATION.test(imported) ? value('lemonsqueezy', 'operation', imported) : undefined),
  member: () => undefined,
  call(v) {
    if (v.role !== 'operation') return undefined;
    const verb = OPERATION.exec(v.name)?.[1] ?? '';
    return { io: { label: v.name, httpMethod: METHODS[verb] ?? 'POST', optionsIndex: -1, signalOption: undefined } };
  },
  construct: () => undefined,
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: Lemon Squeezy's functions send over fetch with no timeout, and neither `lemonSqueezySetup` nor a call takes one or a signal"),
  fix: {},
};
