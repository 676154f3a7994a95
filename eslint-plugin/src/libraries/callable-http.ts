import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asObject, methodFromOptions } from '../analysis/syntax.js';
import { derive, HTTP_METHODS, instanceFrom, io, isWholeModule, streamIo, value, type ClientKind, type ClientValue, type LibraryModel } from './model.js';

/** What axios, got and ky share: a callable root with HTTP-method members, and instances made by create/extend. */

export const BODY_METHODS = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);

export interface CallableHttpShape {
  kind: ClientKind;
  modules: readonly string[];
  factories: readonly string[];
  /** Its root and instances also take `request(config)` and `postForm`-style methods (axios). */
  requestMethods: boolean;
  /** `got.stream(url)` and `got.stream.get(url)`. */
  streams: boolean;
  /** `defaults.timeout` assignable on the root or an instance (axios). */
  defaults: boolean;
  /** A config object may come first when the root is called (`axios(config)`, `got(options)`). */
  configFirst: boolean;
}

export type CallableHttpRecognition = Pick<LibraryModel, 'fromModule' | 'member' | 'call' | 'construct'>;

export function callableHttp(shape: CallableHttpShape): CallableHttpRecognition {
  const { kind, modules, factories } = shape;
  const recognition: CallableHttpRecognition = {
    fromModule(module, imported) {
      if (!modules.includes(module)) return undefined;
      if (isWholeModule(imported)) return value(kind, 'root', kind);
      return recognition.member(value(kind, 'root', kind), imported);
    },
    member(v, name) {
      if (v.role !== 'root' && v.role !== 'instance') {
        return v.role === 'stream' && HTTP_METHODS.includes(name) ? derive(v, 'stream-method', name) : undefined;
      }
      if (name === 'default' && v.role === 'root') return v;
      if (HTTP_METHODS.includes(name) || (shape.requestMethods && (name === 'request' || BODY_METHODS.has(name)))) return derive(v, 'method', name);
      if (factories.includes(name)) return derive(v, 'factory', name);
      if (shape.defaults && name === 'defaults') return derive(v, 'defaults', name);
      if (shape.streams && name === 'stream') return derive(v, 'stream', name);
      return undefined;
    },
    call(v, node) {
      const first = node.arguments[0];
      switch (v.role) {
        case 'root':
        case 'instance': {
          // `axios(config)`: one argument that is not written as a URL is the config (read as a URL if it holds one),
          // a helper's result too (`axios(this.buildRequest(data))`, `axios(Object.assign({}, defaults, extra))`)
          const configOnly = node.arguments.length === 1 && (first?.type === AST_NODE_TYPES.Identifier || first?.type === AST_NODE_TYPES.MemberExpression
            || (first !== undefined && builtByHelper(first)));
          const optionsIndex = first && (asObject(first) || configOnly) && shape.configFirst ? 0 : 1;
          return io(kind, methodFromOptions(node.arguments[optionsIndex]), optionsIndex, 'signal');
        }
        case 'method': {
          const optionsIndex = v.name === 'request' ? 0 : shape.requestMethods && BODY_METHODS.has(v.name) ? 2 : 1;
          const method = v.name === 'request' ? methodFromOptions(node.arguments[0]) : v.name.replace(/Form$/, '').toUpperCase();
          return io(`${kind}.${v.name}`, method, optionsIndex, 'signal');
        }
        case 'stream':
          return streamIo(`${kind}.stream`, methodFromOptions(node.arguments[1]), 1, 'signal');
        case 'stream-method':
          return streamIo(`${kind}.stream.${v.name}`, v.name.toUpperCase(), 1, 'signal');
        case 'factory':
          return { result: instanceFrom(v, 'instance', node, node.arguments.length ? node.arguments : [], kind) };
        default:
          return undefined;
      }
    },
    construct: () => undefined,
  };
  return recognition;
}

/** An instance the annotation's type stands for, with options not known. */
/** `build(...)`, `this.requestConfig(...)`, `await getOptions()`: a call whose name does not say it makes a URL. */
function builtByHelper(node: TSESTree.Node): boolean {
  const target = node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node;
  if (target.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = target.callee;
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name
    : callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  return name !== undefined && !/url|uri|href|endpoint|link|path/i.test(name);
}

export function annotatedInstance(kind: ClientKind, name = kind): ClientValue {
  return value(kind, 'instance', name, [null]);
}

