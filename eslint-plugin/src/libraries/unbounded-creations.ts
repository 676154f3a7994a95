import type { TSESTree } from '@typescript-eslint/utils';
import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { CALL, CONSTRUCT, findModuleReferences, moduleTrace, type TraceMap, type TraceMapElement } from '../analysis/module-references.js';
import { passedThroughParameterOf } from '../analysis/external-calls.js';
import { getSettings, type ClientSetting, type ResilintSettings } from '../analysis/settings.js';
import { unwrapExpression } from '../analysis/syntax.js';
import { fileEnvironment } from '../project/file-environment.js';
import type { Environment } from '../project/file-settings.js';
import { requireCreationOption } from './creation-options.js';
import { LIBRARIES } from './index.js';
import type { CreationFile, CreationFinding, CreationModel, CreationSite } from './model.js';

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
  /** The sites named by an export of each package, for imports of that export from a file inside it. */
  readonly namedByPackage: ReadonlyMap<string, readonly { site: CreationSite; info: string }[]>;
  /** Every module a site names, a package's own subpaths among them (`@apollo/client/core`), which the trace reads already. */
  readonly siteModules: ReadonlySet<string>;
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
  const namedByPackage = new Map<string, { site: CreationSite; info: string }[]>();
  const siteModules = new Set(sites.map(({ site }) => site.module));
  for (const entry of sites) {
    if (entry.site.path[0] === 'default' || packageName(entry.site.module) !== entry.site.module) continue;
    namedByPackage.set(entry.site.module, [...(namedByPackage.get(entry.site.module) ?? []), entry]);
  }
  const result = { trace, byInfo, namedByPackage, siteModules };
  checkersBySettings.set(settings, result);
  return result;
}

/** Marks the element `path` leads to from `element` as the site's creation. */
function mark(element: TraceMapElement, path: readonly string[], site: CreationSite, info: string): void {
  let target = element;
  for (const name of path) target = target[name] ??= {};
  if (site.how === 'call') target[CALL] = info;
  else target[CONSTRUCT] = info;
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
      // a CommonJS library's default import is its exports object: `import pg from 'pg'`, then `new pg.Pool()`
      const asDefault = defaults.get(site.module) ?? {};
      defaults.set(site.module, asDefault);
      mark(asDefault[head] ??= {}, rest, site, info);
    }
    mark(element, rest, site, info);
  }
  const trace: TraceMap = {};
  for (const module of new Set([...defaults.keys(), ...named.keys()])) {
    trace[module] = moduleTrace(defaults.get(module), named.get(module));
  }
  return trace;
}

/**
 * Libraries known by a module pattern (`@aws-sdk/client-*`) whose creations are checked: their classes are the names
 * this file imports or requires from one of their modules that the model reads as a class (`S3Client`, `S3`).
 */
const PATTERN_CREATIONS = LIBRARIES.filter((library) => library.ownsModule && library.creation);
/** What a file must contain to name one of them (`@aws-sdk/client-`): most files are passed over on this alone. */
const PATTERN_PREFIXES = PATTERN_CREATIONS.map((library) => (library.modulePattern ?? '').split('*')[0]!);
const patternTraces = new Map<string, TraceMap>();

function importedNames(program: TSESTree.Program): { module: string; name: string }[] {
  const found: { module: string; name: string }[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const specifier of statement.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
          const imported = specifier.imported;
          found.push({ module: statement.source.value, name: imported.type === AST_NODE_TYPES.Identifier ? imported.name : String(imported.value) });
        }
      }
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init && unwrapExpression(declarator.init);
        const source = init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require' ? init.arguments[0] : undefined;
        if (source?.type !== AST_NODE_TYPES.Literal || typeof source.value !== 'string' || declarator.id.type !== AST_NODE_TYPES.ObjectPattern) continue;
        for (const property of declarator.id.properties) {
          if (property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier) found.push({ module: source.value, name: property.key.name });
        }
      }
    }
  }
  return found;
}

function patternTrace(program: TSESTree.Program): TraceMap | undefined {
  const sites: { site: CreationSite; info: string }[] = [];
  for (const { module, name } of importedNames(program)) {
    const library = PATTERN_CREATIONS.find((candidate) => candidate.ownsModule!(module));
    if (library?.fromModule(module, name)?.role === 'class') sites.push({ site: { module, path: [name], how: 'new' }, info: library.kind });
  }
  if (sites.length === 0) return undefined;
  // one trace per set of imports, so findModuleReferences' per-trace cache is shared by files importing the same
  const key = sites.map(({ site }) => `${site.module}#${site.path[0]}`).sort().join(' ');
  let trace = patternTraces.get(key);
  if (!trace) patternTraces.set(key, (trace = traceOf(sites)));
  return trace;
}

/** `@scope/name` or `name`: the package a module specifier names, with its subpath left off. */
function packageName(module: string): string {
  return module.split('/', module.startsWith('@') ? 2 : 1).join('/');
}

/**
 * `import { Jellyfin } from '@jellyfin/sdk/lib/jellyfin.js'`: a class imported by its name from a file inside a
 * package whose creations are checked is the class its root exports under that name (a package's own files export
 * what its root re-exports).
 */
function deepImportTrace(program: TSESTree.Program, { namedByPackage, siteModules }: Checkers): TraceMap | undefined {
  const sites: { site: CreationSite; info: string }[] = [];
  for (const { module, name } of importedNames(program)) {
    const root = packageName(module);
    if (root === module || siteModules.has(module)) continue;
    for (const { site, info } of namedByPackage.get(root) ?? []) {
      if (site.path[0] === name) sites.push({ site: { ...site, module }, info });
    }
  }
  return sites.length > 0 ? traceOf(sites) : undefined;
}

/** The unbounded creations of this file, in source order. */
export function findUnboundedCreations(context: Context): UnboundedCreation[] {
  const checked = checkers(getSettings(context));
  const { trace, byInfo } = checked;
  const { text } = context.sourceCode;
  const found: UnboundedCreation[] = [];
  const patterned = PATTERN_PREFIXES.some((prefix) => text.includes(prefix)) ? patternTrace(context.sourceCode.ast) : undefined;
  const file = fileOf(context);
  if (patterned) for (const reference of findModuleReferences(context.sourceCode, patterned)) collect(context, file, reference, byInfo, found);
  const deep = deepImportTrace(context.sourceCode.ast, checked);
  if (deep) for (const reference of findModuleReferences(context.sourceCode, deep)) collect(context, file, reference, byInfo, found);
  for (const reference of findModuleReferences(context.sourceCode, trace)) collect(context, file, reference, byInfo, found);
  return found.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

function fileOf(context: Context): CreationFile {
  let environment: Environment | undefined;
  return {
    environment: () => (environment ??= fileEnvironment(context.physicalFilename, context.sourceCode.text, getSettings(context).files, context.sourceCode.scopeManager)),
    filename: context.physicalFilename,
    passedThroughParameter: (callee) => passedThroughParameterOf(context, callee),
  };
}

function collect(context: Context, file: CreationFile, reference: { node: TSESTree.Node; info: string }, byInfo: ReadonlyMap<string, CreationModel>, found: UnboundedCreation[]): void {
  const node = reference.node;
  if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return;
  const finding = byInfo.get(reference.info)?.check(node, context.sourceCode, file);
  if (finding) found.push({ node: finding.at ?? node, finding });
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

