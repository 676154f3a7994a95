/** The floor for a cancelling timeout: one AbortController, one timer set and cleared, written by hand. */
export async function handWrittenTimeout(work) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timed out')), 1_000);
  try {
    return await work({ signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}
