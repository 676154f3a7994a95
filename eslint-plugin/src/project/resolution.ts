import { dirname, join, resolve as resolvePath, sep } from 'node:path';
import { ownCopy, readProjectFile, projectFileExists, projectDirectoryExists, projectRealpath } from './files.js';
import { missingGeneratedPaths } from './framework-aliases.js';
import { loadTypeScript, type TypeScript } from './typescript.js';
import { clearWorkspaceCaches, workspacePackageFor } from './workspaces.js';

/**
 * Module resolution as TypeScript does it: `ts.resolveModuleName` with the nearest tsconfig.json (or jsconfig.json),
 * its `extends` chain, `baseUrl` and `paths`, package `exports`, and workspace packages linked into node_modules
 * (npm, yarn, pnpm), plus workspace packages found from the root's package.json when nothing is installed.
 *
 * Why TypeScript's resolver and not oxc-resolver: `typescript` is already loaded in every host that parses
 * TypeScript (it is @typescript-eslint/parser's peer, and the summaries parse other files with it), so it costs no
 * new dependency, it answers exactly as the user's compiler does (paths, moduleSuffixes, `types` conditions,
 * d.ts-to-source), and it runs inside the esbuild-bundled language server and oxlint's JS plugin host, where a
 * native binding would need a build per platform. Measured on every import of two real code bases (5,743 and 8,147
 * imports, TypeScript already loaded): 0.44 s and 1.06 s here, 0.10 s and 0.15 s for oxc-resolver, which resolved
 * less than a quarter of the project's own modules with its `tsconfig: 'auto'` set-up: a fraction of a cold lint,
 * paid once per process, for the compiler's own answers (see docs/benchmarks.md, "Module resolution").
 *
 * Only the project's own modules are resolved: relative imports, `paths` aliases, `baseUrl` imports and workspace
 * packages. Anything that lands in a third-party package under node_modules is a library, which the client models
 * know by name. Never throws: an import that cannot be resolved resolves to undefined.
 */
export function resolveProjectModule(specifier: string, fromFile: string): string | undefined {
  const inDirectory = resolutionsFrom(fromFile);
  const cached = inDirectory.get(specifier);
  if (cached !== undefined) return cached ?? undefined;
  if (!mayBeProjectModule(specifier)) return undefined;
  // TypeScript's resolution cache keeps the specifier it is given: a slice of a module's text would keep the whole text
  const own = ownCopy(specifier);
  let resolved: string | undefined;
  try {
    resolved = resolveUncached(own, fromFile);
  } catch {
    resolved = undefined;
  }
  if (cachedResolutions > MAX_CACHED_RESOLUTIONS) clearResolutions();
  resolutionsFrom(fromFile).set(own, resolved ?? null);
  cachedResolutions++;
  return resolved;
}

/**
 * The resolutions from the directory of `fromFile`. A file asks for all its imports in a row, so the last file's
 * directory is kept at hand: a lookup then costs no `dirname` and no key built of specifier and directory.
 */
function resolutionsFrom(fromFile: string): Map<string, string | null> {
  if (fromFile === lastFile && lastResolutions) return lastResolutions;
  const directory = dirname(fromFile);
  let inDirectory = resolutions.get(directory);
  if (!inDirectory) {
    inDirectory = new Map();
    resolutions.set(directory, inDirectory);
  }
  lastFile = fromFile;
  lastResolutions = inDirectory;
  return inDirectory;
}

function clearResolutions(): void {
  resolutions.clear();
  cachedResolutions = 0;
  lastFile = undefined;
  lastResolutions = undefined;
}

/** Forgets every resolution and tsconfig (the language server calls this when a tsconfig or package.json changes). */
export function clearResolutionCaches(): void {
  clearWorkspaceCaches();
  clearResolutions();
  configs.clear();
  configOfDirectory.clear();
}

const MAX_CACHED_RESOLUTIONS = 100_000;
/** Directory -> specifier -> the module it resolves to (null: none of the project's). */
const resolutions = new Map<string, Map<string, string | null>>();
let cachedResolutions = 0;
let lastFile: string | undefined;
let lastResolutions: Map<string, string | null> | undefined;

