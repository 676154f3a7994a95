import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Linter } from 'eslint/universal';
import {
  CodeActionKind,
  CreateFile,
  TextDocumentEdit,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, messageRange, type DiagnosticData } from './diagnostics.js';
import { disableFileEdit, disableLineEdit } from './disable-comments.js';
import { fixAllCandidates, fixAllTitle, planFixAll, preferredSuggestion, type FixAllPlan } from './fix-all.js';
import { PLUGIN_PREFIX, findingPlace, sameFinding, shortRuleName, type LintOptions, type ResilintLinter } from './linting.js';
import {
  RUNTIME_PACKAGE,
  addRuntimeDependency,
  declarationPath,
  relativeSpecifier,
  runtimeAvailability,
  type BundledRuntime,
} from './runtime-setup.js';
import type { ServerSettings } from './settings.js';

/**
 * A client command (arguments: the online page, the rule's short name): it opens the rule's page shipped in the
 * extension (dist/docs/<rule>.md) in VS Code's Markdown preview, or the online page when that file is missing.
 */
export const SHOW_DOCUMENTATION_COMMAND = 'resilint.showDocumentation';

/** One document as it was linted: code actions are only ever built against the exact text their finding came from. */
export interface LintedDocument {
  document: TextDocument;
  /** The file on disk, when the document has one (untitled documents do not). */
  path: string | undefined;
  filename: string;
  /** The options it was linted with (the settings and the project's own ESLint config). */
  options: LintOptions;
  /** The findings, without their suggestions: the lint for diagnostics leaves them out. */
  messages: Linter.LintMessage[];
  /** Why some or all of the rules could not lint this text, in a sentence. */
  failure?: string;
  /**
   * The suggestions of these findings exactly as ESLint builds them (undefined for one that lint does not report),
   * from one lint of this text for those not asked for before.
   */
  suggestionsOf(messageIndexes: readonly number[]): (readonly Linter.LintSuggestion[] | undefined)[];
}

export interface ActionEnvironment {
  linter: ResilintLinter;
  settings: ServerSettings;
  runtime: BundledRuntime | undefined;
  /** The workspace folder holding the document; the runtime copy path is relative to it. */
  workspaceFolder: string | undefined;
  /** The current text of a file, from the editor when it is open there, else from disk. */
  openDocument(uri: string): TextDocument | undefined;
}

type ActionKind =
  | { kind: 'suggestion'; suggestion: number }
  | { kind: 'suggestion-with-dependency'; suggestion: number; packageJson: string }
  | { kind: 'suggestion-with-copy'; suggestion: number; copyPath: string }
  | { kind: 'fix-all' }
  | { kind: 'disable-line' }
  | { kind: 'disable-file' };

export type ActionData = ActionKind & { uri: string; version: number; messageIndex: number };

/**
 * The quick fixes for the findings behind `diagnostics` (Resilint's own, or vscode-eslint's `resilint/*` ones).
 * The suggestions of just these findings are built here (ESLint offers a suggestion only if its fix returns an
 * edit), and those of the rule's other findings in the file when "Fix all" needs them; `resolveCodeAction` turns
 * the one picked into a workspace edit. Each finding has at most one preferred fix (`isPreferred`, what VS Code's
 * "Auto Fix" applies): its preferred suggestion as it is, or, when every suggestion imports a runtime the
 * document cannot import yet, the first one with the runtime copied (else added as a dependency).
 */
