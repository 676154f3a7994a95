/**
 * A CRM writer's retry helper (the forty-third held-out round's supaglue, in our own words): async-retry goes round
 * only when `stop` rethrows (a 429); every other failure is handed to `bail`, which ends the retry. Shared by the
 * tests of the helper in its callers' file and in a module of its own.
 */
export const throttledHelper = (name: string, stop: string) => `async function ${name}<T>(operation: () => Promise<T>): Promise<T> {
  const attempt = async (bail: (error: Error) => void) => {
    try {
      return await operation();
    } catch (error) {
      ${stop}
      console.warn('provider error', error);
      bail(error as Error);
      return undefined as T;
    }
  };
  return retry(attempt, { retries: 3, factor: 2, minTimeout: 1000 });
}`;
