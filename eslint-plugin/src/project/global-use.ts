import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';

/** The browser's own objects: code that reads them runs in a page. */
const DOM_GLOBALS = new Set(['window', 'document', 'localStorage', 'sessionStorage', 'navigator']);
/** A browser extension's namespaces and the APIs only an extension has (`chrome.runtime`, `browser.storage`). */
const EXTENSION_NAMESPACES = new Set(['chrome', 'browser']);
const EXTENSION_APIS = new Set([
  'runtime', 'storage', 'tabs', 'alarms', 'cookies', 'scripting', 'action', 'webRequest', 'declarativeNetRequest', 'contextMenus', 'identity',
]);

/**
 * Whether the module reads the DOM's globals (`document.querySelector`, `window.location`), not merely tests for
 * them (`typeof window !== 'undefined'` is how isomorphic code avoids them), or a browser extension's APIs. Read
 * from the scopes, so a variable of the same name (a `document` parameter holding a database row, a Puppeteer
 * `browser`) and the text of a string (`'<script>window.close()</script>'`) do not count.
 */
export function readsBrowserGlobals(scopeManager: TSESLint.Scope.ScopeManager): boolean {
  const globalScope = scopeManager.globalScope;
  if (!globalScope) return false;
  const references = [...globalScope.through];
  // Where the parser declares the DOM's types and values (`lib: ['dom']`), the references resolve to those.
  for (const name of [...DOM_GLOBALS, ...EXTENSION_NAMESPACES]) references.push(...(globalScope.set.get(name)?.references ?? []));
  let readsDom = false;
  let testsDom = false;
  for (const { identifier } of references) {
    const parent = identifier.parent;
    const member = parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier ? parent : undefined;
    if (DOM_GLOBALS.has(identifier.name)) {
      if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'typeof') testsDom = true;
      else if (member) readsDom = true;
    } else if (EXTENSION_NAMESPACES.has(identifier.name) && member && propertyName(member) !== undefined && EXTENSION_APIS.has(propertyName(member)!)) {
      return true;
    }
  }
  return readsDom && !testsDom;
}

function propertyName(member: TSESTree.MemberExpression): string | undefined {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
}
