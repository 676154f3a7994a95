// Imported by the client too, so it imports nothing: the client bundle must not pull in the server's code.

/**
 * The files whose changes on disk can change an open file's findings: sources, the manifests that resolve them, and
 * the files that decide a file's role (an Nx project.json; Jest and Vitest configs, as sources or as JSON).
 */
export const WATCHED_FILES = '**/{*.{ts,tsx,mts,cts,js,jsx,mjs,cjs},tsconfig*.json,jsconfig.json,package.json,pnpm-workspace.yaml,project.json,jest.config.json}';
