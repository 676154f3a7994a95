import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-try-outside-loop.js';

const ruleTester = new RuleTester();

// A catch around a whole loop that tells whoever waits on the work that it failed: the HTTP client the handler answers,
// the caller's own callback, the job record put in its failed state. All or nothing is then the intent: a try inside
// the loop would answer "done" for half the work.
ruleTester.run('no-try-outside-loop: a catch that answers the failure', rule, {
  valid: [
    // An Express handler's steps (a delete, then a refresh of each view) in one try whose catch answers 503: the
    // client learns the purge failed; per-step catches would answer "purged" for a half-done purge.
    `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool({ connectionTimeoutMillis: 2_000, statement_timeout: 10_000 });
const views = ['daily_totals', 'weekly_totals'];
export const router = express.Router();
router.delete('/albums/:id', async (req, res) => {
  try {
    await pool.query('DELETE FROM albums WHERE id = $1', [req.params.id]);
    for (const view of views) {
      await pool.query(\`REFRESH MATERIALIZED VIEW \${view}\`);
    }
    res.send('purged');
  } catch (error) {
    console.error(error);
    res.status(503);
    res.send(String(error));
  }
});`,
    // The same answered by Koa's context status.
    `
import { Pool } from 'pg';
const pool = new Pool({ connectionTimeoutMillis: 2_000, statement_timeout: 10_000 });
export async function purgeTags(ctx: { params: { ids: string[] }; status: number; body: unknown }) {
  try {
    for (const id of ctx.params.ids) {
      await pool.query('DELETE FROM tags WHERE id = $1', [id]);
    }
    ctx.body = { purged: ctx.params.ids.length };
  } catch (error) {
    ctx.status = 500;
    ctx.body = { message: 'purge failed' };
  }
}`,
    // A snapshot of every table written as one file: the catch hands the failure to the caller's own callback.
    `
import { writeFile } from 'node:fs/promises';
import { Pool } from 'pg';
export async function snapshot(tables: string[], file: string, report: (line: string) => void) {
  const pool = new Pool({ connectionTimeoutMillis: 2_000, statement_timeout: 30_000 });
  try {
    const dump: Record<string, unknown[]>[] = [];
    for (const table of tables) {
      const { rows } = await pool.query(\`SELECT * FROM \${table}\`);
      dump.push({ [table]: rows });
    }
    await writeFile(file, JSON.stringify(dump));
    report('snapshot written');
  } catch (error) {
    report('snapshot failed: ' + (error as Error).message);
  }
  await pool.end();
}`,
    // The job's log record put in its failed state (an enum of task states) by the catch.
    `
import { Pool } from 'pg';
import { TaskState, saveTaskLog } from './task-log';
const pool = new Pool({ connectionTimeoutMillis: 2_000, statement_timeout: 30_000 });
export async function archive(taskId: string, tables: string[]) {
  const lines: string[] = [];
  try {
    for (const table of tables) {
      const { rowCount } = await pool.query(\`INSERT INTO archive_\${table} SELECT * FROM \${table}\`);
      lines.push(\`\${table}: \${rowCount}\`);
    }
    await saveTaskLog(taskId, lines, TaskState.DONE);
  } catch (error) {
    lines.push('archive failed');
    await saveTaskLog(taskId, lines, TaskState.FAILED);
  }
}`,
    // A settings page toggling every matching webhook: the catch puts the error in front of the user, who clicked.
    `
import axios from 'axios';
import { useState } from 'react';
export function useWebhookToggle(hooks: { id: string; enabled: boolean }[]) {
  const [message, setError] = useState('');
  const toggle = async () => {
    try {
      for (const hook of hooks) {
        await axios.put(\`https://hooks.example.com/webhooks/\${hook.id}\`, { enabled: !hook.enabled }, { timeout: 10_000 });
      }
    } catch (error) {
      setError('Could not update the webhooks: ' + (error as Error).message);
    }
  };
  return { message, toggle };
}`,
  ],
  invalid: [
    // Control: the handler's catch logs and answers as if it went well: the client never learns half the views are stale.
    {
      code: `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool({ connectionTimeoutMillis: 2_000, statement_timeout: 10_000 });
const views = ['daily_totals', 'weekly_totals'];
export const router = express.Router();
router.post('/refresh', async (req, res) => {
  try {
    for (const view of views) {
      await pool.query(\`REFRESH MATERIALIZED VIEW \${view}\`);
    }
  } catch (error) {
    console.error(error);
  }
  res.status(200).send('refreshed');
});`,
      // (loops of database calls are reported with `checkDataStores`)
      options: [{ checkDataStores: true }],
      errors: [{ messageId: 'tryOutsideLoop', line: 8, suggestions: 2 }],
    },
    // Control: the caller's callback is told how far the loop got, not that it failed.
    {
      code: `
import { Pool } from 'pg';
export async function copyAll(tables: string[], progress: (done: number) => void) {
  const pool = new Pool({ connectionTimeoutMillis: 2_000, statement_timeout: 30_000 });
  let done = 0;
  try {
    for (const table of tables) {
      await pool.query(\`INSERT INTO copy_\${table} SELECT * FROM \${table}\`);
      done += 1;
    }
  } catch (error) {
    progress(done);
  }
  await pool.end();
}`,
      // (loops of database calls are reported with `checkDataStores`)
      options: [{ checkDataStores: true }],
      errors: [{ messageId: 'tryOutsideLoop', line: 6, suggestions: 2 }],
    },
  ],
});
