import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-try-outside-loop.js';

// no-try-outside-loop: a catch around a whole job's loop that tells whoever waits on the job that it failed (a render
// farm's coordinator emitting the render-failed event, marking the job failed, answering 502): one part failing fails
// the job on purpose, and says so. A catch that only logs, or tells an error tracker, and goes on stays reported.
const ruleTester = new RuleTester();

/** A coordinator that sends each frame range of a render to a worker pool, in order, with `catchBody` as its catch. */
const coordinator = (catchBody: string) => `import axios from 'axios';
export class RenderCoordinator {
  constructor(private readonly events: { emit(topic: string, payload: object): Promise<void> }, private readonly logger: { error(...args: unknown[]): void },
    private readonly renders: { markRenderFailed(id: string, reason: string): Promise<void>; updateStatus(id: string, status: string): Promise<void> }) {}
  async render(renderId: string, ranges: { from: number; to: number }[], farmUrl: string) {
    try {
      for (const range of ranges) {
        await axios.post(farmUrl, { renderId, ...range }, { timeout: 30_000 });
      }
    } catch (error) {
      ${catchBody}
    }
  }
}`;

ruleTester.run('no-try-outside-loop: a catch that fails the whole job and says so', rule, {
  valid: [
    // a method named for announcing the failure, after logging it
    coordinator("this.logger.error('render stopped', error);\n      await this.emitRenderFailure(renderId, (error as Error).message);"),
    // the failure event sent by its topic
    coordinator("await this.events.emit('render.failed', { renderId, reason: String(error) });"),
    coordinator("await this.events.emit(RENDER_TOPICS.RENDER_FAILURE, { renderId });"),
    // the job's record marked failed, by name or by status
    coordinator('await this.renders.markRenderFailed(renderId, String(error));'),
    coordinator("await this.renders.updateStatus(renderId, RenderStatus.Failed);"),
    coordinator("await this.renders.updateStatus(renderId, 'failed');"),
    // a request handler answering that the whole export failed
    `import type { Request, Response } from 'express';
export async function exportAll(req: Request, res: Response) {
  try {
    for (const id of req.body.ids) await fetch(\`https://archive.example.com/export/\${id}\`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
    res.sendStatus(204);
  } catch (error) {
    res.status(502).send('Export failed: ' + String(error));
  }
}`,
    // a command's catch that prints why and fails the command's exit status: the shell or CI job that ran it learns
    coordinator("console.error('Could not send every frame range:', error);\n      process.exitCode = 1;"),
    coordinator("console.error(error);\n      process.exit(2);"),
  ],
  invalid: [
    // control: a command that prints the failure but exits as if it had succeeded
    { code: coordinator("console.error('Could not send every frame range:', error);\n      process.exitCode = 0;"), errors: [{ messageId: 'tryOutsideLoop', suggestions: 2 }] },
    // control: the catch only logs, with the word failed in its message, and the render goes on as if done
    { code: coordinator("this.logger.error('render failed', error);"), errors: [{ messageId: 'tryOutsideLoop', suggestions: 2 }] },
    { code: coordinator("console.error('render failed', renderId, error);"), errors: [{ messageId: 'tryOutsideLoop', suggestions: 2 }] },
    // an error tracker is told, the job's waiters are not
    { code: coordinator('captureException(error);\n      reportError(error as Error);'), errors: [{ messageId: 'tryOutsideLoop', suggestions: 2 }] },
    // an event sent, but not a failure: progress
    { code: coordinator("await this.events.emit('render.progress', { renderId });"), errors: [{ messageId: 'tryOutsideLoop', suggestions: 2 }] },
    // a status set, but not to failed
    { code: coordinator("await this.renders.updateStatus(renderId, 'partial');"), errors: [{ messageId: 'tryOutsideLoop', suggestions: 2 }] },
  ],
});
