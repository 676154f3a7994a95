import * as typescriptEslintParser from '@typescript-eslint/parser';
import { analyze, type AnalyzeOptions } from '@typescript-eslint/scope-manager';
import type { ParserOptions, TSESTree } from '@typescript-eslint/types';

/**
 * An ESLint parser that gives exactly what `@typescript-eslint/parser` gives, but after an edit re-parses only the
 * top-level statements the edit touches and splices them between the unchanged statements of the file's previous
 * tree, shifting the positions of everything after them. Scope analysis always runs on the whole merged tree.
 *
 * Whenever the spliced tree could differ from a full parse (see `FallbackReason`) it parses the whole text, which
 * stays the truth. The unchanged statement nodes are reused, so a tree handed out earlier for the same file is not
 * valid after the next parse of that file: ESLint and the plugin's rules only use a tree during one lint.
 *
 * Parser services carry no type information (type-aware options always take the full parse); their node maps
 * cover only the re-parsed statements, which the server's rules never read.
 */

type ParseResult = ReturnType<typeof typescriptEslintParser.parseForESLint>;
type Position = TSESTree.Position;
type Statement = TSESTree.ProgramStatement;

export type FallbackReason =
  | 'first parse of the file'
  | 'parser options changed'
  | 'type information requested'
  | 'the edit touches most of the file'
  | 'the edited statements may continue into the next one'
  | 'a directive may change'
  | 'top-level await in a script'
  | 'the edited statements do not parse on their own'
  | 'the splice failed';

export type ParseRecord = { kind: 'incremental'; reparsedCharacters: number } | { kind: 'full'; reason: FallbackReason };

/** What a splice needs of a file's last parse: its text and tree (not its scopes or TypeScript nodes, which are big). */
interface ParsedFile {
  text: string;
  optionsKey: string;
  program: TSESTree.Program;
}

/** Most files edited together; past this the least recently parsed file is forgotten. */
const MAX_FILES = 8;
/** Characters of text whose trees are kept over all remembered files: a tree is some hundred times its text. */
const MAX_TOTAL_CHARACTERS = 1_000_000;
/** Past this share of the file, re-parsing part of it saves too little to be worth a splice. */
const MAX_REPARSED_SHARE = 0.5;
/** How many more statements an edited statement that may run on into the next one pulls in before a full parse. */
const MAX_WIDENINGS = 3;
const TYPE_AWARE_OPTIONS = ['project', 'projectService', 'programs'];
const LINE_BREAKS = /\r\n?|[\n\u2028\u2029]/g;

export class IncrementalParser {
  readonly meta = { name: 'resilint/incremental-typescript-eslint-parser', version: typescriptEslintParser.version };
  /** How the last call parsed (for tests and traces). */
  lastParse: ParseRecord = { kind: 'full', reason: 'first parse of the file' };
  private readonly files = new Map<string, ParsedFile>();
  private totalCharacters = 0;

  // An own property, not a method: ESLint copies a config's parser object and keeps only its own properties.
  readonly parseForESLint = (text: string, options?: ParserOptions): ParseResult => {
    const filePath = typeof options?.filePath === 'string' ? options.filePath : undefined;
    if (!filePath || TYPE_AWARE_OPTIONS.some((name) => options?.[name] != null && options[name] !== false)) {
      this.lastParse = { kind: 'full', reason: 'type information requested' };
      return typescriptEslintParser.parseForESLint(text, options);
    }
    const optionsKey = JSON.stringify(options);
    const previous = this.files.get(filePath);
    this.forget(filePath);

    let reason: FallbackReason = 'first parse of the file';
    if (previous && previous.optionsKey !== optionsKey) reason = 'parser options changed';
    else if (previous) {
      let spliced: ReturnType<typeof spliceEdit>;
      try {
        spliced = spliceEdit(previous, text, options ?? {});
      } catch {
        // Scope analysis of the merged tree, or anything unforeseen: the previous tree may be half shifted.
        spliced = 'the splice failed';
      }
      if (typeof spliced !== 'string') {
        this.lastParse = { kind: 'incremental', reparsedCharacters: spliced.reparsedCharacters };
        this.remember(filePath, { text, optionsKey, program: spliced.result.ast });
        return spliced.result;
      }
      reason = spliced;
    }
    this.lastParse = { kind: 'full', reason };
    let result: ParseResult;
    try {
      result = typescriptEslintParser.parseForESLint(text, options);
    } catch (error) {
      // While the text does not parse, keep the last tree that did (unless a failed splice already shifted it):
      // the next edit is then still small against it.
      if (previous && reason !== 'the splice failed' && reason !== 'parser options changed') this.remember(filePath, previous);
      throw error;
    }
    this.remember(filePath, { text, optionsKey, program: result.ast });
    return result;
  };

