import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { parseFileSettings, type FileSettings } from 'eslint-plugin-resilint/file-roles';
import { PLUGIN_PREFIX } from './linting.js';

/** What a project's own ESLint config says about Resilint for one file: its `resilint/*` rules and `settings.resilint`. */
export interface ProjectResilintConfig {
  configFile: string;
  /** `resilint/*` rules as the config sets them for the file, with their options. */
  rules: Linter.RulesRecord;
  settings: Record<string, unknown> | undefined;
  /** The config's `ignores` skip the file: ESLint would not lint it, so neither does Resilint. */
  ignored: boolean;
  /** `settings.resilint.files`, checked: the file roles it sets choose the linted files as they do in the rules. */
  files?: FileSettings;
}

const CONFIG_NAMES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];
const TYPESCRIPT_CONFIG = /\.[cm]?ts$/;

export function isEslintConfigFile(path: string): boolean {
  return CONFIG_NAMES.includes(basename(path));
}

interface LoadedConfig {
  eslint: ESLint;
  /** Per linted file, what the config says about Resilint there (undefined: nothing). */
  byFile: Map<string, Promise<ProjectResilintConfig | undefined>>;
}

/**
 * The workspace's own flat ESLint configs, computed for a file with ESLint's own `calculateConfigForFile`, so that
 * the levels, options and `settings.resilint` a project gives Resilint's rules win over the bundled `recommended`.
 * Loading a config runs the project's code: only in a trusted workspace. A config that throws, or an
 * `eslint.config.ts` (ESLint needs jiti for it, which the extension does not ship), is said once in the log and the
 * bundled defaults apply. Each config is read once, and again when it changes (`changed`).
 */
export class ProjectConfigs {
  private readonly loaded = new Map<string, LoadedConfig | 'failed'>();
  /** The config ESLint uses for the files of each folder a linted file is in (a lint per keystroke must not walk the disk). */
  private readonly nearest = new Map<string, string | undefined>();
  /** Per workspace folder, whether the project's ESLint looks a config up from each file (ESLint 10) or from the folder. */
  private readonly lookupFromFile = new Map<string, boolean>();

  constructor(
    private readonly isTrusted: () => boolean,
    private readonly logOnce: (level: 'info' | 'warn' | 'error', message: string) => void,
  ) {}

  /**
   * What the `eslint.config.*` ESLint itself would use for `path` says about Resilint there: the nearest one above the
   * file (ESLint 10, and the bundled ESLint when the project has none), or, when the project's own ESLint is 9, the
   * one found from the workspace folder (its working directory in the editor, as in vscode-eslint), for every file.
   */
  async forFile(path: string, workspaceFolder: string): Promise<ProjectResilintConfig | undefined> {
    let fromFile = this.lookupFromFile.get(workspaceFolder);
    if (fromFile === undefined) {
      fromFile = (projectEslintMajor(workspaceFolder) ?? 10) >= 10;
      this.lookupFromFile.set(workspaceFolder, fromFile);
    }
    const folder = fromFile ? dirname(path) : workspaceFolder;
    if (!this.nearest.has(folder)) this.nearest.set(folder, nearestConfig(folder));
    const configFile = this.nearest.get(folder);
    if (!configFile) return undefined;
    if (!this.isTrusted()) {
      this.logOnce('info', `The workspace is not trusted: Resilint does not load ${configFile} (that would run the project's code) and lints with its bundled defaults. Trust the workspace to have that config's resilint/* rules and settings.resilint apply.`);
      return undefined;
    }
    if (TYPESCRIPT_CONFIG.test(configFile)) {
      this.logOnce('warn', `Resilint cannot load ${configFile} (a TypeScript config needs jiti, which the extension does not carry) and lints with its bundled defaults there; an eslint.config.mjs would be read.`);
      return undefined;
    }
    const loaded = await this.load(configFile);
    if (loaded === 'failed') return undefined;
    let config = loaded.byFile.get(path);
    if (!config) {
      config = this.calculate(loaded.eslint, configFile, path);
      loaded.byFile.set(path, config);
    }
    return config;
  }

