import type { TSESLint } from '@typescript-eslint/utils';
import { failsByEvent, type ExternalCall } from '../analysis/external-calls.js';
import { takesNodeCallback } from '../analysis/node-callbacks.js';
import { isTypeScript, lineBreak, semicolon } from './code-style.js';
import { SourceEdits } from './source-edits.js';
import type { FixTarget } from './wrap-in-policies.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The helper the fix writes into the file, once: what it does is its name. */
const HELPER = 'stopWaitingAfter';

/**
 * `stopWaitingAfter(5_000, client.send(message))`, with the helper written at the end of the file: a race against a
 * timer the helper clears when the call settles. The fix for a call that takes no bound and no signal in a project
 * without `@resilint/runtime`: it needs nothing installed, and like the runtime's `timeout` it stops the waiting only,
 * which is all anything can do for such a call. Undefined for a call that reports by callback or event (there is no
 * promise to race).
 */
export function stopWaitingInPlace(target: FixTarget, call: ExternalCall, milliseconds: string): SourceEdits | undefined {
  if (failsByEvent(call) || call.streamsResult || takesNodeCallback(call.node)) return undefined;
  const { sourceCode } = target;
  const name = helperName(sourceCode);
  if (name === undefined) return undefined;
  const edits = new SourceEdits();
  edits.replace(call.node.range, `${name}(${milliseconds}, ${sourceCode.getText(call.node)})`);
  if (!declaresHelper(sourceCode)) {
    const newline = lineBreak(sourceCode);
    const endsLine = sourceCode.text.endsWith('\n');
    edits.insert(sourceCode.text.length, (endsLine ? '' : newline) + helperText(isTypeScript(target.filename), semicolon(sourceCode)).join(newline) + newline);
  }
  return edits;
}

/** The helper's name, or undefined when the file already uses it for something else. */
function helperName(sourceCode: SourceCode): string | undefined {
  return declaresHelper(sourceCode) || !sourceCode.text.includes(HELPER) ? HELPER : undefined;
}

/** A top-level `function stopWaitingAfter` this fix wrote before (for another call of the file). */
function declaresHelper(sourceCode: SourceCode): boolean {
  return sourceCode.ast.body.some((statement) => statement.type === 'FunctionDeclaration' && statement.id?.name === HELPER);
}

function helperText(typed: boolean, end: string): string[] {
  const signature = typed ? `async function ${HELPER}<T>(ms: number, work: Promise<T>): Promise<T>` : `async function ${HELPER}(ms, work)`;
  const timer = typed ? `let timer: ReturnType<typeof setTimeout> | undefined${end}` : `let timer${end}`;
  const deadline = typed ? 'new Promise<never>' : 'new Promise';
  return [
    '',
    '/** Stops waiting for `work` after `ms`: the call takes no signal, so it goes on and may still complete. */',
    `${signature} {`,
    `  ${timer}`,
    '  try {',
    `    return await Promise.race([work, ${deadline}((_, reject) => {`,
    `      timer = setTimeout(() => reject(new Error(\`Stopped waiting after \${ms} ms\`)), ms)${end}`,
    `    })])${end}`,
    '  } finally {',
    `    clearTimeout(timer)${end}`,
    '  }',
    '}',
  ];
}
