import { derive, io, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * Playwright's `browserType.connect(wsEndpoint, { timeout })` (`chromium.connect(...)`) waits forever by default
 * (`timeout: 0`) for a remote browser that accepts the socket and stalls; `connectOverCDP` and `launch` wait 30 s.
 */

const MODULES = ['playwright', 'playwright-core'];
const BROWSER_TYPES = new Set(['chromium', 'firefox', 'webkit']);

export const playwrightLibrary: LibraryModel = {
  kind: 'playwright',
  title: 'Playwright (`playwright`, `playwright-core`)',
  modules: MODULES,
  typeNames: ['BrowserType'],
  takesUrl: true,
  dependencyName: 'browser',
  signal: 'none (`timeout` in the options)',
  retries: 'never',
  fromModule(module, imported) {
    if (!MODULES.includes(module)) return undefined;
    const root = value('playwright', 'root', 'playwright');
    return isWholeModule(imported) ? root : playwrightLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (name === 'default') return v;
      return BROWSER_TYPES.has(name) ? derive(v, 'browser-type', name) : undefined;
    }
    if (v.role === 'browser-type' && (name === 'connect' || name === 'connectOverCDP')) return derive(v, 'connect', `${v.name}.${name}`);
    return undefined;
  },
  call: (v) => (v.role === 'connect' ? io(v.name, undefined, 1, undefined) : undefined),
  construct: () => undefined,
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'browser-type', options: [null] } : undefined),
  timeout: {
    levels: ['call'],
    callOptions: ['timeout'],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `{ timeout: ms }` (its default for `connect` is 0: no timeout)',
    defaultBound: 'none for `connect`; 30 s for `connectOverCDP`',
    // connectOverCDP waits 30 s by default
    isChecked: (call) => !call.label.endsWith('.connectOverCDP'),
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: milliseconds }),
  },
};
