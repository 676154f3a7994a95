import type { TSESTree } from '@typescript-eslint/utils';
import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { CALL, CONSTRUCT, findModuleReferences, moduleTrace, type TraceMap, type TraceMapElement } from '../analysis/module-references.js';
import { getSettings, type ClientSetting, type ResilintSettings } from '../analysis/settings.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { requireCreationOption } from './creation-options.js';
import { LIBRARIES } from './index.js';
import type { CreationFinding, CreationModel, CreationSite } from './model.js';

/** Clients created in this file whose creation leaves every call unbounded, for libraries bounded where they are created. */

type Context = Readonly<RuleContext<string, readonly unknown[]>>;
type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

export interface UnboundedCreation {
  readonly node: Creation;
  readonly finding: CreationFinding;
}

interface Checkers {
  readonly trace: TraceMap;
  readonly byInfo: ReadonlyMap<string, CreationModel>;
}

const checkersBySettings = new WeakMap<ResilintSettings, Checkers>();

function checkers(settings: ResilintSettings): Checkers {
  const cached = checkersBySettings.get(settings);
  if (cached) return cached;
  const byInfo = new Map<string, CreationModel>();
  const sites: { site: CreationSite; info: string }[] = [];
  const add = (info: string, model: CreationModel): void => {
    byInfo.set(info, model);
    for (const site of model.sites) sites.push({ site, info });
  };
  for (const library of LIBRARIES) if (library.creation) add(library.kind, library.creation);
  settings.clients.forEach((client, index) => {
    const model = customCreation(client);
    if (model) add(`custom:${index}`, model);
  });
  const trace = traceOf(sites);
  const result = { trace, byInfo };
  checkersBySettings.set(settings, result);
  return result;
}

function traceOf(sites: readonly { site: CreationSite; info: string }[]): TraceMap {
  const defaults = new Map<string, TraceMapElement>();
  const named = new Map<string, Record<string, TraceMapElement>>();
  for (const { site, info } of sites) {
    const [head, ...rest] = site.path;
    if (head === undefined) continue;
    let element: TraceMapElement;
    if (head === 'default') {
      element = defaults.get(site.module) ?? {};
      defaults.set(site.module, element);
    } else {
      const exports = named.get(site.module) ?? {};
      named.set(site.module, exports);
      element = exports[head] ??= {};
    }
    for (const name of rest) element = element[name] ??= {};
    if (site.how === 'call') element[CALL] = info;
    else element[CONSTRUCT] = info;
  }
  const trace: TraceMap = {};
  for (const module of new Set([...defaults.keys(), ...named.keys()])) {
    trace[module] = moduleTrace(defaults.get(module), named.get(module));
  }
  return trace;
}

/** The unbounded creations of this file, in source order. */
export function findUnboundedCreations(context: Context): UnboundedCreation[] {
  const { trace, byInfo } = checkers(getSettings(context));
  const found: UnboundedCreation[] = [];
  for (const reference of findModuleReferences(context.sourceCode, trace)) {
    const node = reference.node;
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) continue;
    const finding = byInfo.get(reference.info)?.check(node, context.sourceCode);
    if (finding) found.push({ node, finding });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// The user's own clients declared bounded where they are created

function customCreation(client: ClientSetting): CreationModel | undefined {
  if (client.module === undefined || (client.bounded !== 'client' && client.bounded !== 'pool')) return undefined;
  const path = [client.export ?? 'default'];
  const names = [...client.timeoutOptions, client.signalOption];
  const where = client.bounded === 'pool' ? 'pool or connection' : 'client';
  const lastObject = (node: Creation): number => {
    for (let index = node.arguments.length - 1; index >= 0; index--) {
      if (unwrapExpression(node.arguments[index]!).type === AST_NODE_TYPES.ObjectExpression) return index;
    }
    return node.arguments.length;
  };
  return {
    sites: [{ module: client.module, path, how: 'new' }, { module: client.module, path, how: 'call' }],
    check: requireCreationOption(lastObject, names, client.timeoutOptions[0] ?? 'timeout', '5_000', `set \`${client.timeoutOptions[0] ?? 'timeout'}\` where the ${where} is created`),
  };
}

