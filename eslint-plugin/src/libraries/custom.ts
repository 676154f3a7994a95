import type { ClientSetting } from '../analysis/settings.js';
import { asObject } from '../analysis/syntax.js';
import { instanceFrom, io, type ClientValue, type LibraryModel } from './model.js';

/** The user's own clients, named in `settings.resilint.clients`. */

export function customClientValue(setting: ClientSetting, name: string): ClientValue {
  return { kind: 'custom', role: 'root', name, options: [], origin: undefined, custom: setting };
}

/** The HTTP method the entry gives this call: one for every call, or by the called method's name. */
function httpMethodOf(v: ClientValue): string | undefined {
  const methods = v.custom?.httpMethod;
  if (methods === undefined || typeof methods === 'string') return methods;
  return methods[v.name.slice(v.name.lastIndexOf('.') + 1)];
}

export const customLibrary: LibraryModel = {
  kind: 'custom',
  title: 'your own clients (`settings.resilint.clients`)',
  modules: [],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'dependency',
  signal: '`signalOption` of the entry (`signal` by default)',
  retries: 'unknown',
  fromModule: () => undefined,
  member: (v, name) => (v.role === 'root' || v.role === 'instance' ? { ...v, name: `${v.name}.${name}` } : undefined),
  call(v, node) {
    let optionsIndex = -1;
    for (let index = node.arguments.length - 1; index >= 0; index--) {
      const arg = node.arguments[index];
      if (arg && asObject(arg)) {
        optionsIndex = index;
        break;
      }
    }
    return io(v.name, httpMethodOf(v), optionsIndex, v.custom?.signalOption ?? 'signal');
  },
  construct: (v, node) => instanceFrom(v, 'instance', node, node.arguments.length ? [node.arguments[node.arguments.length - 1]] : []),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['timeout'],
    chainMethods: [],
    remedy: 'pass a timeout or an abort signal',
    defaultBound: 'unknown',
    // bounded where it is created (checked there), at its pool, or by the client itself: not call by call
    isChecked: (call) => call.setting?.bounded === undefined || call.setting.bounded === 'call',
  },
  fix: {
    optionsIndex(call) {
      // the user's client takes its options as its last object argument (as the analysis reads it), else a new one
      const options = call.optionsExpression;
      return options ? call.node.arguments.indexOf(options) : call.node.arguments.length;
    },
    nativeTimeout(call, milliseconds) {
      const option = call.setting?.timeoutOptions[0];
      return option ? { key: option, value: milliseconds } : undefined;
    },
  },
};
