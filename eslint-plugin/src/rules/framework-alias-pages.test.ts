import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A SvelteKit app whose tsconfig extends the one `svelte-kit sync` generates: a fresh clone has no `.svelte-kit/`, yet
// pages import their client modules as `$lib/...`. Those modules are page code, and their reads of the app's own API
// are the browser's, not a server's.
const project = scratchProject('framework-alias');
project.write('kit/package.json', JSON.stringify({
  name: 'status-page', private: true, type: 'module',
  dependencies: { express: '^5.0.0', knex: '^3.0.0' },
  devDependencies: { '@sveltejs/kit': '^2.0.0', svelte: '^5.0.0' },
}));
project.write('kit/tsconfig.json', JSON.stringify({ extends: './.svelte-kit/tsconfig.json', compilerOptions: { strict: true } }));
const statusReader = project.write('kit/src/lib/client/status-reader.ts', `
export async function readStatuses(ids: string[]): Promise<unknown> {
  const answer = await fetch('/internal-api/statuses?ids=' + ids.join(','));
  if (!answer.ok) throw new Error('statuses ' + answer.status);
  return answer.json();
}
`);
project.write('kit/src/lib/components/StatusRow.svelte', `<script lang="ts">
  import { readStatuses } from '$lib/client/status-reader.js';
  let { id }: { id: string } = $props();
  const status = readStatuses([id]);
</script>
{#await status then value}<span>{String(value)}</span>{/await}
`);
const notifier = project.write('kit/src/lib/server/notifier.ts', `
export async function postToChat(hook: string, text: string): Promise<void> {
  await fetch(hook, { method: 'POST', body: JSON.stringify({ text }) });
}
`);
project.write('kit/src/routes/api/alerts/+server.ts', `
import { postToChat } from '$lib/server/notifier';
export async function POST({ request }: { request: Request }) {
  const { hook, text } = await request.json();
  await postToChat(hook, text);
  return new Response(null, { status: 204 });
}
`);

const timeouts = (file: string) => lintWithPreset(file).filter((message) => message.ruleId === 'resilint/require-timeout');

describe('modules imported through a framework alias whose tsconfig is generated at build time', () => {
  it('leaves a module that only pages import as $lib/... alone: it is page code calling its own API', () => {
    expect(timeouts(statusReader)).toEqual([]);
  });

  it('still reports a server module reached through the same alias', () => {
    expect(timeouts(notifier)).toHaveLength(1);
  });
});
