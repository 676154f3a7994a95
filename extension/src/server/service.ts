import { basename, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Linter } from 'eslint/universal';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, resolveCodeAction, runtimeCopyChanges, type ActionData, type ActionEnvironment, type LintedDocument } from './code-actions.js';
import { toDiagnostic } from './diagnostics.js';
import { excludingGlob } from './exclude.js';
import { ProjectConfigs, type ProjectResilintConfig } from './project-config.js';
import { findingPlace, sameFinding, type LintOptions, type ResilintLinter } from './linting.js';
import type { BundledRuntime } from './runtime-setup.js';
import { whyNotLinted } from 'eslint-plugin-resilint/file-roles';
import { fileSelection, lintOptions, readSettings, type ServerSettings } from './settings.js';
import { sourceFiles } from './workspace-files.js';
import { displayName, filePath, lintFilename, readDocument } from './documents.js';

/** What the service needs from the editor side; the language server passes the LSP connection's methods. */
export interface ServiceHost {
  /** The raw `resilint` configuration section for a document (or folder) URI. */
  configuration(uri: string): Promise<unknown>;
  publishDiagnostics(uri: string, diagnostics: Diagnostic[], version?: number): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  openDocument(uri: string): TextDocument | undefined;
  workspaceFolders(): string[];
  /** Every open document (to re-lint those that use a module that changed). */
  openDocuments?(): readonly TextDocument[];
  /** Lint this open document again soon (its findings depend on a module that changed). */
  lintLater?(uri: string): void;
  /** A lint of a document starts or ends (for the client's status bar). */
  lintStatus?(status: LintStatus): void;
  /** Whether the workspace is trusted: only then is the project's own ESLint config loaded (that runs its code). */
  workspaceTrusted?(): boolean;
  /** Shows a progress in the editor until `done` (a slow file's lint), with a Cancel button (`cancelled`). */
  beginProgress?(title: string): Promise<LintProgress>;
}

/**
 * Sent as each lint starts (`linting`) and ends: `linted`, or `failed` when Resilint could not lint all of the
 * document (a rule or the whole lint failed; `detail` says which). A file that does not parse is `linted`: its
 * last findings stay, and the output channel says where it does not parse.
 */
export interface LintStatus {
  uri: string;
  state: 'linting' | 'linted' | 'failed';
  detail?: string;
}

/**
 * The plugin's project model, told what the editor holds and what changed on disk, so the summaries of other modules
 * stay warm and right; each call returns the paths whose findings may have changed ('*': all of them).
 */
export interface ProjectModelHooks {
  documentChanged(path: string, text: string | undefined): ReadonlySet<string>;
  fileChanged(path: string): ReadonlySet<string>;
}

export interface LintProgress {
  done(): void;
  /** The user cancelled it. */
  readonly cancelled?: boolean;
}

export interface WorkspaceLintProgress {
  /** Before each file: how many are done, of how many. */
  report(done: number, total: number): void;
  readonly cancelled: boolean;
}

export interface WorkspaceLintResult {
  files: number;
  findings: number;
  /** Stopped at the limit of files one run lints. */
  truncated: boolean;
  cancelled: boolean;
}

const WORKSPACE_FILE_LIMIT = 20_000;
/** How long a slow lint waits, once done, to hear a Cancel sent while it ran (a lint that slow takes over a second). */
const CANCEL_HEARD_MS = 20;
/** Lints slower than this show a progress. */
const SLOW_LINT_MS = 1000;
/**
 * A file this long may take a second or more to lint the first time: bench/first-lint.mjs measured 24 to 144
 * characters a millisecond on a first lint of generated service code (2 shared cores at load 6 to 14; 66 KB in 2.7 s
 * as the server's first file, 1 MB in 7 to 39 s).
 */
const SLOW_FIRST_LINT_CHARACTERS = 50_000;

/**
 * The language server's work, independent of the transport: lint a document into diagnostics, offer and resolve
 * code actions, lint a whole folder, copy the runtime. Every failure is reported to the log, never thrown at the
 * editor, so one bad file cannot take the others' diagnostics down.
 */
