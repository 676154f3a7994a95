import { forbidDisabledOption } from './creation-options.js';
import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * Stripe: `new Stripe(key, { timeout, maxNetworkRetries })`. Every request is bounded by default (80 s) and retried
 * with an idempotency key; only a creation that turns the timeout off is reported.
 */

const NON_CALLS = new Set(['on', 'once', 'off', 'webhooks', 'errors', 'constructor', 'setTimeout', 'getApiField', 'StripeResource']);

export const stripeLibrary: LibraryModel = {
  kind: 'stripe',
  title: 'Stripe',
  modules: ['stripe'],
  typeNames: ['Stripe'],
  takesUrl: false,
  dependencyName: 'stripe',
  signal: 'none (`timeout` in the request options)',
  retries: '1 retry by default (`maxNetworkRetries`), with an idempotency key',
  fromModule(module, imported) {
    if (module !== 'stripe') return undefined;
    return isWholeModule(imported) || imported === 'Stripe' ? value('stripe', 'class', 'Stripe') : undefined;
  },
  member(v, name) {
    if (v.role === 'client') return NON_CALLS.has(name) ? undefined : derive(v, 'resource', name);
    if (v.role === 'resource') return /^[a-z]/.test(name) ? derive(v, 'operation', `${v.name}.${name}`) : undefined;
    if (v.role === 'operation') return derive(v, 'operation', `${v.name}.${name}`);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'operation') return io(`stripe.${v.name}`, undefined, -1, undefined);
    // `require('stripe')(key, options)`
    return v.role === 'class' ? { result: instanceFrom(v, 'client', node, [node.arguments[1]]) } : undefined;
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[1]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['timeout'],
    chainMethods: [],
    remedy: 'keep Stripe\'s default `timeout` (80 s) instead of turning it off',
    defaultBound: '80 s',
    boundedByDefault: true,
    isChecked: () => false,
  },
  creation: {
    sites: [{ module: 'stripe', path: ['default'], how: 'new' }, { module: 'stripe', path: ['Stripe'], how: 'new' }],
    check: forbidDisabledOption(1, 'timeout', '80_000', 'keep a finite `timeout` (Stripe\'s default is 80 s)'),
  },
  fix: {},
};
