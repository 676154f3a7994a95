import { looksLikeUrl } from '../analysis/timeouts.js';
import { BODY_METHODS, callableHttp } from './callable-http.js';
import { handedInstanceCreation } from './handed-to-classes.js';
import { HTTP_METHODS, value, type LibraryModel } from './model.js';

/** axios: `axios(config)`, `axios.get(url, config)`, `axios.post(url, data, config)`, instances from `axios.create(config)`. */

const TYPE_NAMES = ['AxiosInstance', 'AxiosStatic'];

/**
 * An instance is judged call by call where its calls can see how it was made; one handed to the project's classes as
 * they are built is judged where it is made (`handedInstanceCreation`).
 */
const creation = handedInstanceCreation({
  sites: [{ module: 'axios', path: ['default', 'create'], how: 'call' }],
  options: ['timeout', 'signal'],
  fixKey: 'timeout',
  fixValue: '10_000',
  // `instance.defaults.timeout = ...` later in the file: bounded, however it is written
  laterBound: 'defaults.timeout',
});
const recognition = callableHttp({ kind: 'axios', modules: ['axios'], factories: ['create'], requestMethods: true, streams: false, defaults: true, configFirst: true });

export const axiosLibrary: LibraryModel = {
  kind: 'axios',
  title: 'axios',
  modules: ['axios'],
  typeNames: TYPE_NAMES,
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` (or a `cancelToken`) in the config',
  retries: 'never by itself; `axios-retry` adds retries',
  ...recognition,
  creation,
  // Named type imports resolve through member(): keep `AxiosInstance` recognisable for annotations.
  fromModule: (module, imported) => (module === 'axios' && TYPE_NAMES.includes(imported) ? value('axios', 'type', imported) : recognition.fromModule(module, imported)),
  instanceOfType: (v) => (TYPE_NAMES.includes(v.name) ? value('axios', 'instance', 'axios', [null]) : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout', 'cancelToken'],
    instanceOptions: ['timeout', 'signal'],
    chainMethods: [],
    remedy: 'set `timeout` on the call or on the instance, or pass `signal`',
    defaultBound: 'none (`timeout: 0`)',
    urlMayTakeOptionsPlace: true,
  },
  fix: {
    optionsIndex(call, method, sourceCode) {
      // the client called itself, as a name or as a field holding it (`this._req(config)`)
      if (method === undefined || !isRequestMethod(method)) {
        const [first] = call.node.arguments;
        const config = first?.type === 'ObjectExpression' || (call.optionsExpression === first && first !== undefined && !looksLikeUrl(sourceCode, first));
        return config ? 0 : 1;
      }
      if (method === 'request') return 0;
      return BODY_METHODS.has(method) ? 2 : 1;
    },
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: milliseconds }),
    instanceTimeout: () => [['timeout', '5_000']],
  },
};

function isRequestMethod(name: string): boolean {
  return name === 'request' || HTTP_METHODS.includes(name) || BODY_METHODS.has(name);
}
