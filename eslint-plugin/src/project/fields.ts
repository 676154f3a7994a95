import { dirname, join, relative } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { moduleEvaluator } from '../analysis/external-calls.js';
import type { ResilintSettings } from '../analysis/settings.js';
import { projectFileExists, readProjectFile, walkProjectFiles } from './files.js';
import { roleFromPath } from './file-roles.js';
import { MAX_MODULE_SIZE, parseModule, type ModuleSource } from './module-source.js';
import type { ProjectContext } from './summaries.js';
import { isProjectValue, type Value } from './values.js';
import type { ClientValue } from '../libraries/index.js';

/**
 * Field-based summaries of a package: what a property name holds wherever an object of the package is given it
 * (`$.http = createHttpClient(...)` in one module, `$.http.get(...)` in eighty others that receive `$` as a
 * parameter). A name is answered only when the package gives it one value, a client, at one place, and nothing else
 * anywhere (another assignment, an object key with a value not a literal, a type annotation): a name two kinds share
 * stays unknown. The index is built once per package from the text of its product files; only a name asked about
 * is evaluated, at its one site.
 */

interface FieldSites {
  /** `obj.name = make(...)` / `{ name: make(...) }`: the modules that make a value (found again in their text when asked). */
  readonly made: { readonly file: string }[];
  /** Assignments or keys whose value is something else (a variable, a function, a type). */
  others: number;
}

interface PackageFields {
  readonly sites: Map<string, FieldSites>;
  readonly answers: Map<string, Value | null>;
}

/** A package with more files than this is not indexed (a lint must not stall on a huge one). */
const MAX_FILES = 5_000;
const MAX_TEXT = 40 * 1024 * 1024;
/** Names evaluated per package: each parses the module that makes the value. */
const MAX_ANSWERS = 200;
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