export class ResilintService {
  private readonly linted = new Map<string, LintedDocument>();
  private readonly settingsByUri = new Map<string, Promise<ServerSettings>>();
  /** Folders (URI prefixes) whose own ESLint already reports Resilint's rules through vscode-eslint. */
  private readonly foldersLintedByEslint = new Set<string>();
  private readonly logged = new Set<string>();
  private bundledRuntime: BundledRuntime | undefined | null = null;
  /** The text the project model was last told for each open document's path. */
  private readonly textsTold = new Map<string, string>();
  /** The files whose diagnostics the last "Lint the whole workspace" published. */
  private readonly publishedByWorkspaceLint = new Set<string>();
  private workspaceLintRunning = false;
  /** Open documents whose slow lint the user cancelled: not linted again until saved or opened again. */
  private readonly cancelledLints = new Set<string>();
  /** How long the last lint of each open document took. */
  private readonly lintMilliseconds = new Map<string, number>();
  private readonly projectConfigs = new ProjectConfigs(
    () => this.host.workspaceTrusted?.() ?? false,
    (level, message) => this.logOnce(level, message),
  );

  constructor(
    private readonly linter: ResilintLinter,
    private readonly host: ServiceHost,
    private readonly loadRuntime: () => BundledRuntime | undefined,
    private readonly project?: ProjectModelHooks,
  ) {}

  /** Lints the document as it is now and publishes its diagnostics; returns them (for tests and benchmarks). */
  async lintDocument(document: TextDocument): Promise<Diagnostic[] | undefined> {
    const settings = await this.settings(document.uri);
    const project = await this.projectConfig(document.uri);
    const notLinted = this.whyNotLinted(document.uri, settings, project);
    if (notLinted) this.logOnce('info', `Not linting ${displayName(document.uri)}: ${notLinted}`);
    // Where vscode-eslint reports the findings, the lint waits for a code action request to need it.
    if (!this.shouldLint(document, settings, project) || this.isLintedByEslint(document.uri) || this.cancelledLints.has(document.uri)) {
      this.linted.delete(document.uri);
      this.host.publishDiagnostics(document.uri, [], document.version);
      return [];
    }
    this.tellProjectModel(document);
    this.host.lintStatus?.({ uri: document.uri, state: 'linting' });
    // A lint holds the server until it ends, so the progress of a slow one must start before it: when it looks slow.
    const progress = this.looksSlow(document) ? await this.host.beginProgress?.(`Linting ${basename(displayName(document.uri))}`) : undefined;
    const started = performance.now();
    const linted = this.lint(document, settings, project);
    if (this.host.openDocument(document.uri)) this.lintMilliseconds.set(document.uri, performance.now() - started);
    // A Cancel pressed while the lint held the server is heard now, before its findings are shown: the connection
    // reads what arrived meanwhile and handles one message per turn of the event loop, so give it a few turns.
    if (progress) await new Promise((resolve) => setTimeout(resolve, CANCEL_HEARD_MS));
    progress?.done();
    if (progress?.cancelled) return this.cancelLint(document);
    const failure = linted?.failure;
    this.host.lintStatus?.(failure ? { uri: document.uri, state: 'failed', detail: failure } : { uri: document.uri, state: 'linted' });
    if (!linted) return undefined; // unparsable: the last findings stay until the file parses again
    const diagnostics = this.diagnostics(linted, settings);
    this.host.publishDiagnostics(document.uri, diagnostics, document.version);
    return diagnostics;
  }

  /**
   * The user cancelled the slow lint of this document: its findings, old and new, are not shown (the old ones are
   * stale), and it is not linted again on each change until it is saved or opened again (`resumeLinting`).
   */
  private cancelLint(document: TextDocument): Diagnostic[] {
    this.cancelledLints.add(document.uri);
    this.linted.delete(document.uri);
    this.host.publishDiagnostics(document.uri, [], document.version);
    this.host.lintStatus?.({ uri: document.uri, state: 'linted' });
    this.host.log('info', `Stopped linting ${displayName(document.uri)}: Resilint lints it again when it is saved or opened again.`);
    return [];
  }

  /** The document was saved or opened: lint it again even if its last slow lint was cancelled. */
  resumeLinting(uri: string): void {
    this.cancelledLints.delete(uri);
  }

  /** Whether the lint of this document will likely last more than a second (the workspace lint has its own progress). */
  private looksSlow(document: TextDocument): boolean {
    if (this.workspaceLintRunning) return false;
    const last = this.lintMilliseconds.get(document.uri);
    return last === undefined ? document.getText().length > SLOW_FIRST_LINT_CHARACTERS : last > SLOW_LINT_MS;
  }

