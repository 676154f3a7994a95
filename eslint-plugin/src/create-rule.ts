import { ESLintUtils } from '@typescript-eslint/utils';
import { getSettings, ResilintSettingsError } from './analysis/settings.js';
import { fileRole } from './project/file-roles.js';
import { isUnshippedEntryScript, usedOnlyOutsideProduct } from './project/importer-roles.js';

const REPOSITORY_DOCS = 'https://github.com/resilint/resilint/blob/main/eslint-plugin/docs/rules';

export interface ResilintRuleDocs {
  /** Whether the rule is in the `recommended` config (otherwise only `strict` and `all`). */
  recommended: boolean;
  /** Whether the rule needs type information; Resilint rules never do, they may only use it when present. */
  requiresTypeChecking?: false;
}

const ruleCreator = ESLintUtils.RuleCreator<ResilintRuleDocs>(
  (name) => `${REPOSITORY_DOCS}/${name}.md`,
);

/**
 * Every rule leaves alone the files that are not product code by their text or the user's `settings.resilint.files`
 * (generated code: its fix belongs in the generator), the modules only tests, scripts or examples import, and the
 * scripts kept among the sources that nothing ships (both asked when a rule first reports in the file, so that a
 * clean file never costs the project's import index). Which files
 * are linted at all is the CLI's and the editor's choice, from the paths (project/file-roles.ts).
 */
export const createRule: typeof ruleCreator = (rule) => {
  const created = ruleCreator(rule);
  const withDefaults = defaultsApplier(rule.defaultOptions ?? []);
  return {
    ...created,
    create: (context) => {
      if (!isProductCode(context)) return {};
      return guarded(context, () => rule.create(reportingInProductOnly(context), withDefaults(context.options) as Parameters<typeof rule.create>[1])) ?? {};
    },
  };
};

type Listeners = Record<string, ((...args: never[]) => void) | undefined>;

/**
 * The rule's listeners, each of which reports a failure of the rule itself on the file instead of throwing it: ESLint
 * would end the whole run at the first file a rule cannot handle (a stack overflow on one module of a large code base
 * lost every finding of the run), and the editor would show nothing for the file. The finding names the error, so it
 * is seen and can be reported; the other rules, and the other files, go on. Invalid settings still end the run.
 */
function guarded<T extends object>(context: RuleContext, create: () => T): T | undefined {
  let failed = false;
  const reportFailure = (error: unknown): void => {
    // the user's settings are wrong, not Resilint: the run fails with the key to change, as ESLint does for options
    if (error instanceof ResilintSettingsError) throw error;
    if (failed) return;
    failed = true;
    const reason = error instanceof Error ? error.message : String(error);
    (context.report as unknown as (descriptor: { loc: { line: number; column: number }; message: string }) => void)({
      loc: { line: 1, column: 0 },
      message: `Resilint could not finish checking this file (${reason}): some of its findings may be missing. This is a bug in Resilint; please report it with the shape of the code.`,
    });
  };
  let listeners: T;
  try {
    listeners = create();
  } catch (error) {
    reportFailure(error);
    return undefined;
  }
  const wrapped: Listeners = {};
  for (const [selector, listener] of Object.entries(listeners as Listeners)) {
    if (typeof listener !== 'function') continue;
    wrapped[selector] = (...args: never[]) => {
      if (failed) return;
      try {
        listener(...args);
      } catch (error) {
        reportFailure(error);
      }
    };
  }
  return wrapped as T;
}

/** Option lists seen per rule (a configuration or two in practice); past this, options are merged afresh each file. */
const MAX_OPTION_LISTS = 16;

/**
 * The rule's options merged into its defaults, once per distinct list of options rather than once per file as
 * `RuleCreator` does (a structured clone per rule and file: 160 ms over 1,000 files of a large code base). The merged options
 * are frozen: every file of a configuration shares them.
 */
function defaultsApplier(defaults: readonly unknown[]): (given: readonly unknown[]) => readonly unknown[] {
  const merged = new Map<string, readonly unknown[]>();
  return (given) => {
    // ESLint has validated the options against the rule's JSON schema: JSON tells two lists apart.
    const key = JSON.stringify(given);
    let options = merged.get(key);
    if (!options) {
      options = deepFreeze(ESLintUtils.applyDefault(defaults, given));
      if (merged.size < MAX_OPTION_LISTS) merged.set(key, options);
    }
    return options;
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

type RuleContext = Parameters<typeof getSettings>[0];

/**
 * The rule's context, whose `report` drops the findings of a module used only outside product code. A proxy over an
 * empty object that reads every other member from the context itself (not a prototype link, so hosts whose context
 * reads private state, oxlint, keep working; not a proxy of the context, whose frozen members a proxy may not replace).
 */
function reportingInProductOnly<Context extends RuleContext>(context: Context): Context {
  const report = (descriptor: Parameters<Context['report']>[0]): void => {
    if (!usedOutsideProductOnly(context)) context.report(descriptor);
  };
  // A rule context is fixed for its file (ESLint freezes it; its source code, settings and filename do not change),
  // so each member is read, and each method bound, once per file rather than at every use: the rules read
  // `context.sourceCode` and `getSettings(context)` for every node they look at.
  const members = new Map<string | symbol, unknown>();
  return new Proxy({} as Context, {
    get(_, key) {
      if (key === 'report') return report;
      if (members.has(key)) return members.get(key);
      const value: unknown = Reflect.get(context, key, context);
      const member = typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(context) : value;
      members.set(key, member);
      return member;
    },
    has: (_, key) => key in context,
  });
}

/** Per file (its AST) and settings object: whether its findings are fixed in code nobody ships. */
const outsideProduct = new WeakMap<object, { settings: object; outside: boolean }>();

function usedOutsideProductOnly(context: RuleContext): boolean {
  const { files } = getSettings(context);
  const { ast, text } = context.sourceCode;
  const cached = outsideProduct.get(ast);
  if (cached?.settings === files) return cached.outside;
  const outside = usedOnlyOutsideProduct(context.physicalFilename, files) || isUnshippedEntryScript(context.physicalFilename, ast, text, files);
  outsideProduct.set(ast, { settings: files, outside });
  return outside;
}

/** Per file (its AST) and settings object, so the rules of one lint decide once. */
const productCode = new WeakMap<object, { settings: object; product: boolean }>();

function isProductCode(context: RuleContext): boolean {
  let settings;
  try {
    settings = getSettings(context);
  } catch {
    return true; // invalid settings: the rule itself reports them, where ESLint names the rule
  }
  const cached = productCode.get(context.sourceCode.ast);
  if (cached?.settings === settings) return cached.product;
  const product = fileRole({ path: context.physicalFilename, text: context.sourceCode.text }, settings.files) === 'product';
  productCode.set(context.sourceCode.ast, { settings, product });
  return product;
}
