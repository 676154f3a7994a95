import type { Linter } from 'eslint/universal';
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * `// eslint-disable-next-line resilint/<rule>` above the finding, indented like its line; joins an existing
 * directive there instead of stacking a second one.
 */
export function disableLineEdit(document: TextDocument, message: Linter.LintMessage): TextEdit {
  const line = Math.max(message.line - 1, 0);
  const lineText = document.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } });
  if (line > 0) {
    const previous = document.getText({ start: { line: line - 1, character: 0 }, end: { line: line - 1, character: Number.MAX_SAFE_INTEGER } });
    const directive = /^(\s*\/\/\s*eslint-disable-next-line\s+[^\r\n]*?)(\s+--.*)?\s*$/.exec(previous);
    if (directive) {
      const at = { line: line - 1, character: directive[1]!.length };
      return { range: { start: at, end: at }, newText: `, ${message.ruleId}` };
    }
  }
  const indentation = /^\s*/.exec(lineText)![0];
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indentation}// eslint-disable-next-line ${message.ruleId}${endOfLine(document)}` };
}

/**
 * `/* eslint-disable resilint/<rule> *\/` for the whole file, where vscode-eslint puts it: at the top, but after a
 * shebang (which must stay first), a license header and a `'use strict'` directive. When the header already holds
 * an `eslint-disable` comment for Resilint rules, the rule joins it, so the file keeps one such comment.
 */
export function disableFileEdit(document: TextDocument, ruleId: string): TextEdit {
  const text = document.getText();
  const header = readHeader(text);
  if (header.resilintDirective) {
    const at = document.positionAt(header.resilintDirective.rulesEnd);
    return { range: { start: at, end: at }, newText: `, ${ruleId}` };
  }
  const eol = endOfLine(document);
  const at = document.positionAt(header.insertAt);
  // A header that ends the file without a line break needs one before the comment.
  const before = header.insertAt > 0 && !/[\r\n]$/.test(text.slice(0, header.insertAt)) ? eol : '';
  return { range: { start: at, end: at }, newText: `${before}/* eslint-disable ${ruleId} */${eol}` };
}

interface Header {
  /** Where a new file-wide comment goes: the start of the line after the last header item (0 when none). */
  insertAt: number;
  /** An existing `/* eslint-disable resilint/... *\/` comment in the header, and where its list of rules ends. */
  resilintDirective?: { rulesEnd: number };
}

const LICENSE = /^\/\*!|@license|@preserve|copyright|licen[cs]e|SPDX-License-Identifier/i;
const USE_STRICT = /^(['"])use strict\1;?[^\S\r\n]*(?:\r?\n|$)/;

/**
 * Walks the comments and directives at the top of the file. A comment counts as header (the new comment goes after
 * it) when it looks like a license or a blank line separates it from what follows; one directly above code
 * documents that code, and a comment between them would detach it.
 */
function readHeader(text: string): Header {
  const header: Header = { insertAt: 0 };
  let offset = 0;
  if (text.startsWith('#!')) offset = header.insertAt = lineEnd(text, 0);
  for (;;) {
    const start = offset + /^\s*/.exec(text.slice(offset))![0].length;
    const rest = text.slice(start);
    let end: number;
    if (rest.startsWith('/*')) {
      const close = text.indexOf('*/', start + 2);
      if (close === -1) return header;
      const comment = text.slice(start, close + 2);
      const directive = /^\/\*\s*eslint-disable\s+([^*]*?)(?:\s+--[^*]*)?\s*\*\/$/.exec(comment);
      if (directive && /(^|[\s,])resilint\//.test(directive[1]!)) {
        header.resilintDirective = { rulesEnd: start + comment.indexOf(directive[1]!) + directive[1]!.length };
        return header;
      }
      end = lineEnd(text, close + 2);
      if (text.slice(close + 2, end).trim() !== '') return header; // code on the comment's last line
      if (LICENSE.test(comment) || isFollowedByBlankLine(text, end)) header.insertAt = end;
    } else if (rest.startsWith('//')) {
      end = lineEnd(text, start);
      if (LICENSE.test(text.slice(start, end)) || isFollowedByBlankLine(text, end)) header.insertAt = end;
    } else {
      const useStrict = USE_STRICT.exec(rest);
      if (!useStrict) return header;
      end = header.insertAt = start + useStrict[0].length;
    }
    offset = end;
  }
}

/** The offset just after the line break ending the line that holds `offset` (the text's length on the last line). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function isFollowedByBlankLine(text: string, offset: number): boolean {
  return /^[^\S\r\n]*(\r?\n|$)/.test(text.slice(offset));
}

function endOfLine(document: TextDocument): string {
  return document.getText().includes('\r\n') ? '\r\n' : '\n';
}