  /** Files changed on disk; returns whether one was an ESLint config (then every config is read again). */
  changed(paths: readonly string[]): boolean {
    // a package.json may bring another ESLint, which looks its config up elsewhere
    if (paths.some((path) => basename(path) === 'package.json')) {
      this.lookupFromFile.clear();
      this.nearest.clear();
    }
    if (!paths.some(isEslintConfigFile)) return false;
    this.loaded.clear();
    this.nearest.clear();
    return true;
  }

  /** The workspace became trusted: configs are read from now on. */
  trustChanged(): void {
    this.loaded.clear();
    this.nearest.clear();
    this.lookupFromFile.clear();
  }

  private async load(configFile: string): Promise<LoadedConfig | 'failed'> {
    const cached = this.loaded.get(configFile);
    if (cached) return cached;
    const { ESLint } = await import('eslint');
    const loaded: LoadedConfig = { eslint: new ESLint({ cwd: dirname(configFile), overrideConfigFile: configFile }), byFile: new Map() };
    this.loaded.set(configFile, loaded);
    return loaded;
  }

  private async calculate(eslint: ESLint, configFile: string, path: string): Promise<ProjectResilintConfig | undefined> {
    let config: Linter.Config | undefined;
    try {
      config = (await eslint.calculateConfigForFile(path)) as Linter.Config | undefined;
    } catch (error) {
      // Every file under this config would fail alike: say it once, and use the defaults until the file changes.
      this.loaded.set(configFile, 'failed');
      this.logOnce('error', `Could not load ${configFile}, so Resilint lints with its bundled defaults there until it changes: ${firstLine(error)}`);
      return undefined;
    }
    if (!config && (await eslint.isPathIgnored(path)) && (await ignoredByPattern(eslint, path))) {
      this.logOnce('info', `Not linting the files ${configFile} ignores (its ignores).`);
      return { configFile, rules: {}, settings: undefined, ignored: true };
    }
    const rules: Linter.RulesRecord = {};
    for (const [ruleId, entry] of Object.entries(config?.rules ?? {})) {
      if (ruleId.startsWith(`${PLUGIN_PREFIX}/`) && entry !== undefined) rules[ruleId] = entry;
    }
    const settings = config?.settings?.[PLUGIN_PREFIX];
    const resilintSettings = typeof settings === 'object' && settings !== null && !Array.isArray(settings) ? (settings as Record<string, unknown>) : undefined;
    if (Object.keys(rules).length === 0 && !resilintSettings) return undefined;
    this.logOnce('info', `Using the resilint/* rules and settings.resilint of ${configFile} for the files it covers; resilint.rules still overrides their levels.`);
    let files: FileSettings | undefined;
    try {
      if (resilintSettings?.['files'] !== undefined) files = parseFileSettings(resilintSettings['files'], (key, problem) => { throw new Error(`${key} ${problem}`); });
    } catch (error) {
      this.logOnce('warn', `The file roles of ${configFile} do not choose the linted files: ${firstLine(error)}.`);
    }
    return { configFile, rules, settings: resilintSettings, ignored: false, ...(files ? { files } : {}) };
  }
}

/** The nearest `eslint.config.*` in `folder` or above it, up to the root of the disk, as ESLint looks one up. */
function nearestConfig(folder: string): string | undefined {
  for (let directory = folder; ; directory = dirname(directory)) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(directory, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(directory) === directory) return undefined;
  }
}

/** The major version of the ESLint the workspace folder's project installs, if any. */
function projectEslintMajor(workspaceFolder: string): number | undefined {
  try {
    const manifest = createRequire(join(workspaceFolder, 'package.json')).resolve('eslint/package.json');
    const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? Number.parseInt(version, 10) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the config's `ignores` skip the file, not merely no `files` pattern matching it (ESLint reports both as
 * ignored; a file only no `files` covers still gets Resilint's bundled defaults). ESLint says which in the warning
 * it gives for an ignored file, without linting it.
 */
async function ignoredByPattern(eslint: ESLint, path: string): Promise<boolean> {
  const [result] = await eslint.lintText('', { filePath: path, warnIgnored: true });
  return result?.messages.some((message) => /matching ignore pattern/.test(message.message)) ?? false;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
