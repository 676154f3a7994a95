/**
 * What the in-place stop-waiting fix makes of `code` (TypeScript, with semicolons): `call` handed to a helper, written
 * at the end of the file, that races it against a timer it clears. (A `.cases.ts` file: shared by tests, never built.)
 */
export function waitedInPlace(code: string, call: string, ms = '5_000'): string {
  if (!code.includes(call)) throw new Error(`the code does not make the call ${call}`);
  const fixed = code.replace(call, `stopWaitingAfter(${ms}, ${call})`);
  return `${fixed}${fixed.endsWith('\n') ? '' : '\n'}
/** Stops waiting for \`work\` after \`ms\`: the call takes no signal, so it goes on and may still complete. */
async function stopWaitingAfter<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(\`Stopped waiting after \${ms} ms\`)), ms);
    })]);
  } finally {
    clearTimeout(timer);
  }
}
`;
}
