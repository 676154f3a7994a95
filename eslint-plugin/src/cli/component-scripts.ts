import type { Linter } from 'eslint';

/**
 * Vue (`.vue`) and Svelte (`.svelte`) single-file components: their `<script>` blocks are modules like any other,
 * and where a front end's calls to its back end live. Each block is linted as a virtual `.ts` or `.js` file holding
 * the component's text with everything outside the block blanked, so every position, and every fix, is the
 * component's own, and no Vue or Svelte parser is needed.
 */
export const COMPONENT_FILES = ['**/*.vue', '**/*.svelte'];

/**
 * `<script ...>` … `</script>`: the content cannot hold `</script>`, so the first closing tag ends the block. An
 * attribute's quoted value may hold `>` (Svelte's `generics="T extends Exclude<keyof A, 'b'>"`); an element whose
 * attributes are expressions (`<script on:load={() => ...}>` in `<svelte:head>`) is the page's, not the component's.
 */
const SCRIPT_BLOCK = /(<script((?:\s+[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"'{]+))?)*)\s*>)([\s\S]*?)<\/script\s*>/gi;
const LANG = /\blang\s*=\s*["']?([\w-]+)/i;

export const componentScripts: Linter.Processor = {
  meta: { name: 'resilint/component-scripts', version: '1' },
  supportsAutofix: true,
  preprocess(text) {
    const blocks: { text: string; filename: string }[] = [];
    for (const match of text.matchAll(SCRIPT_BLOCK)) {
      const extension = scriptExtension(match[2] ?? '');
      if (!extension) continue; // JSON, templates in script tags, other languages
      const start = match.index + match[1]!.length;
      const content = match[3]!;
      blocks.push({ text: blank(text.slice(0, start)) + content + blank(text.slice(start + content.length)), filename: `${blocks.length}${extension}` });
    }
    return blocks;
  },
  postprocess(messages) {
    return messages.flat();
  },
};

function scriptExtension(attributes: string): string | undefined {
  if (/\btype\s*=\s*["']?(?!module\b|text\/javascript\b|application\/javascript\b)/i.test(attributes)) return undefined;
  const lang = LANG.exec(attributes)?.[1]?.toLowerCase() ?? 'js';
  return { js: '.js', javascript: '.js', jsx: '.jsx', ts: '.ts', typescript: '.ts', tsx: '.tsx' }[lang];
}

/** The same text with every character but line breaks turned into a space. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}
