import { describe, expect, it } from 'vitest';
import { componentScripts } from './component-scripts.js';

const blocks = (text: string) => componentScripts.preprocess!(text, 'Component.svelte') as { text: string; filename: string }[];

// Two Svelte components a SvelteKit front end could not have linted (the thirty-ninth round, five files reported as
// not parsing): a generic component whose `generics` attribute holds `>`, and a layout loading an analytics script in
// `<svelte:head>` with an event handler written as an expression.
describe('component script blocks', () => {
  it('reads an open tag whose quoted attribute holds `>`, keeping every position the component\'s own', () => {
    const text = [
      '<script',
      '    lang="ts"',
      '    generics="Group extends Exclude<keyof Prefs, \'version\'>, Key extends keyof Prefs[Group]"',
      '>',
      "    import type { Prefs } from './prefs';",
      '    export let group: Group;',
      '</script>',
      '<p>{String(group)}</p>',
    ].join('\n');
    const [block, ...others] = blocks(text);
    expect(others).toEqual([]);
    expect(block!.filename).toBe('0.ts');
    expect(block!.text.length).toBe(text.length);
    expect(block!.text.split('\n')[4]).toBe("    import type { Prefs } from './prefs';");
    expect(block!.text.split('\n').slice(0, 4).join('').trim()).toBe('');
  });

  it('leaves alone a page\'s script element whose attributes are expressions', () => {
    const text = [
      '<script lang="ts">',
      '    let loaded = false;',
      '</script>',
      '<svelte:head>',
      '    {#if !loaded}',
      '        <script defer on:load={() => { loaded = true; }} src="https://stats.example.org/js/script.js"></script>',
      '    {/if}',
      '</svelte:head>',
    ].join('\n');
    expect(blocks(text).map((block) => block.text.trim())).toEqual(['let loaded = false;']);
  });
});
