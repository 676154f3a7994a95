import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from './require-timeout.js';

// A Next.js app whose public pages are rendered on the server from the app's own API back end: `getServerSideProps`
// asks it at the address its settings give (on the same host by default). The page's components make the same call
// from the browser and are left alone; the server half calling its own API is too, unless `checkOwnOrigin` is on.
// A third party's API called there stays reported.
const ruleTester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });
const missing = { messageId: 'missingTimeout' as const };

const app = mkdtempSync(join(tmpdir(), 'resilint-ssr-own-api-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(app, path)), { recursive: true });
  writeFileSync(join(app, path), text);
};
write('package.json', JSON.stringify({ private: true, dependencies: { next: '^14', react: '^18', 'react-dom': '^18' } }));
const page = join(app, 'pages/share/[id].tsx');

const rendered = (url: string, exportName = 'getServerSideProps', before = '') => `${before}
export async function ${exportName}({ params }: { params: { id: string } }) {
  const answer = await fetch(${url});
  return { props: { board: (await answer.json()) ?? null } };
}

export default function SharedBoard({ board }: { board: { name: string } | null }) {
  return <h1>{board?.name ?? 'Not shared'}</h1>;
}
`;

const ownHost = `const base = (process.env.API_HOST ?? '').replace(/\\/+$/, '') || 'http://localhost:4000';`;

ruleTester.run('require-timeout (a page rendered on the server from its own API)', requireTimeout, {
  valid: [
    // Its API_HOST, on this host unless set.
    { code: rendered("base + '/api/boards/shared/' + params.id", 'getServerSideProps', ownHost), filename: page },
    // A server setting named as the app's own back end.
    { code: rendered('`${process.env.BACKEND_URL}/api/boards/${params.id}`'), filename: page },
    // Built at build time from the API on this machine.
    { code: rendered("'http://127.0.0.1:4000/api/boards/' + params.id", 'getStaticProps'), filename: page },
  ],
  invalid: [
    // Another company's API called while rendering.
    { code: rendered("'https://api.boards-vendor.example/v2/boards/' + params.id"), filename: page, errors: [{ ...missing, line: 3, suggestions: 4 }] },
    // A setting named for another service.
    { code: rendered('`${process.env.MIRO_API_URL}/boards/${params.id}`'), filename: page, errors: [{ ...missing, line: 3, suggestions: 4 }] },
    // `checkOwnOrigin` (the strict config) reports the own API too.
    {
      code: rendered("base + '/api/boards/shared/' + params.id", 'getServerSideProps', ownHost),
      filename: page,
      options: [{ checkOwnOrigin: true }],
      errors: [{ ...missing, line: 3, suggestions: 4 }],
    },
  ],
});