  /** Drops what is remembered about a file (closed, deleted). */
  forget(filePath: string): void {
    const file = this.files.get(filePath);
    if (!file) return;
    this.files.delete(filePath);
    this.totalCharacters -= file.text.length;
  }

  private remember(filePath: string, file: ParsedFile): void {
    if (file.text.length > MAX_TOTAL_CHARACTERS) return;
    this.files.set(filePath, file);
    this.totalCharacters += file.text.length;
    for (const [oldest] of this.files) {
      if (this.files.size <= MAX_FILES && this.totalCharacters <= MAX_TOTAL_CHARACTERS) break;
      this.forget(oldest);
    }
  }
}

/**
 * The previous tree with the statements an edit touched parsed again and a new Program around them (the plugin
 * caches its analyses per Program object), or why that could differ from a full parse.
 */
function spliceEdit(previous: ParsedFile, text: string, options: ParserOptions): { result: ParseResult; reparsedCharacters: number } | FallbackReason {
  const oldText = previous.text;
  const oldProgram = previous.program;
  const body = oldProgram.body;
  const sourceType = options.sourceType === 'module' ? 'module' : 'script';
  // In a script, whether top-level `await` is an operator depends on imports and exports anywhere in the file.
  if (sourceType === 'script' && text.includes('await')) return 'top-level await in a script';

  let prefix = 0;
  const shorter = Math.min(oldText.length, text.length);
  while (prefix < shorter && oldText.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix += 1;
  let suffix = 0;
  while (suffix < shorter - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix += 1;
  const changeEndOld = oldText.length - suffix;
  const delta = text.length - oldText.length;

  // The run of statements the change touches, with the gaps (whitespace, comments) around it, widened over a
  // statement before it that does not end for sure (no `;`): the edit could continue it.
  let first = firstIndex(body, (statement) => statement.range[1] >= prefix);
  while (first > 0 && !isClosed(body[first - 1]!, oldText)) first -= 1;
  let afterLast = firstIndex(body, (statement) => statement.range[0] > changeEndOld);
  const before = first > 0 ? body[first - 1] : undefined;
  const regionStart = before ? before.range[1] : 0;
  // The region is parsed after as many line breaks as come before it and as many spaces as precede it on its line,
  // so every line/column comes out as in a full parse and only offsets need one constant shift. (Blanking the whole
  // prefix instead would keep offsets too, but TypeScript skips a leading trivia that long many times over.)
  const padding = before ? '\n'.repeat(before.loc.end.line - 1) + ' '.repeat(before.loc.end.column) : '';
  const paddingShift = regionStart - padding.length;

  for (let widenings = 0; ; widenings += 1) {
    const next = body[afterLast];
    const regionEndOld = next ? next.range[0] : oldText.length;
    const regionEndNew = regionEndOld + delta;
    if (regionEndNew - regionStart > text.length * MAX_REPARSED_SHARE) return 'the edit touches most of the file';
    // Whether a string statement is a directive depends on every statement before it.
    if (body.slice(first, afterLast + 1).some(isStringStatement)) return 'a directive may change';

    const regionText = text.slice(regionStart, regionEndNew);
    const regionSource = padding + regionText;
    let region: ParseResult;
    try {
      region = typescriptEslintParser.parseForESLint(regionSource, options);
    } catch {
      return 'the edited statements do not parse on their own';
    }
    const regionBody = region.ast.body;
    if (regionBody.some(isStringStatement)) return 'a directive may change';
    const lastNew = regionBody.at(-1);
    if (next && lastNew && !isClosed(lastNew, regionSource)) {
      if (widenings === MAX_WIDENINGS) return 'the edited statements may continue into the next one';
      afterLast += 1;
      continue;
    }
    if (region.services.program) return 'type information requested';
    if (paddingShift !== 0) {
      // Lines and columns are right already: a shift on no line (0) moves offsets only.
      const shift: Shift = { offset: paddingShift, line: 0, lines: 0, columns: 0, movesLines: false, visitorKeys: region.visitorKeys };
      for (const statement of regionBody) shiftNode(statement, shift);
      for (const token of region.ast.tokens ?? []) shiftToken(token, shift);
      for (const comment of region.ast.comments ?? []) shiftToken(comment, shift);
    }

    const oldTokens = oldProgram.tokens ?? [];
    const oldComments = oldProgram.comments ?? [];
    const statementsAfter = body.slice(afterLast);
    const tokensAfter = oldTokens.slice(firstIndex(oldTokens, (token) => token.range[0] >= regionEndOld));
    const commentsAfter = oldComments.slice(firstIndex(oldComments, (comment) => comment.range[0] >= regionEndOld));
    let end = region.ast.loc.end;
    if (next) {
      const shift: Shift = {
        offset: delta,
        line: next.loc.start.line,
        lines: countLineBreaks(regionText) - countLineBreaks(oldText.slice(regionStart, regionEndOld)),
        columns: regionEndNew - lineStart(text, regionEndNew) - next.loc.start.column,
        movesLines: true,
        visitorKeys: region.visitorKeys,
      };
      end = shiftedPosition(oldProgram.loc.end, shift);
      // An edit within its lines (typing, mostly) leaves the lines and columns of every later line as they were.
      const offsetsOnly: Shift = { ...shift, movesLines: false };
      const shiftOf = (start: Position): Shift => (shift.lines === 0 && start.line > shift.line ? offsetsOnly : shift);
      for (const statement of statementsAfter) shiftNode(statement, shiftOf(statement.loc.start));
      for (const token of tokensAfter) shiftToken(token, shiftOf(token.loc.start));
      for (const comment of commentsAfter) shiftToken(comment, shiftOf(comment.loc.start));
    }

    // Built with the keys in typescript-estree's order, as a full parse would.
    const program: TSESTree.Program = {
      type: oldProgram.type,
      range: [0, text.length],
      body: [...body.slice(0, first), ...regionBody, ...statementsAfter],
      comments: [...oldComments.slice(0, firstIndex(oldComments, (comment) => comment.range[1] > regionStart)), ...(region.ast.comments ?? []), ...commentsAfter],
      sourceType,
      tokens: [...oldTokens.slice(0, firstIndex(oldTokens, (token) => token.range[1] > regionStart)), ...(region.ast.tokens ?? []), ...tokensAfter],
      loc: { end, start: region.ast.loc.start },
    };
    const scopeManager = analyze(program, analyzeOptions(options, sourceType));
    const result = { ast: program, scopeManager, services: region.services, visitorKeys: region.visitorKeys } as ParseResult;
    return { result, reparsedCharacters: regionText.length };
  }
}

/** The index of the first item for which `isAtOrAfter` holds, in items sorted so that it holds from some index on. */
function firstIndex<T>(items: readonly T[], isAtOrAfter: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAtOrAfter(items[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The scope analysis options `@typescript-eslint/parser` derives from its parser options when there is no program. */
function analyzeOptions(options: ParserOptions, sourceType: 'module' | 'script'): AnalyzeOptions {
  const ecmaFeatures = typeof options.ecmaFeatures === 'object' ? options.ecmaFeatures : {};
  return { globalReturn: ecmaFeatures.globalReturn, jsxFragmentName: options.jsxFragmentName, jsxPragma: options.jsxPragma, lib: options.lib, sourceType };
}

/**
 * Whether nothing after the statement can continue it: it ends with `;`, or with the `}` of a declaration or block
 * that ends a statement. An expression statement ending in `}` (`x = function () {}`) is not closed: a `(` on the
 * next line would call it.
 */
function isClosed(statement: TSESTree.Node, text: string): boolean {
  const last = text[statement.range[1] - 1];
  if (last === ';') return true;
  switch (statement.type) {
    case 'BlockStatement':
    case 'ClassDeclaration':
    case 'FunctionDeclaration':
    case 'SwitchStatement':
    case 'TryStatement':
    case 'TSEnumDeclaration':
    case 'TSInterfaceDeclaration':
    case 'TSModuleDeclaration':
      return last === '}';
    case 'IfStatement':
      return isClosed(statement.alternate ?? statement.consequent, text);
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'WithStatement':
    case 'LabeledStatement':
      return isClosed(statement.body, text);
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      return statement.declaration !== null && isClosedDeclaration(statement.declaration, text);
    default:
      return false;
  }
}

function isClosedDeclaration(declaration: TSESTree.Node, text: string): boolean {
  return ['ClassDeclaration', 'FunctionDeclaration', 'TSEnumDeclaration', 'TSInterfaceDeclaration', 'TSModuleDeclaration'].includes(declaration.type) && isClosed(declaration, text);
}

function isStringStatement(statement: Statement): boolean {
  return statement.type === 'ExpressionStatement' && statement.expression.type === 'Literal' && typeof statement.expression.value === 'string';
}

function countLineBreaks(text: string): number {
  return text.match(LINE_BREAKS)?.length ?? 0;
}

function lineStart(text: string, offset: number): number {
  for (let index = offset - 1; index >= 0; index -= 1) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 13 || code === 0x2028 || code === 0x2029) return index + 1;
  }
  return 0;
}

interface Shift {
  offset: number;
  /** The line the first shifted statement starts on: only positions on it move sideways. */
  line: number;
  lines: number;
  columns: number;
  /** Whether any line or column moves; when not, only offsets do. */
  movesLines: boolean;
  /** The parser's visitor keys: every child node of a node is under one of its type's keys. */
  visitorKeys: VisitorKeys;
}

type VisitorKeys = ParseResult['visitorKeys'];

/**
 * Shifts a node and everything under it. typescript-estree lets a node share its range or loc object with a child
 * (an ImportDefaultSpecifier and its local, a type predicate's annotation and its type), never with another node,
 * so a child's that is its parent's own is not shifted a second time.
 */
function shiftNode(node: TSESTree.Node, shift: Shift, parent?: TSESTree.Node): void {
  if (node.range !== parent?.range) shiftRange(node.range, shift);
  if (node.loc !== parent?.loc && shift.movesLines) shiftLoc(node.loc, shift);
  for (const key of shift.visitorKeys[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (item) shiftNode(item as TSESTree.Node, shift, node);
    } else if (child) {
      shiftNode(child as TSESTree.Node, shift, node);
    }
  }
}

/** Shifts a token or a comment: they share nothing. */
function shiftToken(token: TSESTree.Token | TSESTree.Comment, shift: Shift): void {
  shiftRange(token.range, shift);
  if (shift.movesLines) shiftLoc(token.loc, shift);
}

function shiftRange(range: TSESTree.Range, shift: Shift): void {
  range[0] += shift.offset;
  range[1] += shift.offset;
}

function shiftLoc(loc: TSESTree.SourceLocation, shift: Shift): void {
  if (loc.start.line === shift.line) loc.start.column += shift.columns;
  loc.start.line += shift.lines;
  if (loc.end.line === shift.line) loc.end.column += shift.columns;
  loc.end.line += shift.lines;
}

function shiftedPosition(position: Position, shift: Shift): Position {
  return { column: position.line === shift.line ? position.column + shift.columns : position.column, line: position.line + shift.lines };
}
