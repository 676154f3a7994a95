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
  | 'the edit touches a hashbang line'
  | 'the edited statements do not parse on their own'
  | 'the splice failed';

export type ParseRecord = { kind: 'incremental'; of: 'statements' | 'class members'; reparsedCharacters: number } | { kind: 'full'; reason: FallbackReason };

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
        this.lastParse = { kind: 'incremental', of: spliced.of, reparsedCharacters: spliced.reparsedCharacters };
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
 * caches its analyses per Program object), or why that could differ from a full parse. An edit inside the body of
 * a top-level class re-parses only the class members it touches, when it can.
 */
function spliceEdit(previous: ParsedFile, text: string, options: ParserOptions): Spliced | FallbackReason {
  const oldText = previous.text;
  const sourceType = options.sourceType === 'module' ? 'module' : 'script';
  // In a script, whether top-level `await` is an operator depends on imports and exports anywhere in the file.
  if (sourceType === 'script' && text.includes('await')) return 'top-level await in a script';

  let prefix = 0;
  const shorter = Math.min(oldText.length, text.length);
  while (prefix < shorter && oldText.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix += 1;
  let suffix = 0;
  while (suffix < shorter - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix += 1;
  const edit: Edit = { start: prefix, endOld: oldText.length - suffix, delta: text.length - oldText.length };
  // `#!/usr/bin/env node` is a comment of its own kind, outside every statement: an edit on its line may make it code
  if (touchesHashbangLine(oldText, edit.start) || touchesHashbangLine(text, edit.start)) return 'the edit touches a hashbang line';

  const members = classMembersAround(previous, edit);
  if (members) {
    const spliced = spliceList(previous, text, options, edit, members);
    if (typeof spliced !== 'string') return spliced;
  }
  return spliceList(previous, text, options, edit, topLevelStatements(previous));
}

function touchesHashbangLine(text: string, at: number): boolean {
  if (!text.startsWith('#!')) return false;
  const lineEnd = text.search(/[\r\n]/);
  return lineEnd < 0 || at <= lineEnd;
}

type Spliced = { result: ParseResult; of: 'statements' | 'class members'; reparsedCharacters: number };
type Item = TSESTree.Node;

/** The text an edit replaced: `[start, endOld)` of the old text, now `delta` characters longer. */
interface Edit {
  start: number;
  endOld: number;
  delta: number;
}

/** A list of items (top-level statements, or the members of a class) in which an edit's items are parsed again. */
interface EditedList {
  of: 'statements' | 'class members';
  items: readonly Item[];
  /** Where the list's text starts and ends in the old text: the whole file, or inside a class body's braces. */
  start: number;
  end: number;
  /** The position of `end` in the old text. */
  endPosition: Position;
  /**
   * The text that puts the list's items in context, each character at its place in the file (a class's header,
   * after line breaks and spaces), and the position it ends at; the region is parsed after it, then `closing`.
   */
  opening: string;
  openingEnd: Position;
  closing: string;
  /** Whether nothing after the item can continue it. */
  isClosed(item: Item, text: string): boolean;
  /** The list's items in the parse of a region, or undefined when the parse does not have the list's shape. */
  itemsIn(ast: TSESTree.Program, source: string): readonly Item[] | undefined;
  /** The new Program body around the list's new items, with `shiftEnd` applied to every enclosing node. */
  programBody(items: Item[], shiftEnd: (node: Item) => void): Statement[];
  /** The top-level statements after the list, which move with the edit. */
  statementsAfter: readonly Statement[];
  programStart(region: TSESTree.Program): Position;
}

function topLevelStatements(previous: ParsedFile): EditedList {
  const { program } = previous;
  return {
    of: 'statements',
    items: program.body,
    start: 0,
    end: previous.text.length,
    endPosition: program.loc.end,
    opening: '',
    openingEnd: { line: 1, column: 0 },
    closing: '',
    isClosed,
    itemsIn: (ast) => ast.body,
    programBody: (items) => items as Statement[],
    statementsAfter: [],
    programStart: (region) => region.loc.start,
  };
}

/** The members of the top-level class whose body holds the whole edit, as an `EditedList`, if there is one. */
function classMembersAround(previous: ParsedFile, edit: Edit): EditedList | undefined {
  const { program, text: oldText } = previous;
  const index = firstIndex(program.body, (statement) => statement.range[1] > edit.start);
  const statement = program.body[index];
  const declaration = statement?.type === 'ExportNamedDeclaration' || statement?.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
  if (!statement || declaration?.type !== 'ClassDeclaration' || !declaration.id) return undefined;
  const classBody = declaration.body;
  const [open, close] = [classBody.range[0], classBody.range[1] - 1];
  if (edit.start <= open || edit.endOld > close) return undefined;
  const indent = (position: Position): string => '\n'.repeat(position.line - 1) + ' '.repeat(position.column);
  // The header as written (decorators, `abstract`, `extends`, generics), so members parse in the same class.
  const opening = indent(declaration.loc.start) + oldText.slice(declaration.range[0], open + 1);
  return {
    of: 'class members',
    items: classBody.body,
    start: open + 1,
    end: close,
    endPosition: { line: classBody.loc.end.line, column: classBody.loc.end.column - 1 },
    opening,
    openingEnd: { line: classBody.loc.start.line, column: classBody.loc.start.column + 1 },
    // On a line of its own, so that a line comment at the region's end does not swallow it.
    closing: '\n}',
    isClosed: isMemberClosed,
    itemsIn(ast, source) {
      const [parsed] = ast.body;
      return ast.body.length === 1 && parsed?.type === 'ClassDeclaration' && parsed.body.range[1] === source.length ? parsed.body.body : undefined;
    },
    programBody(items, shiftEnd) {
      // New nodes from the statement down to the class body (the server keeps per-statement data by node), each
      // ending where the edit moved its end to.
      const copy = <T extends Item>(node: T, changes: Partial<T>): T => {
        const copied = { ...node, ...changes, range: [...node.range], loc: { ...node.loc } } as T;
        shiftEnd(copied);
        return copied;
      };
      const newClass = copy(declaration, { body: copy(classBody, { body: items as TSESTree.ClassElement[] }) });
      const newStatement = (statement === declaration ? newClass : copy(statement, { declaration: newClass } as Partial<typeof statement>)) as Statement;
      return [...program.body.slice(0, index), newStatement, ...program.body.slice(index + 1)];
    },
    statementsAfter: program.body.slice(index + 1),
    programStart: () => program.loc.start,
  };
}

/**
 * The previous tree with the list's items that the edit touched parsed again, or why that could differ from a full
 * parse. The region is parsed after `opening` and as many line breaks and spaces as bring it to its place, so every
 * line/column comes out as in a full parse and only offsets need one constant shift. (Blanking the whole prefix
 * instead would keep offsets too, but TypeScript skips a leading trivia that long many times over.)
 */
function spliceList(previous: ParsedFile, text: string, options: ParserOptions, edit: Edit, list: EditedList): Spliced | FallbackReason {
  const { text: oldText, program: oldProgram } = previous;
  const { items } = list;
  const { delta } = edit;
  const sourceType = options.sourceType === 'module' ? 'module' : 'script';

  // The run of items the change touches, with the gaps (whitespace, comments) around it, widened over an item
  // before it that does not end for sure (no `;`): the edit could continue it.
  let first = firstIndex(items, (item) => item.range[1] >= edit.start);
  while (first > 0 && !list.isClosed(items[first - 1]!, oldText)) first -= 1;
  let afterLast = firstIndex(items, (item) => item.range[0] > edit.endOld);
  const before = first > 0 ? items[first - 1] : undefined;
  const regionStart = before ? before.range[1] : list.start;
  const startPosition = before ? before.loc.end : list.openingEnd;
  const padding =
    startPosition.line === list.openingEnd.line
      ? ' '.repeat(startPosition.column - list.openingEnd.column)
      : '\n'.repeat(startPosition.line - list.openingEnd.line) + ' '.repeat(startPosition.column);
  const regionOffset = list.opening.length + padding.length;
  const paddingShift = regionStart - regionOffset;

  for (let widenings = 0; ; widenings += 1) {
    const next = items[afterLast];
    const regionEndOld = next ? next.range[0] : list.end;
    const regionEndNew = regionEndOld + delta;
    if (regionEndNew - regionStart > text.length * MAX_REPARSED_SHARE) return 'the edit touches most of the file';
    // Whether a string statement is a directive depends on every statement before it.
    if (items.slice(first, afterLast + 1).some(isStringStatement)) return 'a directive may change';

    const regionText = text.slice(regionStart, regionEndNew);
    const regionSource = list.opening + padding + regionText + list.closing;
    let region: ParseResult;
    try {
      region = typescriptEslintParser.parseForESLint(regionSource, options);
    } catch {
      return 'the edited statements do not parse on their own';
    }
    const regionItems = list.itemsIn(region.ast, regionSource);
    if (!regionItems) return 'the edited statements do not parse on their own';
    if (regionItems.some(isStringStatement)) return 'a directive may change';
    const lastNew = regionItems.at(-1);
    // A line comment reaching the region's end lost its line break to the edit: it runs on into the next item.
    const lastComment = region.ast.comments?.at(-1);
    const commentRunsOn = lastComment !== undefined && lastComment.range[1] === regionOffset + regionText.length;
    if (next && (commentRunsOn || (lastNew && !list.isClosed(lastNew, regionSource)))) {
      if (widenings === MAX_WIDENINGS) return 'the edited statements may continue into the next one';
      afterLast += 1;
      continue;
    }
    if (region.services.program) return 'type information requested';
    // Only the region's own tokens and comments: not the class header's, nor the closing brace.
    const inRegion = (token: TSESTree.Token | TSESTree.Comment): boolean => token.range[0] >= regionOffset && token.range[1] <= regionOffset + regionText.length;
    const regionTokens = (region.ast.tokens ?? []).filter(inRegion);
    const regionComments = (region.ast.comments ?? []).filter(inRegion);
    if (paddingShift !== 0) {
      // Lines and columns are right already: only offsets move.
      const shift: Shift = { offset: paddingShift, line: 0, lines: 0, columns: 0, movesLines: false, visitorKeys: region.visitorKeys };
      for (const item of regionItems) shiftNode(item, shift);
      for (const token of regionTokens) shiftToken(token, shift);
      for (const comment of regionComments) shiftToken(comment, shift);
    }

    const oldTokens = oldProgram.tokens ?? [];
    const oldComments = oldProgram.comments ?? [];
    const itemsAfter = items.slice(afterLast);
    const tokensAfter = oldTokens.slice(firstIndex(oldTokens, (token) => token.range[0] >= regionEndOld));
    const commentsAfter = oldComments.slice(firstIndex(oldComments, (comment) => comment.range[0] >= regionEndOld));
    const nextStart = next ? next.loc.start : list.endPosition;
    const shift: Shift = {
      offset: delta,
      line: nextStart.line,
      lines: countLineBreaks(regionText) - countLineBreaks(oldText.slice(regionStart, regionEndOld)),
      columns: regionEndNew - lineStart(text, regionEndNew) - nextStart.column,
      movesLines: true,
      visitorKeys: region.visitorKeys,
    };
    const somethingAfter = regionEndOld < oldText.length;
    if (somethingAfter) {
      // An edit within its lines (typing, mostly) leaves the lines and columns of every later line as they were.
      const offsetsOnly: Shift = { ...shift, movesLines: false };
      const shiftOf = (start: Position): Shift => (shift.lines === 0 && start.line > shift.line ? offsetsOnly : shift);
      for (const item of [...itemsAfter, ...list.statementsAfter]) shiftNode(item, shiftOf(item.loc.start));
      for (const token of tokensAfter) shiftToken(token, shiftOf(token.loc.start));
      for (const comment of commentsAfter) shiftToken(comment, shiftOf(comment.loc.start));
    }
    const shiftEnd = (node: Item): void => {
      node.range[1] += delta;
      node.loc.end = shiftedPosition(node.loc.end, shift);
    };

    // Built with the keys in typescript-estree's order, as a full parse would.
    const program: TSESTree.Program = {
      type: oldProgram.type,
      range: [0, text.length],
      body: list.programBody([...items.slice(0, first), ...regionItems, ...itemsAfter], shiftEnd),
      comments: [...oldComments.slice(0, firstIndex(oldComments, (comment) => comment.range[1] > regionStart)), ...regionComments, ...commentsAfter],
      sourceType,
      tokens: [...oldTokens.slice(0, firstIndex(oldTokens, (token) => token.range[1] > regionStart)), ...regionTokens, ...tokensAfter],
      loc: { end: somethingAfter ? shiftedPosition(oldProgram.loc.end, shift) : region.ast.loc.end, start: list.programStart(region.ast) },
    };
    const scopeManager = analyze(program, analyzeOptions(options, sourceType));
    const result = { ast: program, scopeManager, services: region.services, visitorKeys: region.visitorKeys } as ParseResult;
    return { result, of: list.of, reparsedCharacters: regionText.length };
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

/**
 * Whether nothing after the class member can continue it: it ends with `;`, or it is a method or static block
 * ending with the `}` of its body. A property (`handler = () => {}`) is not closed: a `(` or `[` on the next line
 * would continue its value.
 */
function isMemberClosed(member: Item, text: string): boolean {
  const last = text[member.range[1] - 1];
  if (last === ';') return true;
  if (member.type === 'StaticBlock') return last === '}';
  return (member.type === 'MethodDefinition' || member.type === 'TSAbstractMethodDefinition') && member.value.body != null && last === '}';
}

function isStringStatement(statement: Item): boolean {
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