/** Builtins, URLs and protocol imports are never the project's own code. */
function mayBeProjectModule(specifier: string): boolean {
  if (specifier === '' || specifier.startsWith('node:') || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return false;
  return true;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

function resolveUncached(specifier: string, fromFile: string): string | undefined {
  const relative = specifier.startsWith('.') || specifier.startsWith('/');
  const config = configFor(dirname(fromFile));
  const ts = loadTypeScript();
  if (ts && config) {
    const workspace = relative ? [] : workspacePackageFor(specifier, fromFile);
    // A bare import is the project's own only through `paths`/`baseUrl` or a workspace package: others are libraries,
    // and asking TypeScript about them would walk every node_modules up the tree.
    if (!relative && workspace.length === 0 && !viaPathsOrBaseUrl(config, specifier)) return undefined;
    const alias = !relative && workspace.length === 0;
    const known = alias ? config.aliases.get(specifier) : undefined;
    if (known) return known;
    const viaTypeScript = resolveWithTypeScript(ts, config, specifier, fromFile);
    if (viaTypeScript && alias) config.aliases.set(ownCopy(specifier), viaTypeScript);
    if (viaTypeScript) return viaTypeScript;
    for (const candidate of workspace) {
      const found = resolveWithTypeScript(ts, config, candidate, fromFile);
      if (found) return found;
    }
    return relative ? builtFileSource(resolvePath(dirname(fromFile), specifier)) : undefined;
  }
  if (relative) return probeFile(resolvePath(dirname(fromFile), specifier)) ?? builtFileSource(resolvePath(dirname(fromFile), specifier));
  for (const candidate of workspacePackageFor(specifier, fromFile)) {
    const found = probeFile(candidate);
    if (found) return found;
  }
  return undefined;
}

/** Without TypeScript (a plain JavaScript project): the file, with an extension added, or its directory's index. */
function probeFile(path: string): string | undefined {
  const bare = path.replace(/\.(?:m|c)?js$/, '');
  for (const candidate of [path, ...SOURCE_EXTENSIONS.map((extension) => bare + extension), ...SOURCE_EXTENSIONS.map((extension) => join(path, `index${extension}`))]) {
    if (projectFileExists(candidate)) return candidate;
  }
  return undefined;
}

interface ProjectConfig {
  /**
   * A `paths` alias or `baseUrl` import that reaches a file of the project reaches the same file from every directory
   * the tsconfig governs (`@server/models` in 400 directories of an app is one resolution, not 400). Only what was
   * found is shared: a miss falls back to node_modules, which depends on the directory.
   */
  readonly aliases: Map<string, string>;
  readonly options: import('typescript').CompilerOptions;
  readonly bundlerOptions: import('typescript').CompilerOptions;
  readonly cache: import('typescript').ModuleResolutionCache;
  readonly bundlerCache: import('typescript').ModuleResolutionCache;
}

const configs = new Map<string, ProjectConfig | null>();
const configOfDirectory = new Map<string, string | null>();
const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

function configPathFor(directory: string): string | undefined {
  const cached = configOfDirectory.get(directory);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | undefined;
  for (const name of CONFIG_NAMES) {
    if (projectFileExists(join(directory, name))) {
      found = join(directory, name);
      break;
    }
  }
  if (!found && !isFileSystemRoot(directory) && !directory.endsWith(`${sep}node_modules`)) found = configPathFor(dirname(directory));
  configOfDirectory.set(directory, found ?? null);
  return found;
}

function isFileSystemRoot(directory: string): boolean {
  return dirname(directory) === directory;
}

const HOST = {
  fileExists: projectFileExists,
  readFile: (path: string) => readProjectFile(path),
  directoryExists: projectDirectoryExists,
  realpath: projectRealpath,
  getCurrentDirectory: () => process.cwd(),
  useCaseSensitiveFileNames: process.platform !== 'win32' && process.platform !== 'darwin',
  // The options are all a resolution needs: listing the project's files would cost a walk of the whole tree.
  readDirectory: () => [],
};

/** The compiler options of the tsconfig governing `directory` (a default one where there is none). */
function configFor(directory: string): ProjectConfig | undefined {
  const ts = loadTypeScript();
  if (!ts) return undefined;
  const path = configPathFor(directory) ?? '';
  const cached = configs.get(path);
  if (cached !== undefined) return cached ?? undefined;
  let options: import('typescript').CompilerOptions = {};
  if (path) {
    try {
      const read = ts.readConfigFile(path, HOST.readFile);
      if (read.config) options = ts.parseJsonConfigFileContent(read.config, HOST, dirname(path), undefined, path).options;
      const generated = missingGeneratedPaths(path, read.config?.extends);
      if (generated) options = { ...options, paths: { ...generated, ...options.paths } };
    } catch {
      options = {};
    }
  }
  const config = makeConfig(ts, { ...options, allowJs: true, noEmit: true }, path ? dirname(path) : directory);
  configs.set(path, config);
  return config;
}

function makeConfig(ts: TypeScript, options: import('typescript').CompilerOptions, root: string): ProjectConfig {
  const canonical = (name: string) => (HOST.useCaseSensitiveFileNames ? name : name.toLowerCase());
  // Code bundled or run by tools that read `exports` resolves as a bundler does, whatever the tsconfig's older mode.
  const bundlerOptions = { ...options, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, resolvePackageJsonExports: true };
  return {
    aliases: new Map(),
    options,
    bundlerOptions,
    cache: ts.createModuleResolutionCache(root, canonical, options),
    bundlerCache: ts.createModuleResolutionCache(root, canonical, bundlerOptions),
  };
}

/** `paths` has a pattern the specifier matches, or `baseUrl` holds a file or folder named like its first segment. */
function viaPathsOrBaseUrl(config: ProjectConfig, specifier: string): boolean {
  for (const pattern of Object.keys(config.options.paths ?? {})) {
    const star = pattern.indexOf('*');
    if (star < 0 ? specifier === pattern : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))) return true;
  }
  const baseUrl = config.options.baseUrl;
  if (baseUrl === undefined) return false;
  const first = join(baseUrl, specifier.split('/')[0]!);
  return projectDirectoryExists(first) || SOURCE_EXTENSIONS.some((extension) => projectFileExists(first + extension));
}

