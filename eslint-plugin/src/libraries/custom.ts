import type { ClientSetting } from '../analysis/settings.js';
import { asObject } from '../analysis/syntax.js';
import { instanceFrom, io, type ClientValue, type LibraryModel } from './model.js';

/** The user's own clients, named in `settings.resilint.clients`. */

export function customClientValue(setting: ClientSetting, name: string): ClientValue {
  return { kind: 'custom', role: 'root', name, options: [], origin: undefined, custom: setting };
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
    return io(v.name, undefined, optionsIndex, v.custom?.signalOption ?? 'signal');
  },
  construct: (v, node) => instanceFrom(v, 'instance', node, node.arguments.length ? [node.arguments[node.arguments.length - 1]] : []),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['timeout'],
    chainMethods: [],
    remedy: 'pass a timeout or an abort signal',
    defaultBound: 'unknown',
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