export function codeActions(linted: LintedDocument, diagnostics: readonly Diagnostic[], environment: ActionEnvironment): CodeAction[] {
  const actions: CodeAction[] = [];
  const add = (action: CodeAction): void => void actions.push(action);
  // Two findings of one rule on a line share one "Fix all", one of each "Disable" and one "Show documentation".
  const seenTitles = new Set<string>();
  const addOnce = (action: CodeAction): void => {
    if (seenTitles.has(action.title)) return;
    seenTitles.add(action.title);
    actions.push(action);
  };
  const offers = lazyRuntimeOffers(linted, environment);
  const needsRuntime = runtimeNeed(offers);
  const fixAllPlans = new Map<string, FixAllPlan>();
  const found = diagnostics.flatMap((diagnostic) => {
    const messageIndex = findMessage(linted.messages, diagnostic);
    return messageIndex === undefined ? [] : [{ diagnostic, messageIndex }];
  });
  const asked = found.map(({ messageIndex }) => messageIndex);
  // "Fix all" needs the fixes of the rule's other findings too: one lint builds them with those asked for.
  const rules = new Set(asked.map((index) => linted.messages[index]!.ruleId!));
  const fixAllIndexes = [...rules].flatMap((ruleId) => fixAllCandidates(linted.messages, ruleId));
  const suggestions = linted.suggestionsOf([...asked, ...fixAllIndexes]).slice(0, asked.length);
  for (const [position, { diagnostic, messageIndex }] of found.entries()) {
    const message = linted.messages[messageIndex]!;
    const ruleId = message.ruleId!;
    const base = { uri: linted.document.uri, version: linted.document.version, messageIndex };
    const action = (title: string, kind: ActionKind): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      data: { ...base, ...kind } satisfies ActionData,
    });

    const findingSuggestions = suggestions[position] ?? [];
    let preferred = preferredSuggestion(findingSuggestions, needsRuntime);
    findingSuggestions.forEach((suggestion, index) => {
      const plain = action(suggestion.desc, { kind: 'suggestion', suggestion: index });
      add(plain);
      if (index === preferred) plain.isPreferred = true;
      if (!suggestion.fix.text.includes(RUNTIME_PACKAGE)) return;
      const runtimeOffers = offers();
      if (!runtimeOffers) return;
      const variants: CodeAction[] = [];
      if (runtimeOffers.packageJson) {
        const where = relativeToFolder(runtimeOffers.packageJson, environment.workspaceFolder);
        variants.push(action(`${withoutPeriod(suggestion.desc)} (and add ${RUNTIME_PACKAGE} to ${where})`, {
          kind: 'suggestion-with-dependency',
          suggestion: index,
          packageJson: runtimeOffers.packageJson,
        }));
      }
      if (runtimeOffers.copyPath) {
        const where = relativeToFolder(runtimeOffers.copyPath, environment.workspaceFolder);
        variants.push(action(`${withoutPeriod(suggestion.desc)} (with the runtime copied to ${where})`, {
          kind: 'suggestion-with-copy',
          suggestion: index,
          copyPath: runtimeOffers.copyPath,
        }));
      }
      variants.forEach(add);
      // No suggestion works without the runtime: the copy needs nothing from the network, so it is preferred.
      if (preferred === undefined && variants.length > 0) {
        variants[variants.length - 1]!.isPreferred = true;
        preferred = index;
      }
    });
    let plan = fixAllPlans.get(ruleId);
    if (!plan && fixAllCandidates(linted.messages, ruleId).length > 0) {
      plan = planFixAll(ruleId, linted.document.getText(), linted.messages, linted.suggestionsOf, needsRuntime);
      fixAllPlans.set(ruleId, plan);
    }
    if (plan && plan.fixes.length >= 2) addOnce(action(fixAllTitle(plan), { kind: 'fix-all' }));
    addOnce(action(`Disable ${ruleId} for this line`, { kind: 'disable-line' }));
    addOnce(action(`Disable ${ruleId} for this file`, { kind: 'disable-file' }));
    const url = environment.linter.documentationUrl(ruleId);
    if (url) {
      addOnce({
        title: `Show documentation for ${ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Show documentation for ${ruleId}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [url, shortRuleName(ruleId)] },
      });
    }
  }
  return actions;
}

/** Fills in `action.edit`; leaves the action without an edit when the document changed since it was offered. */
export function resolveCodeAction(action: CodeAction, linted: LintedDocument, environment: ActionEnvironment): CodeAction {
  const data = action.data as ActionData | undefined;
  if (!data || data.uri !== linted.document.uri || data.version !== linted.document.version) return action;
  const message = linted.messages[data.messageIndex];
  if (!message) return action;
  const edit = buildEdit(data, message, linted, environment);
  return edit ? { ...action, edit } : action;
}

function buildEdit(data: ActionData, message: Linter.LintMessage, linted: LintedDocument, environment: ActionEnvironment): WorkspaceEdit | undefined {
  const { document } = linted;
  const documentEdit = (edits: TextEdit[]) => TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits);
  switch (data.kind) {
    case 'disable-line':
      return { documentChanges: [documentEdit([disableLineEdit(document, message)])] };
    case 'disable-file':
      return { documentChanges: [documentEdit([disableFileEdit(document, message.ruleId!)])] };
    case 'fix-all': {
      const plan = planFixAll(message.ruleId!, document.getText(), linted.messages, linted.suggestionsOf, runtimeNeed(lazyRuntimeOffers(linted, environment)));
      return plan.fixes.length > 0 ? { documentChanges: [documentEdit(plan.edits.map((edit) => fixEdit(document, edit)))] } : undefined;
    }
    case 'suggestion': {
      const fix = suggestionOf(linted, data)?.fix;
      return fix ? { documentChanges: [documentEdit([fixEdit(document, fix)])] } : undefined;
    }
    case 'suggestion-with-dependency': {
      const fix = suggestionOf(linted, data)?.fix;
      const dependency = fix && environment.runtime ? dependencyEdit(data.packageJson, environment.runtime.version, environment) : undefined;
      return fix && dependency ? { documentChanges: [documentEdit([fixEdit(document, fix)]), dependency] } : undefined;
    }
    case 'suggestion-with-copy': {
      if (!linted.path || !environment.runtime) return undefined;
      const fix = fixImportingFrom(relativeSpecifier(linted.path, data.copyPath), data, linted, environment);
      if (!fix) return undefined;
      return { documentChanges: [...runtimeCopyChanges(data.copyPath, environment.runtime), documentEdit([fixEdit(document, fix)])] };
    }
  }
}

/** Creates the runtime copy (and its declarations beside it); nothing when a copy is already there. */
export function runtimeCopyChanges(copyPath: string, runtime: BundledRuntime): (CreateFile | TextDocumentEdit)[] {
  const changes: (CreateFile | TextDocumentEdit)[] = [];
  for (const [path, text] of [
    [copyPath, runtime.javascript],
    [declarationPath(copyPath), runtime.declarations],
  ] as const) {
    if (existsSync(path)) continue;
    const uri = pathToFileURL(path).href;
    changes.push(CreateFile.create(uri, { ignoreIfExists: true }));
    changes.push(TextDocumentEdit.create({ uri, version: null }, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }]));
  }
  return changes;
}

/** The same suggestion, built by the rule itself with the copy as its runtime module, so imports merge as usual. */
function fixImportingFrom(
  specifier: string,
  data: ActionData & { suggestion: number },
  linted: LintedDocument,
  environment: ActionEnvironment,
): Linter.LintSuggestion['fix'] | undefined {
  const message = linted.messages[data.messageIndex];
  const offered = suggestionOf(linted, data);
  if (!message || !offered) return undefined;
  const options = linted.options;
  const outcome = environment.linter.lint(
    linted.document.getText(),
    linted.filename,
    { ...options, sharedSettings: { ...options.sharedSettings, runtimeModule: specifier } },
    new Set([findingPlace(message.ruleId!, message.line, message.column)]),
  );
  if (outcome.kind !== 'linted') return undefined;
  const suggestion = sameFinding(linted.messages, data.messageIndex, outcome.messages)?.suggestions?.[data.suggestion];
  return suggestion && suggestion.messageId === offered.messageId && suggestion.desc === offered.desc ? suggestion.fix : undefined;
}

function suggestionOf(linted: LintedDocument, data: ActionData & { suggestion: number }): Linter.LintSuggestion | undefined {
  return linted.suggestionsOf([data.messageIndex])[0]?.[data.suggestion];
}

function dependencyEdit(packageJson: string, version: string, environment: ActionEnvironment): TextDocumentEdit | undefined {
  const uri = pathToFileURL(packageJson).href;
  const open = environment.openDocument(uri);
  const text = open ? open.getText() : readFileSync(packageJson, 'utf8');
  const edits = addRuntimeDependency(text, version);
  if (!edits) return undefined;
  const positionAt = (offset: number) => (open ? open.positionAt(offset) : positionIn(text, offset));
  return TextDocumentEdit.create(
    { uri, version: open ? open.version : null },
    edits.map((edit) => ({ range: { start: positionAt(edit.offset), end: positionAt(edit.offset + edit.length) }, newText: edit.content })),
  );
}

function fixEdit(document: TextDocument, fix: Linter.LintSuggestion['fix']): TextEdit {
  return { range: { start: document.positionAt(fix.range[0]), end: document.positionAt(fix.range[1]) }, newText: fix.text };
}

/** The index of the finding a diagnostic stands for, by rule and position (its data index when it is our own). */
function findMessage(messages: readonly Linter.LintMessage[], diagnostic: Diagnostic): number | undefined {
  const code = diagnostic.code;
  if (typeof code !== 'string') return undefined;
  const ruleId = `${PLUGIN_PREFIX}/${shortRuleName(code)}`;
  if (diagnostic.source !== DIAGNOSTIC_SOURCE && !code.startsWith(`${PLUGIN_PREFIX}/`)) return undefined;
  const matches = (index: number): boolean => {
    const message = messages[index];
    if (!message || message.ruleId !== ruleId) return false;
    const range = messageRange(message);
    return range.start.line === diagnostic.range.start.line && range.start.character === diagnostic.range.start.character;
  };
  const hinted = (diagnostic.data as DiagnosticData | undefined)?.messageIndex;
  if (typeof hinted === 'number' && matches(hinted)) return hinted;
  const index = messages.findIndex((_, candidate) => matches(candidate));
  return index === -1 ? undefined : index;
}

/** Where the runtime could come from when the document cannot import it yet; undefined when nothing is needed. */
interface RuntimeOffers {
  packageJson?: string;
  copyPath?: string;
}

/** The runtime offers, looked up (on disk) only when a suggestion imports the runtime. */
function lazyRuntimeOffers(linted: LintedDocument, environment: ActionEnvironment): () => RuntimeOffers | undefined {
  let offers: RuntimeOffers | undefined | null = null;
  return () => (offers === null ? (offers = runtimeOffersFor(linted, environment)) : offers);
}

/** Whether a suggestion imports the runtime where the document cannot import it yet: as it is, it would not compile. */
function runtimeNeed(offers: () => RuntimeOffers | undefined): (suggestion: Linter.LintSuggestion) => boolean {
  return (suggestion) => suggestion.fix.text.includes(RUNTIME_PACKAGE) && offers() !== undefined;
}

function runtimeOffersFor(linted: LintedDocument, environment: ActionEnvironment): RuntimeOffers | undefined {
  const customModule = environment.settings.settings?.['runtimeModule'];
  if (!linted.path || !environment.runtime || (customModule !== undefined && customModule !== RUNTIME_PACKAGE)) return undefined;
  const availability = runtimeAvailability(linted.path);
  if (availability.resolvable) return undefined;
  const result: RuntimeOffers = {};
  if (availability.packageJson) result.packageJson = availability.packageJson;
  if (environment.workspaceFolder) result.copyPath = join(environment.workspaceFolder, environment.settings.runtimeCopyPath);
  return result;
}

function withoutPeriod(title: string): string {
  return title.replace(/\.$/, '');
}

function relativeToFolder(path: string, folder: string | undefined): string {
  if (!folder) return basename(path);
  const inside = relative(folder, path);
  return inside.startsWith('..') ? path : inside.split(/[\\/]/).join('/');
}

function positionIn(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