function resolveWithTypeScript(ts: TypeScript, config: ProjectConfig, specifier: string, fromFile: string): string | undefined {
  const relative = specifier.startsWith('.') || specifier.startsWith('/');
  const attempts: [import('typescript').CompilerOptions, import('typescript').ModuleResolutionCache][] = [
    [config.options, config.cache], [config.bundlerOptions, config.bundlerCache],
  ];
  for (const [options, cache] of attempts) {
    const resolved = ts.resolveModuleName(specifier, fromFile, options, HOST, cache).resolvedModule;
    if (!resolved) continue;
    const file = resolved.resolvedFileName;
    // A third-party package is a library: the client models know it by name, its code is not the project's.
    if (!relative && resolved.isExternalLibraryImport && projectRealpath(file).split(sep).includes('node_modules')) return undefined;
    return sourceOf(projectRealpath(file));
  }
  return undefined;
}

/**
 * A relative import of another package's build output that is not built here (`../../core/dist/git` in a fresh
 * clone): the package's source at the same place under `src/`, when the folder above the build output is a package.
 */
function builtFileSource(path: string): string | undefined {
  const built = path.match(/^(.*)[\\/](?:dist|lib|build|out)[\\/](.*)$/);
  if (!built || !projectFileExists(join(built[1]!, 'package.json'))) return undefined;
  return probeFile(join(built[1]!, 'src', built[2]!));
}

/** A declaration file stands for its source: `dist/http.d.ts` -> `src/http.ts` or `dist/http.js`, when present. */
function sourceOf(file: string): string | undefined {
  if (!/\.d\.[mc]?ts$/.test(file)) return file;
  const base = file.replace(/\.d\.[mc]?ts$/, '');
  const bases = [base];
  const built = base.match(/^(.*)[\\/](?:dist|lib|build|out)[\\/](.*)$/);
  if (built) bases.unshift(join(built[1]!, 'src', built[2]!));
  for (const candidate of bases) {
    for (const extension of SOURCE_EXTENSIONS) {
      if (projectFileExists(candidate + extension)) return candidate + extension;
    }
  }
  return undefined;
}