  /**
   * The document was closed: drop everything kept to lint it again quickly, and its findings, unless "Lint the
   * whole workspace" reported the file: those stay, for the text on disk (the closed editor may have held unsaved
   * changes), as the TypeScript extension keeps a project's diagnostics.
   */
  async forget(document: TextDocument): Promise<void> {
    this.linted.delete(document.uri);
    this.cancelledLints.delete(document.uri);
    this.lintMilliseconds.delete(document.uri);
    this.linter.forget(lintFilename(document));
    const path = filePath(document.uri);
    if (path && this.project && this.textsTold.delete(path)) this.relintDependents(this.project.documentChanged(path, undefined), document.uri);
    const onDisk = this.publishedByWorkspaceLint.has(document.uri) && path ? readDocument(document.uri, path) : undefined;
    if (!onDisk) {
      this.host.publishDiagnostics(document.uri, []);
      return;
    }
    await this.lintDocument(onDisk);
    if (!this.host.openDocument(document.uri)) this.linted.delete(document.uri);
  }

  /** Files changed on disk (created, changed, deleted): re-lint the open documents that use them. */
  filesChanged(paths: readonly string[]): void {
    if (this.projectConfigs.changed(paths)) {
      this.linted.clear();
      for (const document of this.host.openDocuments?.() ?? []) this.host.lintLater?.(document.uri);
    }
    if (!this.project) return;
    const affected = new Set<string>();
    for (const path of paths) {
      if (this.textsTold.has(path)) continue; // open: the editor's text is the one that counts
      for (const user of this.project.fileChanged(path)) affected.add(user);
    }
    this.relintDependents(affected, undefined);
  }

  /** The project model reads an open document's text, not the disk's: tell it when that text changed. */
  private tellProjectModel(document: TextDocument): void {
    const path = filePath(document.uri);
    if (!path || !this.project) return;
    const text = document.getText();
    if (this.textsTold.get(path) === text) return;
    this.textsTold.set(path, text);
    this.relintDependents(this.project.documentChanged(path, text), document.uri);
  }

  private relintDependents(affected: ReadonlySet<string>, changed: string | undefined): void {
    if (affected.size === 0 || !this.host.lintLater) return;
    for (const document of this.host.openDocuments?.() ?? []) {
      const path = filePath(document.uri);
      if (document.uri !== changed && path && (affected.has('*') || affected.has(path))) this.host.lintLater(document.uri);
    }
  }

  async runsOnType(uri: string): Promise<boolean> {
    return (await this.settings(uri)).run === 'onType';
  }

  /** The workspace became trusted: its ESLint configs count from now on. */
  trustChanged(): void {
    this.projectConfigs.trustChanged();
    this.configurationChanged();
  }

  configurationChanged(): void {
    this.settingsByUri.clear();
    this.linted.clear();
  }

  /** vscode-eslint reported a `resilint/*` rule in `uri`: from now on its folder's findings come from there only. */
  eslintReportsResilint(uri: string): void {
    const scope = this.folderOf(uri) ?? uri;
    if (this.foldersLintedByEslint.has(scope)) return;
    this.foldersLintedByEslint.add(scope);
    this.host.log('info', `The workspace's own ESLint reports Resilint's rules in ${scope}; Resilint keeps offering its fixes there but no longer reports the findings a second time.`);
    for (const documentUri of this.linted.keys()) {
      if (this.isLintedByEslint(documentUri)) this.host.publishDiagnostics(documentUri, []);
    }
  }

  async codeActions(document: TextDocument, diagnostics: readonly Diagnostic[]): Promise<CodeAction[]> {
    if (diagnostics.length === 0) return [];
    const settings = await this.settings(document.uri);
    const linted = await this.current(document, settings);
    return linted ? codeActions(linted, diagnostics, this.environment(document.uri, settings)) : [];
  }

