import { isRelativePath, methodFromOptions } from '../analysis/syntax.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { derive, instanceFrom, io, value, type ClientValue, type LibraryModel } from './model.js';

/**
 * ofetch (unjs; Nuxt's and Nitro's `$fetch`): `ofetch(url, options)`, `ofetch.raw(url, options)`, instances from
 * `ofetch.create(defaults)`. No timeout unless `timeout` (ms) or `signal` is given on the call or the instance; it
 * retries requests without a body once by default, with no delay.
 */

const MODULES = ['ofetch', 'ohmyfetch'];
/** What `import { ... } from 'ofetch'` names for the fetch itself. */
const ROOT_EXPORTS = new Set(['ofetch', '$fetch']);

/** The `$fetch` Nuxt and Nitro declare globally (auto-imported, never written in an import). */
export const GLOBAL_OFETCH: ClientValue = value('ofetch', 'root', '$fetch');

/**
 * `$fetch('/api/items')` from the global: on a Nitro server a path of the app is served in-process, not over the
 * network; in a page it goes to the page's own origin. Neither is another service.
 */
function isAppRoute(call: ExternalCall): boolean {
  const target = call.node.arguments[0];
  return target !== undefined && isRelativePath(target);
}

export const ofetchLibrary: LibraryModel = {
  kind: 'ofetch',
  title: 'ofetch (and Nuxt\'s and Nitro\'s global `$fetch`)',
  modules: MODULES,
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the options',
  retries: 'once by default for requests without a body (GET, HEAD...) on 408, 409, 425, 429 and 5xx answers, with no delay (`retry`, `retryDelay`)',
  retriesByDefault: true,
  fromModule(module, imported) {
    if (!MODULES.includes(module)) return undefined;
    return ROOT_EXPORTS.has(imported) ? value('ofetch', 'root', imported) : undefined;
  },
  member(v, name) {
    if (v.role !== 'root' && v.role !== 'instance') return undefined;
    if (name === 'raw') return derive(v, 'raw', `${v.name}.raw`);
    return name === 'create' ? derive(v, 'factory', `${v.name}.create`) : undefined;
  },
  call(v, node) {
    switch (v.role) {
      case 'root':
      case 'instance':
      case 'raw':
        return io(v.name, methodFromOptions(node.arguments[1]), 1, 'signal');
      case 'factory':
        return { result: instanceFrom(v, 'instance', node, node.arguments.slice(0, 1), v.name.replace(/\.create$/, '')) };
      default:
        return undefined;
    }
  },
  construct: () => undefined,
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['timeout', 'signal'],
    chainMethods: [],
    remedy: 'set `timeout` (ms) on the call or in `ofetch.create(...)`, or pass `signal`',
    defaultBound: 'none',
    isChecked: (call) => !(call.label === '$fetch' && isAppRoute(call)),
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: milliseconds }),
    instanceTimeout: () => [['timeout', '5_000']],
  },
};