const ASSIGNED = /(?:\.\s*([A-Za-z_$][\w$]*)\s*=(?![=>])|[{,]\s*([A-Za-z_$][\w$]*)\s*:(?!:))\s*/g;
const MADE = /^(?:await\s+)?(?:new\s+)?[A-Za-z_$][\w$.]*\s*\(/;
// Values that cannot be a client whose methods are called: `{ http: 2 }`, `levels.http = 'magenta'`.
const PRIMITIVE = /^(?:['"`\d-]|(?:true|false|null|undefined)\b)/;
/** `.name.` or `.name?.`: a property whose own members are used (`$.http.get(`). */
const MEMBER_OF_MEMBER = /\.([A-Za-z_$][\w$]*)(?=\??\.)/g;

const packages = new Map<string, PackageFields | null>();
const roots = new Map<string, string | null>();
const asking = new Set<string>();

/**
 * The cheap pre-check for a file that imports no client: does it call methods of a name the package gives one
 * client (`$.http.get(`)?
 */
export function usesPackageFields(text: string, project: ProjectContext): boolean {
  const fields = fieldsOfFile(project.file)?.fields;
  if (!fields || fields.sites.size === 0) return false;
  // One pass over the text, not one search per name: a monolith gives hundreds of names one value each.
  const seen = new Set<string>();
  for (const match of text.matchAll(MEMBER_OF_MEMBER)) {
    const name = match[1]!;
    if (seen.has(name) || !fields.sites.has(name)) continue;
    seen.add(name);
    if (packageFieldValue(project, name)) return true;
  }
  return false;
}

/** What `<object>.<name>` holds for an object the analysis cannot follow, by what the package assigns to `name`. */
export function packageFieldValue(project: ProjectContext, name: string): ClientValue | undefined {
  const { root, fields } = fieldsOfFile(project.file) ?? {};
  const sites = fields?.sites.get(name);
  if (!root || !fields || !sites || sites.others > 0 || sites.made.length !== 1) return undefined;
  const known = fields.answers.get(name);
  if (known !== undefined) return (known ?? undefined) as ClientValue | undefined;
  const key = `${root}\0${name}`;
  if (asking.has(key) || fields.answers.size >= MAX_ANSWERS) return undefined;
  asking.add(key);
  let found: Value | undefined;
  try {
    found = valueAt(name, sites.made[0]!, project);
  } catch {
    found = undefined; // a module the analysis cannot follow gives no answer; the lint goes on
  } finally {
    asking.delete(key);
  }
  const client = found && !isProjectValue(found) ? found : undefined;
  fields.answers.set(name, client ?? null);
  return client;
}

/**
 * The package a file is in and its index. The evaluator asks at every `x.name` it cannot follow, a file's in a row:
 * the last file's answer is kept at hand, so a lookup costs no `dirname` and no search of the roots.
 */
function fieldsOfFile(file: string): { root: string; fields: PackageFields } | undefined {
  if (file === lastFile) return lastFields;
  const root = packageRoot(dirname(file));
  const fields = root === undefined ? undefined : packageFields(root);
  lastFile = file;
  lastFields = root !== undefined && fields ? { root, fields } : undefined;
  return lastFields;
}

let lastFile: string | undefined;
let lastFields: { root: string; fields: PackageFields } | undefined;

function packageRoot(directory: string): string | undefined {
  const cached = roots.get(directory);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | undefined;
  if (projectFileExists(join(directory, 'package.json'))) found = directory;
  else if (dirname(directory) !== directory) found = packageRoot(dirname(directory));
  roots.set(directory, found ?? null);
  return found;
}

function packageFields(root: string): PackageFields | undefined {
  const cached = packages.get(root);
  if (cached !== undefined) return cached ?? undefined;
  const files = productFiles(root);
  let result: PackageFields | null = null;
  if (files) {
    const sites = new Map<string, FieldSites>();
    let total = 0;
    for (const file of files) {
      const text = readProjectFile(file);
      if (text === undefined || text.length > MAX_MODULE_SIZE) continue;
      total += text.length;
      if (total > MAX_TEXT) break;
      for (const site of assignedNames(text)) {
        let entry = sites.get(site.name);
        if (!entry) {
          entry = { made: [], others: 0 };
          sites.set(site.name, entry);
        }
        if (site.made) entry.made.push({ file });
        else entry.others++;
      }
    }
    for (const [name, entry] of sites) if (entry.made.length !== 1 || entry.others > 0) sites.delete(name);
    result = total > MAX_TEXT ? null : { sites, answers: new Map() };
  }
  packages.set(root, result);
  return result ?? undefined;
}

/** The names a module's text gives a value that is not a literal, and where each value starts. */
function* assignedNames(text: string): Generator<{ name: string; offset: number; made: boolean }> {
  for (const match of text.matchAll(ASSIGNED)) {
    const offset = match.index + match[0].length;
    const value = text.slice(offset, offset + 200);
    if (!PRIMITIVE.test(value)) yield { name: match[1] ?? match[2]!, offset, made: MADE.test(value) };
  }
}

/** The package's product files (tests, scripts, examples... left out), or undefined past the bound. */
function productFiles(root: string): string[] | undefined {
  const files: string[] = [];
  const complete = walkProjectFiles(root, {
    // a nested package has fields of its own
    enterFolder: (path) => !projectFileExists(join(path, 'package.json')),
    file(path, name) {
      if (!SOURCE_FILE.test(name) || name.endsWith('.d.ts') || roleFromPath(relative(root, path)) !== 'product') return true;
      files.push(path);
      return files.length <= MAX_FILES;
    },
  });
  return complete ? files : undefined;
}

/**
 * The value made at a site, evaluated in its module like a summary's. The module is read again and the site found
 * again in its text: the package's index is kept when one of its modules changes, and the offset it remembers may
 * have moved (an option added above the site), or the module may no longer give the name one value.
 */
function valueAt(name: string, site: { file: string }, project: ProjectContext): Value | undefined {
  const text = readProjectFile(site.file);
  if (text === undefined) return undefined;
  const here = [...assignedNames(text)].filter((assigned) => assigned.name === name);
  const offset = here.length === 1 && here[0]!.made ? here[0]!.offset : undefined;
  if (offset === undefined) return undefined;
  const source = parsedModule(site.file, text);
  if (!source) return undefined;
  const node = expressionAt(source.ast, offset, source.visitorKeys);
  if (!node) return undefined;
  const { evaluator } = moduleEvaluator(source, project.settings as ResilintSettings, { file: site.file, settings: project.settings, depth: project.depth + 1, force: true });
  return evaluator.evaluate(node);
}

/**
 * The last module parsed for a field's value, kept for the next name asked: the names a package's modules make are
 * asked one after another, several of the same module (outline's icon helpers: nine names, nine parses of one
 * module). Each name still gets an evaluator of its own, so the order names are asked in changes no answer.
 */
let lastParsed: { file: string; text: string; source: ModuleSource | undefined } | undefined;

function parsedModule(file: string, text: string): ModuleSource | undefined {
  if (lastParsed?.file !== file || lastParsed.text !== text) lastParsed = { file, text, source: parseModule(file, text) };
  return lastParsed.source;
}

/** The assigned value or property value that starts at `offset`. */
function expressionAt(node: TSESTree.Node, offset: number, keys: Record<string, readonly string[] | undefined>): TSESTree.Node | undefined {
  if ((node.type === 'AssignmentExpression' && node.right.range[0] === offset) || (node.type === 'Property' && node.value.range[0] === offset)) {
    return node.type === 'AssignmentExpression' ? node.right : node.value;
  }
  for (const key of keys[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(child) ? child : [child]) {
      if (item && typeof item === 'object' && 'range' in item) {
        const candidate = item as TSESTree.Node;
        if (candidate.range[0] <= offset && candidate.range[1] > offset) return expressionAt(candidate, offset, keys);
      }
    }
  }
  return undefined;
}

/** A module changed: what the names hold is evaluated again; the index of names by site is kept. */
export function forgetFieldAnswers(): void {
  lastParsed = undefined;
  for (const fields of packages.values()) fields?.answers.clear();
}

/** Files were created, deleted or renamed: every package's index is built again when next asked. */
export function forgetPackageFields(): void {
  lastParsed = undefined;
  lastFile = undefined;
  lastFields = undefined;
  packages.clear();
  roots.clear();
}
