import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-try-outside-loop.js';

// no-try-outside-loop: a catch that hands the failure to its caller as a value (an error result, a record marked
// failed) reports it; all or nothing is then the intent, not a batch abandoned in silence.
const ruleTester = new RuleTester();

ruleTester.run('no-try-outside-loop', rule, {
  valid: [
    // One import consumes one stream of parsed sections; a failure anywhere is the import's failure, written on its record.
    `
interface ImportJob { id: string; status: string; reason?: string }
declare function sectionsOf(file: string): AsyncIterable<string>;
export async function runImport(job: ImportJob, file: string) {
  try {
    for await (const section of sectionsOf(file)) {
      await fetch('https://search.example.net/index', { method: 'POST', body: section, signal: AbortSignal.timeout(8_000) });
    }
    job.status = 'done';
  } catch (problem) {
    job.status = 'failed';
    job.reason = String(problem);
  }
  return job;
}`,
    // The same, with the record updated through a store and a status enum.
    `
enum ImportState { Running, Finished, Failed }
declare const imports: { update(id: string, patch: object): Promise<void> };
declare function sectionsOf(file: string): AsyncIterable<string>;
export async function runImport(id: string, file: string) {
  try {
    for await (const section of sectionsOf(file)) {
      await fetch('https://search.example.net/index', { method: 'POST', body: section, signal: AbortSignal.timeout(8_000) });
    }
  } catch (problem) {
    await imports.update(id, { state: ImportState.Failed, reason: (problem as Error).message });
  }
}`,
    // A plugin call fetches its attachments all or nothing, and answers the caller with the error.
    `
export async function gatherAttachments(links: string[]) {
  const bodies: ArrayBuffer[] = [];
  try {
    for (const link of links) {
      const reply = await fetch(link, { signal: AbortSignal.timeout(15_000) });
      bodies.push(await reply.arrayBuffer());
    }
    return { ok: true, bodies };
  } catch (problem) {
    return { ok: false, message: (problem as Error).message };
  }
}`,
    // A tool handler polls a render job and answers the tool's client with the error, flagged as one.
    `
export async function renderClip(jobId: string) {
  try {
    for (let round = 0; round < 40; round++) {
      const reply = await fetch(\`https://render.example.org/jobs/\${jobId}\`, { signal: AbortSignal.timeout(5_000) });
      const job = (await reply.json()) as { done: boolean; url?: string };
      if (job.done) return { content: [{ type: 'text', text: job.url ?? '' }] };
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
    return { isError: true, content: [{ type: 'text', text: 'render timed out' }] };
  } catch {
    return { isError: true, content: [{ type: 'text', text: 'render failed' }] };
  }
}`,
    // The same, the error turned into the answer by a helper.
    `
declare function toolFailure(problem: unknown): { content: { type: string; text: string }[] };
export async function renderClip(jobId: string) {
  try {
    for (let round = 0; round < 40; round++) {
      const reply = await fetch(\`https://render.example.org/jobs/\${jobId}\`, { signal: AbortSignal.timeout(5_000) });
      if (((await reply.json()) as { done: boolean }).done) return { content: [{ type: 'text', text: 'ready' }] };
    }
    return { content: [{ type: 'text', text: 'still rendering' }] };
  } catch (problem) {
    return toolFailure(problem);
  }
}`,
  ],
  invalid: [
    // Loyalty points of independent customers: the catch only logs, so one failure skips every later customer.
    {
      code: `
export async function syncLoyaltyPoints(customers: { id: string; points: number }[]) {
  try {
    for (const customer of customers) {
      await fetch(\`https://loyalty.example.com/members/\${customer.id}\`, { method: 'PUT', body: String(customer.points), signal: AbortSignal.timeout(5_000) });
    }
  } catch (problem) {
    console.warn('loyalty sync failed', problem);
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop', line: 3, suggestions: 2 }],
    },
    // The error goes to the log and the caller gets the partial count with no sign of failure.
    {
      code: `
declare const log: { error(details: object, message: string): void };
export async function syncLoyaltyPoints(customers: { id: string; points: number }[]) {
  let synced = 0;
  try {
    for (const customer of customers) {
      await fetch(\`https://loyalty.example.com/members/\${customer.id}\`, { method: 'PUT', body: String(customer.points), signal: AbortSignal.timeout(5_000) });
      synced++;
    }
  } catch (problem) {
    log.error({ problem, status: 'partial' }, 'loyalty sync stopped');
    return { synced };
  }
  return { synced };
}`,
      // moved into the loop, the catch goes on with the next customer, and the count is still returned at the end
      errors: [{ messageId: 'tryOutsideLoop', line: 5, suggestions: [{ messageId: 'fixMoveTryIntoLoop', output: `
declare const log: { error(details: object, message: string): void };
export async function syncLoyaltyPoints(customers: { id: string; points: number }[]) {
  let synced = 0;
  for (const customer of customers) {
    try {
      await fetch(\`https://loyalty.example.com/members/\${customer.id}\`, { method: 'PUT', body: String(customer.points), signal: AbortSignal.timeout(5_000) });
      synced++;
    } catch (problem) {
      log.error({ problem, status: 'partial' }, 'loyalty sync stopped');
    }
  }
  return { synced };
}` }, { messageId: 'fixRethrow', output: `
declare const log: { error(details: object, message: string): void };
export async function syncLoyaltyPoints(customers: { id: string; points: number }[]) {
  let synced = 0;
  try {
    for (const customer of customers) {
      await fetch(\`https://loyalty.example.com/members/\${customer.id}\`, { method: 'PUT', body: String(customer.points), signal: AbortSignal.timeout(5_000) });
      synced++;
    }
  } catch (problem) {
    log.error({ problem, status: 'partial' }, 'loyalty sync stopped');
    throw problem;
  }
  return { synced };
}` }] }],
    },
  ],
});