  async resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    const data = action.data as ActionData | undefined;
    const document = data && this.host.openDocument(data.uri);
    if (!document) return action;
    const settings = await this.settings(document.uri);
    const linted = await this.current(document, settings);
    return linted ? resolveCodeAction(action, linted, this.environment(document.uri, settings)) : action;
  }

  /**
   * Lints every source file of the workspace folders into diagnostics; returns what it found. The findings of a
   * file the last run reported and this one does not lint (excluded, deleted, no longer product code) are cleared.
   * `progress` hears the count of files before each one, and stops the run when cancelled: the files linted so far
   * keep their findings, the others keep those of the previous run.
   */
  async lintWorkspace(progress?: WorkspaceLintProgress): Promise<WorkspaceLintResult> {
    const listed: string[] = [];
    let truncated = false;
    const trusted = this.host.workspaceTrusted?.() ?? false;
    for (const folder of this.host.workspaceFolders().filter((uri) => uri.startsWith('file:'))) {
      const settings = await this.settings(folder);
      // In a trusted workspace the project's ESLint configs may give a skipped folder back to product code, or
      // ignore files: every folder is walked and each file decided with the config ESLint uses for it.
      const root = fileURLToPath(folder);
      const walked = { ...fileSelection(settings), root, ...(trusted ? { allFiles: true } : {}) };
      const listing = sourceFiles(root, WORKSPACE_FILE_LIMIT - listed.length, walked, (path) => excludingGlob(path, settings.exclude) !== undefined);
      truncated ||= listing.truncated;
      for (const path of listing.files) {
        const uri = pathToFileURL(path).href;
        if (this.whyNotLinted(uri, settings, trusted ? await this.projectConfig(uri) : undefined) === undefined) listed.push(path);
      }
    }
    const listedUris = new Set(listed.map((path) => pathToFileURL(path).href));
    for (const uri of this.publishedByWorkspaceLint) {
      if (listedUris.has(uri)) continue;
      this.publishedByWorkspaceLint.delete(uri);
      if (!this.host.openDocument(uri)) this.host.publishDiagnostics(uri, []);
    }
    let files = 0;
    let findings = 0;
    this.workspaceLintRunning = true;
    try {
      for (const [done, path] of listed.entries()) {
        // Between two files, the server answers the editor (a keystroke's lint, a cancellation) before going on.
        await new Promise((resolve) => setImmediate(resolve));
        if (progress?.cancelled) return { files, findings, truncated, cancelled: true };
        progress?.report(done, listed.length);
        const uri = pathToFileURL(path).href;
        const open = this.host.openDocument(uri);
        const document = open ?? readDocument(uri, path, (message) => this.logOnce('warn', message));
        if (!document) continue;
        this.publishedByWorkspaceLint.add(uri);
        files += 1;
        findings += (await this.lintDocument(document))?.length ?? 0;
        // A file that is not open keeps its diagnostics but not its lint result: its code actions lint it afresh.
        if (!open) this.linted.delete(uri);
      }
    } finally {
      this.workspaceLintRunning = false;
    }
    return { files, findings, truncated, cancelled: false };
  }

  /** The edit that copies the bundled runtime into `folder`, or a sentence saying why there is none. */
  async runtimeCopyEdit(folder: string): Promise<WorkspaceEdit | string> {
    const runtime = this.runtime();
    if (!runtime) return 'This build of the extension has no bundled runtime to copy.';
    const settings = await this.settings(folder);
    const copyPath = `${fileURLToPath(folder).replace(/[\\/]$/, '')}/${settings.runtimeCopyPath}`;
    const changes = runtimeCopyChanges(copyPath, runtime);
    if (changes.length === 0) return `The runtime is already at ${settings.runtimeCopyPath}.`;
    return { documentChanges: changes };
  }

  /** Lints for diagnostics, without suggestions: a code action request has those of its findings built. */
  private lint(document: TextDocument, settings: ServerSettings, project: ProjectResilintConfig | undefined): LintedDocument | undefined {
    const filename = lintFilename(document);
    const text = document.getText();
    let options = lintOptions(settings, project);
    let outcome = this.linter.lint(text, filename, options, 'none');
    const name = displayName(document.uri);
    // ESLint rejects rule options the project's config gives wrong: say so once and lint with the defaults.
    if (project && outcome.kind === 'failed') {
      this.logOnce('error', `The resilint/* rules of ${project.configFile} do not apply, so Resilint lints with its bundled defaults there: ${outcome.message.split('\n')[0]}`);
      project = undefined;
      options = lintOptions(settings);
      outcome = this.linter.lint(text, filename, options, 'none');
    }
    // The rules validate `settings.resilint` themselves: when they all reject it, say so once and lint without it.
    if (options.sharedSettings && outcome.kind === 'linted' && outcome.failedRules.length > 0 && outcome.failedRules.every((failed) => failed.error.startsWith('Invalid settings.resilint'))) {
      const source = settings.settings ? 'resilint.settings' : `settings.resilint in ${project?.configFile}`;
      this.logOnce('warn', `Setting ignored: ${source} is not valid. ${outcome.failedRules[0]!.error.split('\n')[0]}`);
      settings.settings = undefined;
      options = lintOptions(settings, project && { ...project, settings: undefined });
      outcome = this.linter.lint(text, filename, options, 'none');
    }
    let failure: string | undefined;
    switch (outcome.kind) {
      case 'linted': {
        for (const failed of outcome.failedRules) {
          this.logOnce('error', `Rule ${failed.ruleId} failed on ${name} and was skipped there; the other rules' findings are shown. ${failed.error}`);
        }
        const failedNames = outcome.failedRules.map((failed) => failed.ruleId);
        const messages = outcome.messages;
        const failedRules = new Set(outcome.failedRules.map((failed) => failed.ruleId));
        const suggestions = new Map<number, readonly Linter.LintSuggestion[] | undefined>();
        const linted: LintedDocument = {
          document,
          path: filePath(document.uri),
          filename,
          options,
          messages,
          ...(failedNames.length > 0 ? { failure: `${failedNames.join(', ')} failed on this file and ${failedNames.length === 1 ? 'was' : 'were'} skipped.` } : {}),
          suggestionsOf: (indexes) => {
            const missing = indexes.filter((index) => !suggestions.has(index) && messages[index]);
            if (missing.length > 0) this.buildSuggestions(linted, options, failedRules, missing, suggestions);
            return indexes.map((index) => suggestions.get(index));
          },
        };
        this.linted.set(document.uri, linted);
        return linted;
      }
      case 'unparsable':
        this.logOnce('warn', `${name} does not parse (line ${outcome.line}, column ${outcome.column}): ${outcome.message.replace(/\.$/, '')}. Resilint lints it again once it parses.`);
        return undefined;
      case 'skipped':
        this.logOnce('info', `Skipped ${name}: ${outcome.reason}.`);
        break;
      case 'failed':
        this.logOnce('error', `Could not lint ${name}: ${outcome.message}`);
        failure = `Could not lint this file: ${outcome.message}`;
        break;
    }
    const empty: LintedDocument = { document, path: filePath(document.uri), filename, options, messages: [], ...(failure ? { failure } : {}), suggestionsOf: (indexes) => indexes.map(() => undefined) };
    this.linted.set(document.uri, empty);
    return empty;
  }

  /** Lints the document's text once more, with the suggestions of these findings built as ESLint builds them. */
  private buildSuggestions(
    linted: LintedDocument,
    options: LintOptions,
    failedBefore: ReadonlySet<string>,
    indexes: readonly number[],
    into: Map<number, readonly Linter.LintSuggestion[] | undefined>,
  ): void {
    const places = new Set(indexes.map((index) => {
      const message = linted.messages[index]!;
      return findingPlace(message.ruleId!, message.line, message.column);
    }));
    const outcome = this.linter.lint(linted.document.getText(), linted.filename, options, places);
    // Only a rule whose suggestions throw as they are built fails here and not in the lint for diagnostics.
    for (const failed of outcome.kind === 'linted' ? outcome.failedRules : []) {
      if (!failedBefore.has(failed.ruleId)) this.logOnce('error', `Rule ${failed.ruleId} failed building its fixes on ${displayName(linted.document.uri)}; they are not offered there. ${failed.error}`);
    }
    const relinted = outcome.kind === 'linted' ? outcome.messages : [];
    for (const index of indexes) {
      const twin = sameFinding(linted.messages, index, relinted);
      into.set(index, twin ? (twin.suggestions ?? []) : undefined);
    }
  }

  /** The lint result for exactly this version of the document, linting it now if needed. */
  private async current(document: TextDocument, settings: ServerSettings): Promise<LintedDocument | undefined> {
    const cached = this.linted.get(document.uri);
    if (cached && cached.document.version === document.version && cached.document.getText() === document.getText()) return cached;
    const project = await this.projectConfig(document.uri);
    return this.shouldLint(document, settings, project) ? this.lint(document, settings, project) : undefined;
  }

  /** What the project's own ESLint config says about Resilint for this file (a trusted workspace's file on disk). */
  private projectConfig(uri: string): Promise<ProjectResilintConfig | undefined> {
    const folder = this.folderOf(uri);
    const path = filePath(uri);
    if (!folder?.startsWith('file:') || !path) return Promise.resolve(undefined);
    return this.projectConfigs.forFile(path, fileURLToPath(folder).replace(/[\\/]$/, '')).catch((error: unknown) => {
      this.logOnce('error', `Could not read the project's ESLint config for ${path}: ${(error as Error).message}`);
      return undefined;
    });
  }

  private diagnostics(linted: LintedDocument, settings: ServerSettings): Diagnostic[] {
    return linted.messages.map((message, index) => toDiagnostic(message, index, this.linter.documentationUrl(message.ruleId ?? ''), settings.problemSeverity));
  }

  private shouldLint(document: TextDocument, settings: ServerSettings, project: ProjectResilintConfig | undefined): boolean {
    return settings.enable && settings.validate.includes(document.languageId) && this.whyNotLinted(document.uri, settings, project) === undefined;
  }

  /**
   * Why a file is not linted, in a sentence, by its path in its workspace folder: `resilint.exclude`, the `ignores`
   * of the project's ESLint config, then the one definition of linted files, the CLI's, with the file roles of
   * `resilint.settings` or else of the project's config (`settings.resilint.files`).
   */
  private whyNotLinted(uri: string, settings: ServerSettings, project: ProjectResilintConfig | undefined): string | undefined {
    const folder = this.folderOf(uri);
    const path = filePath(uri);
    if (!folder?.startsWith('file:') || !path) return undefined;
    const root = fileURLToPath(folder);
    const relativePath = relative(root, path);
    const glob = excludingGlob(relativePath, settings.exclude);
    if (glob !== undefined) return `it matches "${glob}" in resilint.exclude.`;
    if (project?.ignored) return `the ignores of ${project.configFile} skip it.`;
    const reason = whyNotLinted(relativePath, { ...fileSelection(settings, project), root });
    // only a role by the path gives way to `resilint.allFiles`
    return reason && `${reason}, which the resilint CLI skips too.${reason.includes('by its path') ? ' Set "resilint.allFiles": true to lint it.' : ''}`;
  }

  private environment(uri: string, settings: ServerSettings): ActionEnvironment {
    const folder = this.folderOf(uri);
    return {
      linter: this.linter,
      settings,
      runtime: this.runtime(),
      workspaceFolder: folder && folder.startsWith('file:') ? fileURLToPath(folder) : undefined,
      openDocument: (documentUri) => this.host.openDocument(documentUri),
    };
  }

  private runtime(): BundledRuntime | undefined {
    if (this.bundledRuntime === null) {
      try {
        this.bundledRuntime = this.loadRuntime();
      } catch (error) {
        this.logOnce('error', `Could not load the bundled runtime: ${(error as Error).message}`);
        this.bundledRuntime = undefined;
      }
    }
    return this.bundledRuntime;
  }

  /** Resilint's settings are resource-scoped, so they can differ per workspace folder but not within one. */
  private settings(uri: string): Promise<ServerSettings> {
    const scope = this.folderOf(uri) ?? uri;
    let settings = this.settingsByUri.get(scope);
    if (!settings) {
      settings = this.host.configuration(scope).then(
        (raw) => {
          const { settings: read, problems } = readSettings(raw, this.linter.ruleNames);
          for (const problem of problems) this.logOnce('warn', `Setting ignored: ${problem}`);
          return read;
        },
        (error: unknown) => {
          this.logOnce('warn', `Could not read the settings, using the defaults: ${(error as Error).message}`);
          return readSettings(undefined, this.linter.ruleNames).settings;
        },
      );
      this.settingsByUri.set(scope, settings);
    }
    return settings;
  }

  private folderOf(uri: string): string | undefined {
    return this.host
      .workspaceFolders()
      .filter((folder) => uri.startsWith(folder.endsWith('/') ? folder : `${folder}/`))
      .sort((a, b) => b.length - a.length)[0];
  }

  private isLintedByEslint(uri: string): boolean {
    return this.foldersLintedByEslint.has(this.folderOf(uri) ?? uri);
  }

  /** The same problem on every keystroke would drown the output channel: say each once. */
  private logOnce(level: 'info' | 'warn' | 'error', message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.host.log(level, message);
  }
}
