import { EVERY_FILE_IS_PRODUCT, NO_FILE_SETTINGS, parseFileSettings, type FileSelection, type FileSettings } from 'eslint-plugin-resilint/file-roles';
import type { ProblemSeverity } from './diagnostics.js';
import { readExclude } from './exclude.js';
import type { LintOptions, RuleSeverity } from './linting.js';
import type { ProjectResilintConfig } from './project-config.js';

/** The `resilint.*` settings of one resource, checked; see `contributes.configuration` in package.json. */
export interface ServerSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  rules: Record<string, RuleSeverity | 'default'>;
  /** `resilint.problems.severity`: every finding shown as a warning or an information, or as the config says. */
  problemSeverity: ProblemSeverity;
  runtimeCopyPath: string;
  validate: string[];
  /** Lint every source file, not only product code (the CLI's `--all-files`). */
  allFiles: boolean;
  /** Globs, relative to the workspace folder, of files never linted, open or in the whole workspace. */
  exclude: string[];
  /** Forwarded to the rules as ESLint's shared `settings.resilint`. */
  settings: Record<string, unknown> | undefined;
  /** `settings.files`, checked: its role globs choose the linted files here as in the rules. */
  files: FileSettings;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: true,
  run: 'onType',
  rules: {},
  problemSeverity: 'default',
  runtimeCopyPath: 'src/resilint-runtime.js',
  validate: ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'vue', 'svelte'],
  allFiles: false,
  exclude: [],
  settings: undefined,
  files: NO_FILE_SETTINGS,
};

const SEVERITIES = ['off', 'warn', 'error', 'default'];

/**
 * Reads the raw `resilint` configuration section. A wrong value never stops linting: it falls back to the
 * default and the problem, worded as what to change, goes to the output channel.
 */
export function readSettings(raw: unknown, knownRules: readonly string[]): { settings: ServerSettings; problems: string[] } {
  const problems: string[] = [];
  const section = isRecord(raw) ? raw : {};
  const settings: ServerSettings = { ...DEFAULT_SETTINGS, rules: {} };

  if (section['enable'] !== undefined) {
    if (typeof section['enable'] === 'boolean') settings.enable = section['enable'];
    else problems.push('resilint.enable must be true or false.');
  }
  if (section['run'] !== undefined) {
    if (section['run'] === 'onType' || section['run'] === 'onSave') settings.run = section['run'];
    else problems.push(`resilint.run must be "onType" or "onSave", not ${JSON.stringify(section['run'])}.`);
  }
  if (section['rules'] !== undefined) {
    if (isRecord(section['rules'])) {
      for (const [name, severity] of Object.entries(section['rules'])) {
        const rule = name.replace(/^resilint\//, '');
        if (!knownRules.includes(rule)) {
          problems.push(`resilint.rules: "${name}" is not a Resilint rule; use one of ${knownRules.join(', ')}.`);
        } else if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) {
          problems.push(`resilint.rules: "${name}" must be one of ${SEVERITIES.join(', ')}, not ${JSON.stringify(severity)}.`);
        } else {
          settings.rules[rule] = severity as RuleSeverity | 'default';
        }
      }
    } else {
      problems.push('resilint.rules must be an object such as { "require-timeout": "error" }.');
    }
  }
  const shownSeverity = isRecord(section['problems']) ? section['problems']['severity'] : undefined;
  if (shownSeverity !== undefined) {
    if (shownSeverity === 'default' || shownSeverity === 'warn' || shownSeverity === 'info') settings.problemSeverity = shownSeverity;
    else problems.push(`resilint.problems.severity must be "default", "warn" or "info", not ${JSON.stringify(shownSeverity)}.`);
  }
  const copyPath = section['runtime'] !== undefined && isRecord(section['runtime']) ? section['runtime']['copyPath'] : undefined;
  if (copyPath !== undefined) {
    if (typeof copyPath === 'string' && /\.m?js$/.test(copyPath) && !copyPath.startsWith('/') && !copyPath.split(/[\\/]/).includes('..')) {
      settings.runtimeCopyPath = copyPath;
    } else {
      problems.push(`resilint.runtime.copyPath must be a .js path inside the workspace folder such as "src/resilint-runtime.js", not ${JSON.stringify(copyPath)}.`);
    }
  }
  if (section['validate'] !== undefined) {
    if (Array.isArray(section['validate']) && section['validate'].every((id) => typeof id === 'string')) {
      settings.validate = section['validate'] as string[];
    } else {
      problems.push('resilint.validate must be a list of language ids such as ["javascript", "typescript"].');
    }
  }
  if (section['allFiles'] !== undefined) {
    if (typeof section['allFiles'] === 'boolean') settings.allFiles = section['allFiles'];
    else problems.push('resilint.allFiles must be true or false.');
  }
  if (section['exclude'] !== undefined) {
    const { globs, problems: excludeProblems } = readExclude(section['exclude']);
    settings.exclude = globs;
    problems.push(...excludeProblems);
  }
  if (section['settings'] !== undefined && section['settings'] !== null) {
    if (isRecord(section['settings'])) {
      settings.settings = section['settings'];
      try {
        settings.files = parseFileSettings(section['settings']['files'], (path, problem) => {
          throw new Error(`resilint.${path.replace(/^settings\.resilint\./, 'settings.')} ${problem}.`);
        });
      } catch (error) {
        problems.push((error as Error).message);
      }
    } else {
      problems.push('resilint.settings must be an object such as { "clients": [], "wrappers": [] }.');
    }
  }
  return { settings, problems };
}

/**
 * Which files are linted, with the file roles the rules see: `resilint.settings.files` when set, else
 * `settings.resilint.files` of the project's ESLint config for the file (`project`), as `lintOptions` merges them.
 */
export function fileSelection(settings: ServerSettings, project?: ProjectResilintConfig): FileSelection {
  const ownFiles = settings.settings?.['files'] !== undefined;
  return { allFiles: settings.allFiles, files: ownFiles ? settings.files : (project?.files ?? settings.files) };
}

/**
 * The lint of one file: `resilint.rules` over the project's own config (`project`, in a trusted workspace) over
 * `recommended`; `resilint.settings` keys over the config's `settings.resilint`.
 */
export function lintOptions(settings: ServerSettings, project?: ProjectResilintConfig): LintOptions {
  const shared = project?.settings ? { ...project.settings, ...settings.settings } : settings.settings;
  const projectRules = project && Object.keys(project.rules).length > 0 ? { projectRules: project.rules } : {};
  if (!settings.allFiles) return { ruleSeverities: settings.rules, sharedSettings: shared, ...projectRules };
  // Every file: the rules also lint what the code says is a test, a script or generated, as `resilint --all-files`.
  const files = { ...settings.files, roles: { ...EVERY_FILE_IS_PRODUCT, ...settings.files.roles } };
  return { ruleSeverities: settings.rules, sharedSettings: { ...shared, files }, ...projectRules };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
