/** An error shaped like Node's socket errors, which the default classifier treats as transient. */
export function networkError(code = 'ECONNRESET'): Error {
  return Object.assign(new Error(`read ${code}`), { code });
}

/** A minimal fetch Response (Node 20 has the real one; use it so the classifier sees what users see). */
export function httpResponse(status: number, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : `status ${status}`, { status, headers });
}

/** Lets every queued promise reaction run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
