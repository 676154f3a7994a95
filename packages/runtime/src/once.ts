/**
 * Work that is done at most once: the first call starts it, and every later call gets that call's promise (its
 * result, or its failure) without doing the work again. Handed to a retry (of this runtime, or a helper of your own),
 * it keeps the retry from sending a request that may already have been applied (a POST that creates a comment, an
 * order, a payment): the caller sees the first failure instead of a duplicate.
 */
export function once<T>(work: () => T | PromiseLike<T>): () => Promise<T> {
  let first: Promise<T> | undefined;
  return () => {
    if (first === undefined) {
      try {
        first = Promise.resolve(work());
      } catch (error) {
        first = Promise.reject(error);
      }
    }
    return first;
  };
}
