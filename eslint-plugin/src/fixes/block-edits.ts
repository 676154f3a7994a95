import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { indentOf, indentUnit, lineBreak } from './code-style.js';
import type { SourceEdits } from './source-edits.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Adds statements at the end of a block, before a closing `continue`, at the block's statement indent. */
export function insertAtEndOfBlock(sourceCode: SourceCode, block: TSESTree.BlockStatement, lines: readonly string[], edits: SourceEdits): void {
  const eol = lineBreak(sourceCode);
  const statements = block.body.filter((statement) => statement.type !== 'ContinueStatement');
  const trailingContinue = block.body.at(-1)?.type === 'ContinueStatement' ? block.body.at(-1) : undefined;
  const last = statements.at(-1);
  const sameLine = block.loc.start.line === block.loc.end.line;
  if (sameLine) {
    const at = trailingContinue ? trailingContinue.range[0] : (last?.range[1] ?? block.range[0] + 1);
    edits.insert(at, trailingContinue ? `${lines.join(' ')} ` : ` ${lines.join(' ')}${last ? '' : ' '}`);
    return;
  }
  // after the last statement or comment, so a closing comment stays with what it explains
  const lastComment = sourceCode
    .getCommentsInside(block)
    .filter((comment) => !trailingContinue || comment.range[1] <= trailingContinue.range[0])
    .at(-1);
  const anchor = lastComment && (!last || lastComment.range[1] > last.range[1]) ? lastComment : last;
  const indent = anchor ? indentOf(sourceCode, anchor) : indentOf(sourceCode, block) + indentUnit(sourceCode);
  if (trailingContinue) {
    edits.insert(trailingContinue.range[0], lines.map((line) => line + eol + indent).join(''));
  } else {
    edits.insert(anchor ? anchor.range[1] : block.range[0] + 1, lines.map((line) => eol + indent + line).join(''));
  }
}
