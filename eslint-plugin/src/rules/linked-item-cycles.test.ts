import { RuleTester } from '@typescript-eslint/rule-tester';
import noUnboundedRetry from './no-unbounded-retry.js';
import retryRequiresBackoff from './retry-requires-backoff.js';

// A workflow engine (met on hexabot, the thirty-second round): a child run that fails hands its failure to its parent
// run, which the engine loads through the child's link and resumes. The method runs itself again through another, but
// each turn goes one level up the tree of runs with another run; the failed one is never tried again.
const ruleTester = new RuleTester();

const engine = (handOver: string) => `import { Repository } from 'typeorm';
interface Run { id: string; parent?: string | { id: string }; execute(input?: unknown): Promise<string> }
declare function idOf(link: string | { id: string } | undefined): string | undefined;
export class Engine {
  constructor(private readonly runs: Repository<Run>) {}
  async runFlow(options: { run: Run; mode: 'start' | 'resume'; input?: unknown }): Promise<string> {
    const { run, mode } = options;
    try {
      return await run.execute(options.input);
    } catch (err) {
      if (mode === 'resume') await this.wakeParent(run, err);
      throw err;
    }
  }
  private async wakeParent(child: Run, reason: unknown): Promise<void> {
${handOver}
  }
}`;

const throughId = `    const parentId = idOf(child.parent);
    if (!parentId) return;
    const parent = await this.runs.findOneBy({ id: parentId });
    if (!parent) return;
    await this.runFlow({ run: parent, mode: 'resume', input: { failedChild: child.id, reason } });`;

ruleTester.run('no-unbounded-retry (a failure handed up a tree of runs)', noUnboundedRetry, {
  valid: [
    // the parent, loaded by the child's link
    engine(`    if (typeof child.parent !== 'string') return;
    const parent = await this.runs.findOneBy({ id: child.parent });
    if (parent) await this.runFlow({ run: parent, mode: 'resume', input: reason });`),
    // through an id the child's link gives
    engine(throughId),
  ],
  invalid: [
    {
      // the same run again: a retry
      code: engine(`    await this.runFlow({ run: child, mode: 'resume', input: reason });`),
      errors: 1,
    },
    {
      // the same run loaded again by its own id
      code: engine(`    const fresh = await this.runs.findOneBy({ id: child.id });
    if (fresh) await this.runFlow({ run: fresh, mode: 'resume', input: reason });`),
      errors: 1,
    },
  ],
});

// The same engine taking the run as its first parameter (the thirty-second round's probe F3)
const positional = (handOver: string) => engine(handOver)
  .replace("async runFlow(options: { run: Run; mode: 'start' | 'resume'; input?: unknown }): Promise<string> {\n    const { run, mode } = options;", "async runFlow(run: Run, mode: 'start' | 'resume', input?: unknown): Promise<string> {")
  .replace('run.execute(options.input)', 'run.execute(input)');

ruleTester.run('retry-requires-backoff (a failure handed up a tree of runs)', retryRequiresBackoff, {
  valid: [
    positional(`    if (typeof child.parent !== 'string') return;
    const parent = await this.runs.findOneBy({ id: child.parent });
    if (parent) await this.runFlow(parent, 'resume', { failedChild: child.id, reason });`),
  ],
  invalid: [
    {
      code: positional(`    await this.runFlow(child, 'resume', reason);`),
      errors: 1,
    },
  ],
});
