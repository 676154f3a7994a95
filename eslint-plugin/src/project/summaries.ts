import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isClientModule, libraryOf, valueFromModule } from '../libraries/index.js';
import { fileEnvironment } from './file-environment.js';
import { FETCH_USE, moduleEvaluator } from '../analysis/external-calls.js';
import type { ResilintSettings } from '../analysis/settings.js';
import { ownCopy, readProjectFile } from './files.js';
import { parseModule, MAX_MODULE_SIZE, type ModuleSource } from './module-source.js';
import { resolveProjectModule } from './resolution.js';
import { textBindsClient } from './client-imports.js';
import { DetachedValues } from './detached.js';
import { forgetDependencyVersions } from './dependency-versions.js';
import { forgetFieldAnswers, forgetPackageFields } from './fields.js';
import { forgetPackageRoles } from './file-roles.js';
import { MAX_REEXPORT_HOPS, summarizeModule, type ExportShape, type ModuleSummary } from './summarize.js';
import type { FunctionNode } from '../analysis/loops.js';
import type { Value } from './values.js';

/** Where an Evaluator stands in the project: the module's path, and how deep in a chain of summaries it is. */
export interface ProjectContext {
  readonly file: string;
  readonly settings: ResilintSettings;
  readonly depth: number;
  /** Set while a module is summarised: its own functions, classes and methods evaluate to what they do. */
  local?: LocalDefinitions;
  /** Summarise imported modules even where their text suggests no external call (following an options helper). */
  force?: boolean;
}

