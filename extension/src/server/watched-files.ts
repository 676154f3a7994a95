// Imported by the client too, so it imports nothing: the client bundle must not pull in the server's code.

/** The files whose changes on disk can change an open file's findings: sources and the manifests that resolve them. */
export const WATCHED_FILES = '**/{*.{ts,tsx,mts,cts,js,jsx,mjs,cjs},tsconfig*.json,jsconfig.json,package.json,pnpm-workspace.yaml}';
