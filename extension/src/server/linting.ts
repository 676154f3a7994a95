import type { Rule, SourceCode } from 'eslint';
import { Linter } from 'eslint/universal';
import { hiddenByBlanketLineDisables } from 'eslint-plugin-resilint/blanket-line-disables';
import { refusedForEslintEnv, withoutEslintEnvComments } from 'eslint-plugin-resilint/eslint-env-comments';
import { ServerSourceCode } from './server-source-code.js';

/** The part of an ESLint plugin the server relies on; the rule list always comes from the plugin itself. */
export interface LintPlugin {
  rules: Record<string, { meta?: { docs?: { url?: string } } }>;
  configs?: Record<string, unknown>;
  /** `component-scripts`: the `<script>` blocks of `.vue` and `.svelte` files, linted as the CLI lints them. */
  processors?: Record<string, unknown>;
}

export type RuleSeverity = 'off' | 'warn' | 'error';

export interface LintOptions {
  /** Overrides of the `recommended` severities, keyed by rule name without the `resilint/` prefix. */
  ruleSeverities: Readonly<Record<string, RuleSeverity | 'default'>>;
  /** ESLint shared `settings.resilint` (the user's own clients, wrappers, sleep helpers, runtime module). */
  sharedSettings: Readonly<Record<string, unknown>> | undefined;
  /** The `resilint/*` rules of the project's own ESLint config for the file, with their options: they replace `recommended`'s. */
  projectRules?: Readonly<Linter.RulesRecord>;
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
const COMPONENT_FILES = ['**/*.vue', '**/*.svelte'];
/** A component's script block the server lints (ESLint's `Linter` takes only `.js` blocks unless told). */
const isLintedBlock = (blockFilename: string): boolean => /\.(?:[cm]?[jt]s|[jt]sx)$/.test(blockFilename);
const COMMONJS_FILE = /\.c[jt]s$/;
/** Files whose parser options the server keeps for its own parses: more than are edited at once. */
const MAX_FILES_PARSED_BY_THE_SERVER = 64;
/** The listeners of ESLint's code path events. */
const CODE_PATH_EVENT = /^on(Unreachable)?CodePath/;

type ParserOptions = Linter.ParserOptions & { filePath?: string };
/** What the server needs of its parser: ESLint's `parseForESLint`, and `forget` where it keeps per-file state. */
export interface ServerParser {
  meta?: { name?: string; version?: string };
  parseForESLint(text: string, options: ParserOptions): unknown;
  forget?(filePath: string): void;
}
type ParseResult = { ast: SourceCode['ast']; services?: unknown; scopeManager?: SourceCode['scopeManager'] | null; visitorKeys?: SourceCode['visitorKeys'] };

/**
 * Runs the plugin's rules with ESLint's own `Linter` (no file system, no workspace config): the same engine, the
 * same messages and the same suggestions as `eslint` on the command line.
 */
export class ResilintLinter {
  // The root as cwd: a file outside ESLint's base path would be reported as ignored instead of linted.
  private readonly linter = new Linter({ cwd: '/' });
  private readonly configs = new Map<string, Linter.Config[]>();
  private readonly allSuggestionsPlugin: LintPlugin;
  private readonly selectivePlugin: LintPlugin;
  /** The places whose suggestions the running lint builds; read by the selective plugin's rules as they report. */
  private suggestionPlaces: ReadonlySet<string> = new Set();
  /** Whether a rule of the running lint listens to code path events. */
  private codePathsListened = false;
  /** The parser as the configs hold it: it notes the options ESLint parses each file with. */
  private readonly configuredParser: ServerParser;
  /**
   * Per file, the options ESLint last parsed it with, for the server's own parses. They do not change between lints:
   * the language options of every config depend only on the file name.
   */
  private readonly parserOptions = new Map<string, ParserOptions>();

  constructor(
    private readonly plugin: LintPlugin,
    private readonly parser: ServerParser,
  ) {
    const listening = (): void => {
      this.codePathsListened = true;
    };
    this.allSuggestionsPlugin = forServer(plugin, undefined, listening);
    this.selectivePlugin = forServer(plugin, () => this.suggestionPlaces, listening);
    this.configuredParser = {
      meta: parser.meta,
      parseForESLint: (text: string, options: ParserOptions) => {
        if (typeof options.filePath === 'string') {
          // Most recently parsed last, so the oldest goes first once a workspace lint has parsed many files.
          this.parserOptions.delete(options.filePath);
          this.parserOptions.set(options.filePath, options);
          for (const [oldest] of this.parserOptions) {
            if (this.parserOptions.size <= MAX_FILES_PARSED_BY_THE_SERVER) break;
            this.parserOptions.delete(oldest);
          }
        }
        return parser.parseForESLint(text, options);
      },
    };
  }