export interface LocalDefinitions {
  functionValue(fn: FunctionNode, name: string): Value | undefined;
  classValue(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Value | undefined;
  /** What a value typed with an interface of the module holds: what every class of the module implementing it does. */
  interfaceValue(node: TSESTree.TSInterfaceDeclaration): Value | undefined;
  methodValue(classBody: TSESTree.ClassBody, name: string): Value | undefined;
}

/** Summaries lead to summaries (a wrapper of a wrapper in a third module): this deep and no deeper. */
const MAX_DEPTH = 6;

/**
 * The project context of the file being linted, or undefined when it has no path on disk (`<input>`, stdin). Its own
 * classes are summarised like another module's (on demand), so `this.client.request()` with `client: LocalClient`
 * is followed; its own functions stay with the same-file wrapper analysis.
 */
export function linted(filename: string | undefined, settings: ResilintSettings, source: ModuleSource): ProjectContext | undefined {
  if (!filename || !isAbsolute(filename)) return undefined;
  const context: ProjectContext = { file: filename, settings, depth: 0 };
  let own: ModuleSummary | undefined;
  context.local = {
    functionValue: () => undefined,
    methodValue: () => undefined,
    classValue(node) {
      own ??= summarizeModule(source, { file: filename, settings, depth: 1 }, moduleEvaluator);
      return own.classValue(node);
    },
    interfaceValue(node) {
      own ??= summarizeModule(source, { file: filename, settings, depth: 1 }, moduleEvaluator);
      return own.interfaceValue(node);
    },
  };
  return context;
}

/** What `import { imported } from 'specifier'` means when the specifier is a module of the project. */
export function projectImport(project: ProjectContext, specifier: string, imported: string): Value | undefined {
  if (isClientModule(specifier) || project.depth >= MAX_DEPTH) return undefined;
  const path = resolveProjectModule(specifier, project.file);
  if (!path || (!project.force && !mayExportExternal(path, project.settings, new Set()))) return undefined;
  let users = dependents.get(path);
  if (!users) {
    users = new Set();
    dependents.set(path, users);
  }
  users.add(project.file);
  const summary = moduleSummary(path, project.settings, project.depth + 1);
  return summary?.exportValue(imported, imported === '*' ? 0 : 1);
}

/**
 * What `imported` of a module of the project is, for a question about a helper (does `timeout(ms)` only wait, does
 * `fail(error)` always throw): its re-exports are followed too, into modules whose text suggests no external call,
 * which the summaries leave alone (a workspace package's barrel, `export * from './timing'`).
 */
export function projectHelperImport(project: ProjectContext, specifier: string, imported: string, hops = 0): Value | undefined {
  const direct = projectImport({ ...project, force: true }, specifier, imported);
  if (direct || hops >= MAX_REEXPORT_HOPS || isClientModule(specifier)) return direct;
  const path = resolveProjectModule(specifier, project.file);
  for (const next of (path && moduleText(path)?.reexported) || []) {
    const found = projectHelperImport({ ...project, file: path! }, next, imported, hops + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * The cheap pre-check for a linted file: does it import a module of the project that may export something external?
 * It costs a resolution (cached per directory) and, per imported module, one read of its text (cached per module).
 */
export function importsProjectExternals(ast: TSESTree.Program, project: ProjectContext): boolean {
  for (const statement of ast.body) {
    const source = statement.type === AST_NODE_TYPES.ImportDeclaration || statement.type === AST_NODE_TYPES.ExportAllDeclaration
      || statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.source?.value : undefined;
    if (source !== undefined && isProjectExternalSource(source, project)) return true;
  }
  return false;
}

/** Whether `source`, imported by the project's file, is a module of the project that may export something external. */
export function isProjectExternalSource(source: string, project: ProjectContext): boolean {
  if (isClientModule(source)) return false;
  const path = resolveProjectModule(source, project.file);
  return !!path && mayExportExternal(path, project.settings, new Set());
}

interface ModuleText {
  readonly hash: string;
  readonly specifiers: readonly string[];
  /** The specifiers of `export ... from` statements. */
  readonly reexported: ReadonlySet<string>;
  /** It imports a client from a client module or uses the global fetch: it may make external calls itself. */
  readonly direct: boolean;
  /**
   * It names a signal or a timeout, or binds a receiver for another function (`layer.call(this, ...args)`): it may hand
   * its caller's bound, or its caller's whole call, on to another module's wrapper.
   */
  readonly namesBound: boolean;
  /** The specifiers of `import type` statements: a type named there may be a client's (`client: RedisClient`). */
  readonly typeSpecifiers: readonly string[];
  /** The specifiers a class's base is imported from (`class Api extends HttpClient`): it is what its base makes. */
  readonly baseSpecifiers: readonly string[];
  /**
   * The specifiers the classes that type its interfaces' or classes' members, or its methods' results, are imported from
   * (`interface Context { http: HTTPClient }`, `private client: MatrixClient`, `intentFor(id): Intent`): a value typed
   * with them reaches that class's instance.
   */
  readonly memberTypeSpecifiers: readonly string[];
}

function usesClients(text: ModuleText, settings: ResilintSettings): boolean {
  return text.direct || text.specifiers.some((specifier) => settings.clients.some((client) => client.module === specifier));
}


const texts = new Map<string, ModuleText | null>();
// Keyed by the settings object (one per configuration): custom clients change what a module exports.
const summaries = new Map<ResilintSettings, Map<string, CachedModule>>();
const maybeExternal = new Map<ResilintSettings, Map<string, boolean>>();
/** Module -> the modules (and linted files) whose summaries or lints looked into it. */
const dependents = new Map<string, Set<string>>();

/** Configurations seen at once (a language server lints with a few); past this, the oldest answers are dropped. */
const MAX_SETTINGS = 8;

const REEXPORT = /\bexport\s+(?:type\s+)?(?:\*|\*\s+as\s+[\w$]+|\{[^}]*\})\s*from\s*['"]([^'"\n]+)['"]/g;
/** CommonJS barrels: `module.exports = require('./x')`, and what tsc emits for `export *` (`__exportStar(require('./x'), exports)`). */
const CJS_REEXPORT = /(?:\bmodule\.exports\s*=\s*|\b__exportStar\(\s*|\b__export\(\s*)require\(\s*['"]([^'"\n]+)['"]\s*\)/g;
const SPECIFIER = /\b(?:from|import|require)\s*\(?\s*['"]([^'"\n]+)['"]/g;
const TYPE_IMPORT = /\bimport\s+type\s+[^;'"]*?\bfrom\s*['"]([^'"\n]+)['"]/g;
const BOUND_NAME = /signal|timeout/i;
const RECEIVER_FORWARD = /\.(?:call|apply)\(\s*this\s*,/;

/** `export { getFetch, ChatStream };` with no `from`: names the module exports from its own scope. */
const LOCAL_EXPORT = /\bexport\s*\{([^}]*)\}(?!\s*from\b)/g;
/** `export default { request, getJson: json }`, `module.exports = { request }`: an object of names from its own scope. */
const OBJECT_EXPORT = /\b(?:export\s+default|module\.exports\s*=)\s*\{([^}]*)\}/g;
const VALUE_IMPORT = /\bimport\s+(?!type\b)([^;'"]*?)\s*from\s*['"]([^'"\n]+)['"]/g;

/**
 * A barrel that imports names and exports them in a list of its own (`import { getFetch } from './fetch';
 * export { getFetch };`) or in an object (`export default { request }`): the modules those names come from, as if
 * re-exported with `export ... from`.
 */
function importedThenExported(text: string): string[] {
  const exported = new Set<string>();
  for (const [, list = ''] of text.matchAll(LOCAL_EXPORT)) {
    for (const item of list.split(',')) {
      const local = item.trim().split(/\s+as\s+/)[0]?.trim();
      if (local) exported.add(local);
    }
  }
  for (const [, members = ''] of text.matchAll(OBJECT_EXPORT)) {
    for (const item of members.split(',')) {
      const local = item.split(':').pop()?.trim();
      if (local && /^[\w$]+$/.test(local)) exported.add(local);
    }
  }
  if (exported.size === 0) return [];
  const found: string[] = [];
  for (const [, clause = '', specifier = ''] of text.matchAll(VALUE_IMPORT)) {
    const names = clause.replace(/[{}]/g, ',').split(',').map((part) => part.trim().split(/\s+as\s+/).pop()!.trim());
    if (names.some((name) => exported.has(name))) found.push(ownCopy(specifier));
  }
  return found;
}

const EXTENDS = /\bclass\s+[\w$]+(?:\s*<[^{]*?>)?\s+extends\s+([\w$]+)/g;
const NAMED_IMPORT = /\bimport\s+([^;'"]*?)\s+from\s+['"]([^'"]+)['"]/g;

/**
 * `  http: HTTPClient;` in an interface or a type literal, `  private client: MatrixClient;` in a class (a facade
 * whose methods hand their calls to the client it holds): a member typed by a class's name.
 */
const MEMBER_TYPED_BY_NAME = /^\s*(?:(?:private|protected|public|readonly)\s+)*[\w$]+\??\s*:\s*([A-Z][\w$]*)\s*[;,]?\s*$/gm;

/** `intentFor(userId: string): Intent {`: a method or function handing out an instance of a class by its name. */
const RETURN_TYPED_BY_NAME = /\)\s*:\s*([A-Z][\w$]*)\s*\{/g;

/** Where a module that declares interfaces or classes imports the classes typing their members (or methods' results) from. */
function memberTypeSpecifiers(text: string): string[] {
  if (!/\binterface\s|\btype\s+[\w$]+\s*=\s*\{|\bclass\s/.test(text)) return [];
  const names = new Set([...text.matchAll(MEMBER_TYPED_BY_NAME), ...text.matchAll(RETURN_TYPED_BY_NAME)].map((match) => match[1]!));
  if (names.size === 0) return [];
  return [...text.matchAll(NAMED_IMPORT)]
    .filter((match) => match[1]!.split(/[^\w$]+/).some((name) => names.has(name)))
    .map((match) => ownCopy(match[2]!));
}

/** Where the classes of a module that extend an imported class import it from. */
function baseSpecifiers(text: string): string[] {
  const bases = new Set([...text.matchAll(EXTENDS)].map((match) => match[1]!));
  if (bases.size === 0) return [];
  return [...text.matchAll(NAMED_IMPORT)]
    .filter((match) => match[1]!.split(/[^\w$]+/).some((name) => bases.has(name)))
    .map((match) => ownCopy(match[2]!));
}

function moduleText(path: string): ModuleText | undefined {
  const cached = texts.get(path);
  if (cached !== undefined) return cached ?? undefined;
  const text = readProjectFile(path);
  let found: ModuleText | null = null;
  if (text !== undefined && text.length <= MAX_MODULE_SIZE) {
    const specifiers = [...text.matchAll(SPECIFIER)].map((match) => ownCopy(match[1]!));
    found = {
      hash: createHash('sha1').update(text).digest('base64'),
      specifiers,
      reexported: new Set([...text.matchAll(REEXPORT), ...text.matchAll(CJS_REEXPORT)].map((match) => ownCopy(match[1]!)).concat(importedThenExported(text))),
      // custom clients are the settings' own: `usesClients` looks for them among `specifiers`
      direct: ((text.includes('fetch') || text.includes('RequestInit')) && FETCH_USE.test(text)) || textBindsClient(text, []),
      namesBound: BOUND_NAME.test(text) || RECEIVER_FORWARD.test(text),
      typeSpecifiers: [...text.matchAll(TYPE_IMPORT)].map((match) => ownCopy(match[1]!)),
      baseSpecifiers: baseSpecifiers(text),
      memberTypeSpecifiers: memberTypeSpecifiers(text),
    };
  }
  texts.set(path, found);
  return found ?? undefined;
}

/**
 * Whether a module may export a client or a wrapper, from its text alone: it uses a client module or fetch itself,
 * or re-exports one that may (barrels, followed to any depth), or it names a signal or a timeout and imports, within
 * `hops` imports, a module that uses one (`signHash({ signal })` handing its caller's signal to another module's
 * `postJson`, which hands it to fetch). Other wrappers of another module's wrapper are not followed: in an
 * application nearly every module reaches the API client through some chain, and summarising them all cost a cold
 * lint of a 2,000-file code base 40% more (issue 12 allows 25%); a chain that forwards its caller's bound is where
 * the caller's choice matters, and its text says so.
 */
function mayExportExternal(path: string, settings: ResilintSettings, visiting: Set<string>, hops = MAX_FORWARDING_HOPS): boolean {
  let known = maybeExternal.get(settings);
  if (!known) {
    if (maybeExternal.size >= MAX_SETTINGS) maybeExternal.clear();
    known = new Map();
    maybeExternal.set(settings, known);
  }
  const key = `${hops}\0${path}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  if (visiting.has(key) || visiting.size >= MAX_DEPTH * 4) {
    unsettled++;
    return false;
  }
  const unsettledBefore = unsettled;
  visiting.add(key);
  const text = moduleText(path);
  let result = false;
  if (text) {
    result = usesClients(text, settings);
    for (const specifier of [...text.reexported, ...text.baseSpecifiers, ...text.memberTypeSpecifiers]) {
      if (result) break;
      if (isClientModule(specifier)) continue;
      const imported = resolveProjectModule(specifier, path);
      if (imported !== undefined) result = mayExportExternal(imported, settings, visiting, hops);
    }
    // `import type { RedisClient } from './types'` where that module aliases a client's type
    // (`export type RedisClient = RedisClientType<M>`): a field or parameter typed with it holds a client
    for (const specifier of text.typeSpecifiers) {
      if (result) break;
      if (isClientModule(specifier)) continue;
      const imported = resolveProjectModule(specifier, path);
      result = imported !== undefined && imported !== path && moduleText(imported)?.direct === true;
    }
    if (hops > 0 && text.namesBound) {
      for (const specifier of text.specifiers) {
        if (result) break;
        if (isClientModule(specifier) || text.reexported.has(specifier)) continue;
        const imported = resolveProjectModule(specifier, path);
        if (imported !== undefined && imported !== path) result = mayExportExternal(imported, settings, visiting, hops - 1);
      }
    }
  }
  visiting.delete(key);
  // Inside a walk, an answer cut short by a cycle or the depth bound is provisional: it is not remembered.
  if (result || visiting.size === 0 || unsettled === unsettledBefore) known.set(key, result);
  return result;
}

/** How many answers were cut short so far (by a cycle or the depth bound). */
let unsettled = 0;

/** Imports between a linted file's import and the module that makes the call: wrappers of wrappers this deep. */
const MAX_FORWARDING_HOPS = 2;

/** The summary of the module at `path`, computed once per content (and settings) per process. */
function moduleSummary(path: string, settings: ResilintSettings, depth: number): CachedModule | undefined {
  let bySettings = summaries.get(settings);
  if (!bySettings) {
    if (summaries.size >= MAX_SETTINGS) summaries.clear();
    bySettings = new Map();
    summaries.set(settings, bySettings);
  }
  const text = moduleText(path);
  if (!text) return undefined;
  const cached = bySettings.get(path);
  if (cached && cached.hash === text.hash) return cached;
  if (cached) cached.dropTree();
  const module = new CachedModule(path, text.hash, settings, depth);
  bySettings.set(path, module);
  return module;
}

/**
 * Modules whose trees are kept, most recently used last, up to a total of source text: a tree with its scopes takes
 * about 100 bytes per character of source. A summary answers on demand (only the exports and members asked about),
 * and most questions come while the trees of the modules just asked about are still here; a question on a module
 * whose tree was dropped parses it again. In a cold lint of outline (188 modules summarised, 1.1 MiB of source)
 * 256 KiB of trees meant 224 parses instead of 188.
 */
const withTrees = new Set<CachedModule>();
const MAX_TREE_TEXT = 256 * 1024;
let treeText = 0;

/**
 * A module's summary as the process keeps it: the answers it gave, detached from the module's tree (see
 * detached.ts), and the tree with its analyses only while the module is among the last few asked about. Holding every
 * summarised module's tree cost a cold lint of a 2,000-file code base a third more memory, and its garbage
 * collection more time than the summaries' parsing.
 */
class CachedModule {
  private readonly answers = new Map<string, Value | null>();
  private readonly detached = new DetachedValues((compute) => this.use(compute), (creation, kind) => this.reportsCreation(creation, kind));
  /** The tree the summary was computed on, while it is kept. */
  private source: ModuleSource | undefined;
  private readonly text: string | undefined;
  private summary: ModuleSummary | null | undefined;
  /** What the module exports, from its first summary: outlives the tree (see `ExportShape`). */
  private shape: ExportShape | undefined;
  /** Computations under way that read the tree: it is not dropped under them. */
  private users = 0;

  constructor(private readonly path: string, readonly hash: string, private readonly settings: ResilintSettings, private readonly depth: number) {
    this.text = readProjectFile(path);
  }

  exportValue(name: string, hops: number): Value | undefined {
    const known = this.answers.get(name);
    if (known !== undefined) return known ?? undefined;
    this.answers.set(name, null); // asked again while it is being answered (an import cycle): nothing
    const root = (summary: ModuleSummary) => summary.exportValue(name, hops);
    const value = this.shape && !this.ownExport(this.shape, name) ? this.fromStars(this.shape, name, hops) : this.use(root);
    const found = this.detached.value(value as Value | undefined, { root, steps: [] });
    // Past the barrels' bound a summary answers nothing without remembering it; a shorter chain may ask again.
    if (hops > MAX_REEXPORT_HOPS && found === undefined) this.answers.delete(name);
    else this.answers.set(name, found ?? null);
    return found;
  }

  /** Whether the summary itself would answer `name` (else only its `export *` modules can, or nothing does). */
  private ownExport(shape: ExportShape, name: string): boolean {
    return name === '*' || shape.commonjs || shape.names.has(name);
  }

  /** `name` searched in the modules re-exported whole, as the summary's own evaluator would import it from them. */
  private fromStars(shape: ExportShape, name: string, hops: number): Value | undefined {
    if (name === 'default' || hops > MAX_REEXPORT_HOPS) return undefined;
    const project: ProjectContext = { file: this.path, settings: this.settings, depth: this.depth };
    for (const star of shape.stars) {
      const found = valueFromModule(star, name, this.settings.clients) ?? projectImport(project, star, name);
      if (found) return found;
    }
    return undefined;
  }

  private use<T>(compute: (summary: ModuleSummary) => T): T | undefined {
    this.users++;
    try {
      const summary = this.tree();
      if (!summary) return undefined;
      withTrees.delete(this);
      withTrees.add(this);
      return compute(summary);
    } finally {
      this.users--;
      this.dropOldTrees();
    }
  }

  private tree(): ModuleSummary | undefined {
    if (this.summary === undefined) {
      const source = this.text === undefined ? undefined : parseModule(this.path, this.text);
      this.source = source;
      try {
        this.summary = source ? summarizeModule(source, { file: this.path, settings: this.settings, depth: this.depth }, moduleEvaluator) : null;
      } catch {
        this.summary = null; // a module the analysis cannot follow has no summary; the lint goes on
      }
      if (this.summary) {
        treeText += this.text?.length ?? 0;
        this.shape ??= this.summary.shape;
      }
    }
    return this.summary ?? undefined;
  }

  private dropOldTrees(): void {
    for (const module of withTrees) {
      if (treeText <= MAX_TREE_TEXT) break;
      if (module.users === 0) module.dropTree();
    }
  }

  /** require-timeout, linting this module, reports this creation where it is made (not in a page: see hang-cost.ts). */
  private reportsCreation(creation: TSESTree.Node, kind: string): boolean {
    const source = this.source;
    const model = libraryOf(kind)?.creation;
    if (!source || !model || (creation.type !== AST_NODE_TYPES.CallExpression && creation.type !== AST_NODE_TYPES.NewExpression)) return false;
    const file = { environment: () => fileEnvironment(this.path, source.text, this.settings.files, source.scopeManager), filename: this.path };
    // the parsed module has no tokens: what a check reads of the text it reads by range
    const withText = { ...source, getText: (node?: TSESTree.Node) => (node ? source.text.slice(node.range[0], node.range[1]) : source.text) } as ModuleSource;
    try {
      return model.check(creation, withText, file) !== undefined && file.environment() !== 'browser';
    } catch {
      return false; // a check that needs more of the file than a summary keeps: the importers' calls stay reported
    }
  }

  dropTree(): void {
    this.source = undefined;
    if (this.summary) {
      this.summary = undefined;
      treeText -= this.text?.length ?? 0;
    }
    withTrees.delete(this);
  }
}

/**
 * The module at `path` changed (on disk or in an editor): its text is read again when next asked, and every summary
 * that looked into it, directly or through others, is computed again. Returns those modules and linted files (the
 * editor re-lints the open ones).
 */
export function forgetModule(path: string): Set<string> {
  texts.delete(path);
  forgetFieldAnswers();
  // What may export external calls follows the import graph by text: cheap to answer again, so all of it is forgotten.
  for (const known of maybeExternal.values()) known.clear();
  const affected = new Set<string>();
  const queue = [path];
  while (queue.length > 0) {
    const current = queue.pop()!;
    for (const bySettings of summaries.values()) {
      bySettings.get(current)?.dropTree();
      bySettings.delete(current);
    }
    for (const user of dependents.get(current) ?? []) {
      if (!affected.has(user) && user !== path) {
        affected.add(user);
        queue.push(user);
      }
    }
  }
  return affected;
}

/** Forget every module (files were created, deleted or renamed; a tsconfig or package.json changed). */
export function forgetAllModules(): void {
  texts.clear();
  forgetDependencyVersions();
  forgetPackageFields();
  forgetPackageRoles();
  for (const module of withTrees) module.dropTree();
  summaries.clear();
  maybeExternal.clear();
}
