/**
 * What the fix retrying a POST only when the server refused it makes of `code`: the catch of `error` starts with the
 * guard, before its first statement. (A `.cases.ts` file: shared by tests, never built.)
 */
export function retriedOnlyWhenRefused(code: string, error = 'error', methodTest = ''): string {
  const opening = new RegExp(`\\} catch \\(${error}(?:: \\w+)?\\) \\{\\n( *)`).exec(code);
  if (!opening) throw new Error(`no catch of ${error} in the code`);
  const guard = `if (${methodTest}!(axios.isAxiosError(${error}) && (${error}.response?.status === 429 || ${error}.code === 'ECONNREFUSED'))) throw ${error};`;
  const at = opening.index + opening[0].length;
  return `${code.slice(0, at)}${guard}\n${opening[1]}${code.slice(at)}`;
}