  /** Drops what is kept for a closed file, here and in a parser that keeps per-file state (the incremental parser). */
  forget(filename: string): void {
    // A component's script blocks are parsed as `<component>/<n>.ts`.
    const forgotten = [filename, ...[...this.parserOptions.keys()].filter((path) => path.startsWith(`${filename}/`))];
    for (const path of forgotten) {
      this.parserOptions.delete(path);
      this.parser.forget?.(path);
    }
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
        this.codePathsListened = false;
        const verify = (linted: string): Linter.LintMessage[] =>
          this.linter.verify(this.sourceCode(linted, filename) ?? linted, config, { filename, allowInlineConfig: true, filterCodeBlock: isLintedBlock });
        messages = verify(text);
        // ESLint 10 refuses a file for an old `/* eslint-env */` comment: linted as if it were blank, as the CLI does
        if (refusedForEslintEnv(messages)) messages = verify(withoutEslintEnvComments(text));
        // without the project's own Resilint settings, its bare line-level disable comments were written for other
        // linters and hide nothing here, as in the zero-config CLI
        if (!options.projectRules) messages = withLifted(messages, hiddenByBlanketLineDisables(suppressedMessages(this.linter), text));
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

  /**
   * The text parsed as ESLint would parse it (the same parser and options as its last parse of the file) into a
   * `ServerSourceCode`, whose traversal costs less; undefined where ESLint must parse the text itself: the first lint
   * of a file, a text ESLint changes before parsing (a BOM, a shebang), a text that does not parse (ESLint reports
   * the error).
   */
  private sourceCode(text: string, filename: string): ServerSourceCode | undefined {
    const options = this.parserOptions.get(filename);
    if (!options || text.startsWith('\uFEFF') || text.startsWith('#!')) return undefined;
    let parsed: ParseResult;
    try {
      parsed = this.parser.parseForESLint(text, options) as ParseResult;
    } catch {
      return undefined;
    }
    if (!parsed.scopeManager || !parsed.visitorKeys) return undefined;
    const { ast, services, scopeManager, visitorKeys } = parsed;
    return new ServerSourceCode({ text, ast, hasBOM: false, parserServices: services ?? {}, scopeManager, visitorKeys }, () => this.codePathsListened);
  }

  private config(options: LintOptions, commonJs: boolean, failedRules: readonly FailedRule[], selective: boolean): Linter.Config[] {
    const key = JSON.stringify([options.ruleSeverities, options.sharedSettings ?? null, options.projectRules ?? null, commonJs, failedRules.map((rule) => rule.ruleId), selective]);
    let config = this.configs.get(key);
    if (!config) {
      const rules = this.ruleSettings(options.ruleSeverities, options.projectRules);
      for (const failed of failedRules) rules[failed.ruleId] = 'off';
      const componentScripts = this.plugin.processors?.['component-scripts'];
      config = [
        ...(componentScripts ? [{ files: COMPONENT_FILES, processor: componentScripts as Linter.Processor }] : []),
        {
          files: LINTED_FILES,
          plugins: { [PLUGIN_PREFIX]: (selective ? this.selectivePlugin : this.allSuggestionsPlugin) as never },
          languageOptions: {
            parser: this.configuredParser as Linter.Parser,
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

  private ruleSettings(overrides: LintOptions['ruleSeverities'], projectRules: LintOptions['projectRules']): Linter.RulesRecord {
    const known = Object.entries(projectRules ?? {}).filter(([ruleId]) => shortRuleName(ruleId) in this.plugin.rules);
    const rules: Linter.RulesRecord = { ...recommendedRules(this.plugin), ...Object.fromEntries(known) };
    for (const [name, severity] of Object.entries(overrides)) {
      const ruleId = `${PLUGIN_PREFIX}/${shortRuleName(name)}`;
      if (!(shortRuleName(name) in this.plugin.rules) || severity === 'default') continue;
      const current = rules[ruleId];
      // Keep the rule's options from the project's config or `recommended`, change only its severity.
      rules[ruleId] = Array.isArray(current) ? [severity, ...current.slice(1)] : severity;
    }
    return rules;
  }
}

/**
 * The plugin as the server runs it: each rule tells when it listens to code path events (`ServerSourceCode` skips
 * code path analysis otherwise), and with `places`, reports its findings without their suggestions except at those
 * places. ESLint has each suggestion's edits built (and merged into one text) as the rule reports, for every finding
 * on every keystroke; the editor needs them only for the findings under the cursor, and gets them from another lint
 * of the same text in which those findings keep their suggestions, built by ESLint exactly as without the editor.
 */
function forServer(plugin: LintPlugin, places: (() => ReadonlySet<string>) | undefined, listensToCodePaths: () => void): LintPlugin {
  const rules = Object.fromEntries(Object.entries(plugin.rules).map(([name, rule]) => [name, ruleForServer(rule as Rule.RuleModule, places, listensToCodePaths)]));
  return { ...plugin, rules };
}

function ruleForServer(rule: Rule.RuleModule, places: (() => ReadonlySet<string>) | undefined, listensToCodePaths: () => void): Rule.RuleModule {
  return {
    ...rule,
    create(context) {
      const listeners = rule.create(places ? withSuggestionsOnlyAt(context, places) : context);
      if (Object.keys(listeners).some((event) => CODE_PATH_EVENT.test(event))) listensToCodePaths();
      return listeners;
    },
  };
}

function withSuggestionsOnlyAt(context: Rule.RuleContext, places: () => ReadonlySet<string>): Rule.RuleContext {
  const report = (...args: Parameters<Rule.RuleContext['report']>): void => {
    const [descriptor] = args;
    if (args.length !== 1 || descriptor.suggest === undefined || places().has(reportedPlace(context.id, descriptor))) return context.report(...args);
    context.report({ ...descriptor, suggest: undefined });
  };
  // ESLint's rule context is a frozen object whose prototype holds the rest; only `report` differs.
  return Object.create(context, { report: { value: report } }) as Rule.RuleContext;
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

function withLifted(messages: Linter.LintMessage[], lifted: Linter.LintMessage[]): Linter.LintMessage[] {
  return lifted.length === 0 ? messages : [...messages, ...lifted].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** What the last `verify` suppressed: a public method of ESLint's Linter that its type definitions leave out. */
function suppressedMessages(linter: Linter): Linter.SuppressedLintMessage[] {
  return (linter as Linter & { getSuppressedMessages(): Linter.SuppressedLintMessage[] }).getSuppressedMessages();
}
