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
 * What a lint returns of each suggestion: `edits`, ESLint's own result; `titles`, the same suggestions (same
 * `desc`, `messageId`, `data`, in the same order) whose `fix` is a placeholder that must never be applied.
 */
export type SuggestionDetail = 'titles' | 'edits';

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
  private readonly titlesPlugin: LintPlugin;

  constructor(
    private readonly plugin: LintPlugin,
    private readonly parser: Linter.Parser,
  ) {
    this.titlesPlugin = withPlaceholderFixes(plugin);
  }

  get ruleNames(): string[] {
    return Object.keys(this.plugin.rules);
  }

  documentationUrl(ruleId: string): string | undefined {
    return this.plugin.rules[shortRuleName(ruleId)]?.meta?.docs?.url;
  }

  /** `titles` is what diagnostics and code action titles need; `edits` is for the one fix the user picks. */
  lint(text: string, filename: string, options: LintOptions, detail: SuggestionDetail = 'edits'): LintOutcome {
    if (text.length > MAX_FILE_CHARACTERS) {
      return { kind: 'skipped', reason: `it has ${text.length} characters, more than the ${MAX_FILE_CHARACTERS} Resilint lints` };
    }
    if (text.includes('\u0000')) return { kind: 'skipped', reason: 'it looks binary (it contains NUL characters)' };

    const failedRules: FailedRule[] = [];
    // A rule that throws must not take the others down: turn it off for this run and lint again.
    for (;;) {
      const config = this.config(options, COMMONJS_FILE.test(filename), failedRules, detail);
      let messages: Linter.LintMessage[];
      try {
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

  private config(options: LintOptions, commonJs: boolean, failedRules: readonly FailedRule[], detail: SuggestionDetail): Linter.Config[] {
    const key = JSON.stringify([options.ruleSeverities, options.sharedSettings ?? null, commonJs, failedRules.map((rule) => rule.ruleId), detail]);
    let config = this.configs.get(key);
    if (!config) {
      const rules = this.ruleSettings(options.ruleSeverities);
      for (const failed of failedRules) rules[failed.ruleId] = 'off';
      config = [
        {
          files: LINTED_FILES,
          plugins: { [PLUGIN_PREFIX]: (detail === 'titles' ? this.titlesPlugin : this.plugin) as never },
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
 * The plugin with every rule reporting its suggestions under their own titles but with a placeholder fix. ESLint
 * merges each suggestion's edits into one text as the rule reports (the text from the first edit to the last:
 * from an import at the top to the call it wraps), for every finding on every keystroke; the editor needs that
 * edit only for the suggestion the user picks, and takes it from an `edits` lint of the same text.
 */
function withPlaceholderFixes(plugin: LintPlugin): LintPlugin {
  const rules = Object.fromEntries(Object.entries(plugin.rules).map(([name, rule]) => [name, placeholderFixRule(rule as Rule.RuleModule)]));
  return { ...plugin, rules };
}

function placeholderFixRule(rule: Rule.RuleModule): Rule.RuleModule {
  return {
    ...rule,
    create(context) {
      const report = (...args: Parameters<Rule.RuleContext['report']>): void => {
        const [descriptor] = args;
        if (args.length !== 1 || !Array.isArray(descriptor.suggest)) return context.report(...args);
        // A suggestion without a fix function stays as it is, for ESLint to reject as it always does.
        const suggest = descriptor.suggest.map((suggestion) => (typeof suggestion.fix === 'function' ? { ...suggestion, fix: placeholderFor(suggestion.fix) } : suggestion));
        context.report({ ...descriptor, suggest });
      };
      // ESLint's rule context is a frozen object whose prototype holds the rest; only `report` differs.
      return rule.create(Object.create(context, { report: { value: report } }) as Rule.RuleContext);
    },
  };
}

type SuggestionFix = Rule.SuggestionReportDescriptor['fix'];

/**
 * The rule's fix still runs: ESLint drops a suggestion whose fix returns no edit, and fails the rule when an edit
 * has no range or two edits overlap, so the titles must wait for its result. Only a result ESLint would merge
 * into a suggestion is swapped for the placeholder; any other goes to ESLint as it is.
 */
function placeholderFor(fix: SuggestionFix): SuggestionFix {
  return (fixer) => {
    const result = fix(fixer);
    if (!result) return result;
    const fixes = Symbol.iterator in result ? Array.from(result) : [result];
    const mergeable = fixes.length > 0 && fixes.every(hasRange) && !overlapping(fixes);
    return mergeable ? { range: [0, 0], text: '' } : fixes;
  };
}

function hasRange(fix: Rule.Fix | null | undefined): boolean {
  return Boolean(fix?.range) && typeof fix!.range[0] === 'number' && typeof fix!.range[1] === 'number';
}

function overlapping(fixes: readonly Rule.Fix[]): boolean {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  return sorted.some((fix, index) => index > 0 && fix.range[0] < sorted[index - 1]!.range[1]);
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
