import type { TSESLint } from '@typescript-eslint/utils';

interface TextEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/**
 * The edits of one suggestion. Several helpers (import, module-level declaration, the wrap itself) may insert
 * at the same offset; ESLint rejects overlapping fixes and does not promise an order for equal ranges, so
 * insertions at one offset are joined here in the order they were asked for.
 */
export class SourceEdits {
  private readonly edits: TextEdit[] = [];

  insert(offset: number, text: string): void {
    this.edits.push({ range: [offset, offset], text });
  }

  replace(range: readonly [number, number], text: string): void {
    this.edits.push({ range, text });
  }

  /** Whether every edit falls inside `range` (a client's creation, for a fix that edits only there). */
  liesWithin(range: readonly [number, number]): boolean {
    return this.edits.length > 0 && this.edits.every((edit) => range[0] <= edit.range[0] && edit.range[1] <= range[1]);
  }

  toFixes(fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] {
    const joined: TextEdit[] = [];
    for (const edit of this.edits) {
      const previous = joined.find(
        (other) => other.range[0] === edit.range[0] && other.range[1] === other.range[0],
      );
      if (previous && edit.range[1] === edit.range[0]) {
        joined[joined.indexOf(previous)] = { range: previous.range, text: previous.text + edit.text };
      } else {
        joined.push(edit);
      }
    }
    return joined.map((edit) => fixer.replaceTextRange(edit.range, edit.text));
  }
}
