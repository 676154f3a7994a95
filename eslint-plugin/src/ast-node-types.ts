import { AST_NODE_TYPES as NODE_TYPES } from '@typescript-eslint/utils';

/**
 * typescript-eslint's node types, read once. Where the plugin is bundled (the editor's language server), a binding
 * imported from a CommonJS package is read through a chain of getters at every use, and the analyses compare node
 * types on every node of every lint.
 */
export const AST_NODE_TYPES = NODE_TYPES;
