import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { componentScripts } from './cli/component-scripts.js';
import { createConfigs } from './configs/index.js';
import { rules } from './rules/index.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const plugin = {
  meta: { name, version },
  rules,
  // The `<script>` blocks of Vue and Svelte components, as the CLI and the editor lint them.
  processors: { 'component-scripts': componentScripts as TSESLint.FlatConfig.Processor },
} satisfies TSESLint.FlatConfig.Plugin;

export const configs = createConfigs(plugin);
export { rules };
export { projectModel } from './project/index.js';
export const meta = plugin.meta;

export default { ...plugin, configs };
