import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { axiosLibrary } from './axios.js';
import { BODY_METHODS } from './callable-http.js';
import { httpModuleRegistration } from './nest-http-modules.js';
import { derive, HTTP_METHODS, io, value, type LibraryModel } from './model.js';
import { methodFromOptions } from '../analysis/syntax.js';

/**
 * `@nestjs/axios`: an injected `HttpService` (`constructor(private readonly http: HttpService)`) whose calls return
 * Observables (`firstValueFrom(this.http.get(url))`, `this.http.get(url).pipe(...)`). axios is under it: a call is
 * bounded by its own `timeout`/`signal`, or by `HttpModule.register({ timeout })` where the module is registered.
 * `axiosRef` is that same axios instance, made by the module with the registration's options: its promise-returning
 * calls (`await this.http.axiosRef.get(url)`, and the instance called itself, `this.http.axiosRef({ url, method })`)
 * are judged the same way.
 */

const AXIOS_REF = 'axiosRef';

/** The class whose method makes the call (`AuthService`): the one a module provides with its HttpService. */
function enclosingClassName(node: TSESTree.Node): string | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current.id?.name;
  }
  return undefined;
}

function isRequestMethod(name: string): boolean {
  return HTTP_METHODS.includes(name) || name === 'request' || BODY_METHODS.has(name);
}
export const nestjsAxiosLibrary: LibraryModel = {
  kind: 'nestjs-axios',
  title: '`HttpService` (`@nestjs/axios`)',
  modules: ['@nestjs/axios'],
  typeNames: ['HttpService'],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the axios config',
  retries: 'never by itself (`retry()` from rxjs in the pipe)',
  fromModule: (module, imported) => (module === '@nestjs/axios' && imported === 'HttpService' ? value('nestjs-axios', 'class', 'HttpService') : undefined),
  member(v, name) {
    if (v.role === 'service') {
      if (name === AXIOS_REF) return derive(v, 'axios-ref', AXIOS_REF);
      return isRequestMethod(name) ? derive(v, 'method', name) : undefined;
    }
    if (v.role === 'axios-ref') return isRequestMethod(name) ? derive(v, 'method', `${AXIOS_REF}.${name}`) : undefined;
    return undefined;
  },
  call(v, node) {
    // `this.http.axiosRef({ url, method: 'post', data })`, `axiosRef(url, config)`: the instance called as axios is
    if (v.role === 'axios-ref') {
      const optionsIndex = node.arguments.length >= 2 ? 1 : 0;
      return io(`HttpService.${AXIOS_REF}`, methodFromOptions(node.arguments[optionsIndex]) ?? (optionsIndex === 1 ? 'GET' : undefined), optionsIndex, 'signal');
    }
    if (v.role !== 'method') return undefined;
    const name = v.name.slice(v.name.lastIndexOf('.') + 1);
    const optionsIndex = name === 'request' ? 0 : BODY_METHODS.has(name) ? 2 : 1;
    const method = name === 'request' ? methodFromOptions(node.arguments[0]) : name.replace(/Form$/, '').toUpperCase();
    return io(`HttpService.${v.name}`, method, optionsIndex, 'signal');
  },
  construct: () => undefined,
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'service', options: [] } : undefined),
  timeout: {
    ...axiosLibrary.timeout!,
    levels: ['call', 'client'],
    remedy: 'set `timeout` on the call or in `HttpModule.register({ timeout })`, or pass `signal`',
    defaultBound: 'none (axios `timeout: 0`) unless `HttpModule.register` sets one',
    instanceBound: (call, filename) => (filename ? httpModuleRegistration(filename, enclosingClassName(call.node)) : 'unknown'),
  },
  fix: {
    ...axiosLibrary.fix,
    // `this.http.axiosRef(config)`: the instance called as axios is, its config first unless a URL comes first
    optionsIndex: (call, method, sourceCode) => axiosLibrary.fix.optionsIndex!(call, method === AXIOS_REF ? undefined : method, sourceCode),
  },
};
