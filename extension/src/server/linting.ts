import type { Rule } from 'eslint';
import { Linter } from 'eslint/universal';

/** The part of an ESLint plugin the server relies on; the rule list always comes from the plugin itself. */
export interface LintPlugin {
  rules: Record<string, { meta?: { docs?: { url?: string } } }>;
  configs?: Record<string, unknown>;
}

export type RuleSeverity = 'off' | 'warn' | 'error';

export interface LintOptions {
  /** Overrides of the `recommended` severities, keyed by rule name without the `resilint/` prefix. */
  ruleSeverities: Readonly<Record<string, RuleSeverity | 'default'>>;
  /** ESLint shared `settings.resilint` (the user's own clients, wrappers, sleep helpers, runtime module). */
  sharedSettings: Readonly<Record<string, unknown>> | undefined;
}

export type LintOutcome =
  | { kind: 'linted'; messages: Linter.LintMessage[]; failedRules: FailedRule[] }
  | { kind: 'unparsable'; message: string; line: number; column: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; message: string };

/**
 * Which findings a lint builds suggestions for: `all` (ESLint's own result), `none` (what diagnostics need), or
 * the findings at these places (`findingPlace`), each with exactly the suggestions ESLint gives it.
 */
export type SuggestionsFor = 'all' | 'none' | ReadonlySet<string>;

/** Where a finding is reported, as `SuggestionsFor` names it: the rule and the 1-based line and column. */
export function findingPlace(ruleId: string, line: number, column: number): string {
  return `${ruleId}@${line}:${column}`;
}

export interface FailedRule {
  ruleId: string;
  error: string;
}

export const PLUGIN_PREFIX = 'resilint';
/** Beyond this the file is generated or vendored code, not code a developer edits by hand. */
export const MAX_FILE_CHARACTERS = 2 * 1024 * 1024;

const LINTED_FILES = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];
const COMMONJS_FILE = /\.c[jt]s$/;

/**
 * Runs the plugin's rules with ESLint's own `Linter` (no file system, no workspace config): the same engine, the
 * same messages and the same suggestions as `eslint` on the command line.
 */
export class ResilintLinter {
  // The root as cwd: a file outside ESLint's base path would be reported as ignored instead of linted.
  private readonly linter = new Linter({ cwd: '/' });
  private readonly configs = new Map<string, Linter.Config[]>();
  private readonly selectivePlugin: LintPlugin;
  /** The places whose suggestions the running lint builds; read by the selective plugin's rules as they report. */
  private suggestionPlaces: ReadonlySet<string> = new Set();

  constructor(
    private readonly plugin: LintPlugin,
    private readonly parser: Linter.Parser & { forget?(filePath: string): void },
  ) {
    this.selectivePlugin = withSuggestionsOnlyAt(plugin, () => this.suggestionPlaces);
  }

  /** Drops what a parser that keeps per-file state (the incremental parser) holds for a closed file. */
  forget(filename: string): void {
    this.parser.forget?.(filename);
  }

  get ruleNames(): string[] {
    return Object.keys(this.plugin.rules);
  }

  documentationUrl(ruleId: string): string | undefined {
    return this.plugin.rules[shortRuleName(ruleId)]?.meta?.docs?.url;
  }

  lint(text: string, filename: string, options: LintOptions, suggestionsFor: SuggestionsFor = 'all'): LintOutcome {
    if (text.length > MAX_FILE_CHARACTERS) {
      return { kind: 'skipped', reason: `it has ${text.length} characters, more than the ${MAX_FILE_CHARACTERS} Resilint lints` };
    }
    if (text.includes('\u0000')) return { kind: 'skipped', reason: 'it looks binary (it contains NUL characters)' };

    const failedRules: FailedRule[] = [];
    // A rule that throws must not take the others down: turn it off for this run and lint again.
    for (;;) {
      const selective = suggestionsFor !== 'all';
      const config = this.config(options, COMMONJS_FILE.test(filename), failedRules, selective);
      let messages: Linter.LintMessage[];
      try {
        this.suggestionPlaces = suggestionsFor === 'all' || suggestionsFor === 'none' ? new Set() : suggestionsFor;
        messages = this.linter.verify(text, config, { filename, allowInlineConfig: true });
      } catch (error) {
        const ruleId = (error as { ruleId?: unknown }).ruleId;
        if (typeof ruleId !== 'string' || failedRules.some((failed) => failed.ruleId === ruleId)) {
          return { kind: 'failed', message: errorMessage(error) };
        }
        failedRules.push({ ruleId, error: errorMessage(error) });
        continue;
      }
      const fatal = messages.find((message) => message.fatal);
      if (fatal) return { kind: 'unparsable', message: fatal.message, line: fatal.line, column: fatal.column };
      return { kind: 'linted', messages: messages.filter((message) => message.ruleId?.startsWith(`${PLUGIN_PREFIX}/`)), failedRules };
    }
  }

