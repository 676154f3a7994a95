import { forbidDisabledOption } from './creation-options.js';
import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * The OpenAI SDK: `new OpenAI({ timeout, maxRetries })`, `openai.chat.completions.create(body, { timeout, signal })`.
 * Every request is bounded by default (10 minutes) and retried twice; only a creation that turns the timeout off is
 * reported.
 */

const NON_CALLS = new Set(['apiKey', 'baseURL', 'organization', 'project', 'withOptions', 'constructor']);
const CLASSES = new Set(['OpenAI', 'AzureOpenAI']);

export const openaiLibrary: LibraryModel = {
  kind: 'openai',
  title: 'OpenAI SDK (`openai`)',
  modules: ['openai'],
  typeNames: ['OpenAI', 'AzureOpenAI'],
  takesUrl: false,
  dependencyName: 'openai',
  signal: '`signal` in the request options (second argument)',
  retries: '2 retries by default (`maxRetries`), with backoff',
  backsOffUnlessSet: 'maxRetries',
  fromModule(module, imported) {
    if (module !== 'openai') return undefined;
    if (isWholeModule(imported)) return value('openai', 'class', 'OpenAI');
    return CLASSES.has(imported) ? value('openai', 'class', imported) : undefined;
  },
  member(v, name) {
    if (v.role === 'client') return NON_CALLS.has(name) ? undefined : derive(v, 'resource', name);
    if (v.role === 'resource') return derive(v, 'resource', `${v.name}.${name}`);
    return undefined;
  },
  call: (v) => (v.role === 'resource' && v.name.includes('.') ? io(`openai.${v.name}`, undefined, 1, 'signal') : undefined),
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[0]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['timeout'],
    chainMethods: [],
    remedy: 'keep the SDK\'s default `timeout` (10 minutes) or set a shorter one',
    defaultBound: '10 minutes',
    boundedByDefault: true,
    isChecked: () => false,
  },
  creation: {
    sites: [...CLASSES].flatMap((name) => [{ module: 'openai', path: [name], how: 'new' as const }]).concat([{ module: 'openai', path: ['default'], how: 'new' }]),
    check: forbidDisabledOption(0, 'timeout', '60_000', 'keep a finite `timeout` (the SDK\'s default is 10 minutes)'),
  },
  fix: {},
};