  private config(options: LintOptions, commonJs: boolean, failedRules: readonly FailedRule[], selective: boolean): Linter.Config[] {
    const key = JSON.stringify([options.ruleSeverities, options.sharedSettings ?? null, commonJs, failedRules.map((rule) => rule.ruleId), selective]);
    let config = this.configs.get(key);
    if (!config) {
      const rules = this.ruleSettings(options.ruleSeverities);
      for (const failed of failedRules) rules[failed.ruleId] = 'off';
      config = [
        {
          files: LINTED_FILES,
          plugins: { [PLUGIN_PREFIX]: (selective ? this.selectivePlugin : this.plugin) as never },
          languageOptions: {
            parser: this.parser,
            ecmaVersion: 'latest',
            sourceType: commonJs ? 'commonjs' : 'module',
            parserOptions: { ecmaFeatures: { jsx: true } },
          },
          linterOptions: { reportUnusedDisableDirectives: 'off' },
          settings: options.sharedSettings ? { [PLUGIN_PREFIX]: options.sharedSettings } : {},
          rules,
        },
      ];
      this.configs.set(key, config);
    }
    return config;
  }

  private ruleSettings(overrides: LintOptions['ruleSeverities']): Linter.RulesRecord {
    const rules: Linter.RulesRecord = { ...recommendedRules(this.plugin) };
    for (const [name, severity] of Object.entries(overrides)) {
      const ruleId = `${PLUGIN_PREFIX}/${shortRuleName(name)}`;
      if (!(shortRuleName(name) in this.plugin.rules) || severity === 'default') continue;
      const current = rules[ruleId];
      // Keep the rule's options from `recommended`, change only its severity.
      rules[ruleId] = Array.isArray(current) ? [severity, ...current.slice(1)] : severity;
    }
    return rules;
  }
}

/**
 * The plugin with every rule reporting its findings without their suggestions, except at the given places. ESLint
 * has each suggestion's edits built (and merged into one text) as the rule reports, for every finding on every
 * keystroke; the editor needs them only for the findings under the cursor, and gets them from another lint of the
 * same text in which those findings keep their suggestions, built by ESLint exactly as without the editor.
 */
function withSuggestionsOnlyAt(plugin: LintPlugin, places: () => ReadonlySet<string>): LintPlugin {
  const rules = Object.fromEntries(Object.entries(plugin.rules).map(([name, rule]) => [name, suggestionsOnlyAt(rule as Rule.RuleModule, places)]));
  return { ...plugin, rules };
}

function suggestionsOnlyAt(rule: Rule.RuleModule, places: () => ReadonlySet<string>): Rule.RuleModule {
  return {
    ...rule,
    create(context) {
      const report = (...args: Parameters<Rule.RuleContext['report']>): void => {
        const [descriptor] = args;
        if (args.length !== 1 || descriptor.suggest === undefined || places().has(reportedPlace(context.id, descriptor))) return context.report(...args);
        context.report({ ...descriptor, suggest: undefined });
      };
      // ESLint's rule context is a frozen object whose prototype holds the rest; only `report` differs.
      return rule.create(Object.create(context, { report: { value: report } }) as Rule.RuleContext);
    },
  };
}

/** The place ESLint gives the message of this report: the start of its `loc`, else of its node (columns from 1). */
function reportedPlace(ruleId: string, descriptor: Rule.ReportDescriptor): string {
  type Position = { line: number; column: number };
  const { loc, node } = descriptor as { loc?: Position | { start: Position }; node?: { loc: { start: Position } } };
  const start = loc ? ('start' in loc && loc.start ? loc.start : (loc as Position)) : node!.loc.start;
  return findingPlace(ruleId, start.line, start.column + 1);
}

/**
 * Finding `index` of `messages` as another lint of the same text reports it: the finding of the same rule, range
 * and message (the n-th of identical ones); undefined when that lint does not report it.
 */
export function sameFinding(messages: readonly Linter.LintMessage[], index: number, otherLint: readonly Linter.LintMessage[]): Linter.LintMessage | undefined {
  const message = messages[index];
  if (!message) return undefined;
  const key = findingKey(message);
  const rank = messages.slice(0, index).filter((other) => findingKey(other) === key).length;
  return otherLint.filter((other) => findingKey(other) === key)[rank];
}

function findingKey(message: Linter.LintMessage): string {
  return JSON.stringify([message.ruleId, message.line, message.column, message.endLine, message.endColumn, message.messageId, message.message]);
}

/** The rules of the plugin's `recommended` config, whether it is one flat config object or an array of them. */
function recommendedRules(plugin: LintPlugin): Linter.RulesRecord {
  const recommended = plugin.configs?.['recommended'];
  const entries = Array.isArray(recommended) ? recommended : [recommended];
  const rules: Linter.RulesRecord = {};
  for (const entry of entries) {
    const entryRules = (entry as { rules?: Linter.RulesRecord } | undefined)?.rules;
    if (entryRules) Object.assign(rules, entryRules);
  }
  return rules;
}

export function shortRuleName(ruleId: string): string {
  return ruleId.startsWith(`${PLUGIN_PREFIX}/`) ? ruleId.slice(PLUGIN_PREFIX.length + 1) : ruleId;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
