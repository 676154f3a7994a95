import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { importersOf } from '../project/importers.js';
import requireTimeout from './require-timeout.js';

// A large Next.js App Router app keeps each domain's data access in `lib/<domain>/service.ts`, so hundreds of
// specifiers end in `/service`. An integration's service module (no directive) calls a vendor's API with the
// server's secret, and is imported by a settings page with no `'use client'` (a React Server Component, rendered on
// the server), by the pipeline behind a route handler, and by that pipeline's test: it runs on the server. The same
// module imported by a page that says `'use client'` is a page's.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

const app = mkdtempSync(join(tmpdir(), 'resilint-next-components-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(app, path)), { recursive: true });
  writeFileSync(join(app, path), text);
};
write('package.json', JSON.stringify({ private: true, dependencies: { next: '^15', react: '^19', 'react-dom': '^19' } }));
write('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] }, jsx: 'preserve' } }));
// the other domains' services, named through the alias and relatively, far more often than one lookup may resolve
const domains = Array.from({ length: 450 }, (_, index) => `domain${index}`);
write('lib/registry.ts', domains.map((domain) => `export * as ${domain} from '@/lib/${domain}/service';\n`).join(''));
write('lib/relative-registry.ts', domains.map((domain) => `export * as ${domain} from './${domain}/service';\n`).join(''));

const boardCode = `const BOARD_TOKEN = process.env.BOARD_TOKEN ?? '';
export async function listBoards(workspace: string) {
  const response = await fetch('https://api.boards.example/v1/boards?workspace=' + workspace, {
    headers: { authorization: 'Bearer ' + BOARD_TOKEN },
  });
  return response.json();
}
`;
write('lib/boards/service.ts', boardCode);
write('app/(dashboard)/settings/integrations/boards/page.tsx', `import { listBoards } from '@/lib/boards/service';
export default async function BoardsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const boards = await listBoards((await params).workspace);
  return <ul>{boards.map((board: { id: string }) => <li key={board.id}>{board.id}</li>)}</ul>;
}
`);
write('modules/pipeline/sync.ts', "import { listBoards } from '../../lib/boards/service';\nexport const syncBoards = (workspace: string) => listBoards(workspace);\n");
write('modules/pipeline/sync.test.ts', "import { it } from 'vitest';\nimport { listBoards } from '@/lib/boards/service';\nit('lists', async () => { await listBoards('w'); });\n");
write('app/api/pipeline/route.ts', "import { syncBoards } from '@/modules/pipeline/sync';\nexport async function POST() { return Response.json(await syncBoards('w')); }\n");

// the control: a page of the same app that says 'use client' imports a module of the same shape
const widgetCode = boardCode.replace('api.boards.example', 'widgets.example').replaceAll('BOARD_TOKEN', 'WIDGET_KEY');
write('lib/widgets/service.ts', widgetCode);
write('app/(dashboard)/widgets/page.tsx', `'use client';
import { useEffect } from 'react';
import { listBoards } from '@/lib/widgets/service';
export default function WidgetsPage() {
  useEffect(() => { void listBoards('w'); }, []);
  return null;
}
`);

// a metadata image route: the framework renders it on the server, with the server's token
const imageCode = `import { ImageResponse } from 'next/og';
export default async function Image({ params }: { params: { slug: string } }) {
  const post = await fetch('https://cms.example/api/posts/' + params.slug, { headers: { authorization: process.env.CMS_TOKEN ?? '' } });
  const { title } = await post.json();
  return new ImageResponse(<div>{title}</div>);
}
`;

// a route handler written in .tsx (it draws an image with JSX): its `GET` runs on the server, it is no component
const routeCode = `import { ImageResponse } from 'next/og';
export async function GET() {
  const stats = await fetch('https://api.analytics.example/v0/clicks', { headers: { authorization: 'Bearer ' + process.env.ANALYTICS_KEY } });
  const { total } = await stats.json();
  return new ImageResponse(<div>{total}</div>);
}
`;

describe('importers of a module whose name hundreds of specifiers end with', () => {
  it('are found: the relative specifiers pointing elsewhere are set aside by their path, the aliases by the folder they name', () => {
    const importers = importersOf(join(app, 'lib/boards/service.ts'))?.map(({ relativePath }) => relativePath.split(/[\\/]/).join('/')).sort();
    expect(importers).toEqual(['app/(dashboard)/settings/integrations/boards/page.tsx', 'modules/pipeline/sync.test.ts', 'modules/pipeline/sync.ts']);
  });
});

ruleTester.run('require-timeout (a Next.js App Router module used by server components)', requireTimeout, {
  valid: [
    { code: widgetCode, filename: join(app, 'lib/widgets/service.ts') },
  ],
  invalid: [
    { code: boardCode, filename: join(app, 'lib/boards/service.ts'), errors: [{ ...missing, line: 3, suggestions: 4 }] },
    { code: imageCode, filename: join(app, 'app/blog/[slug]/opengraph-image.tsx'), errors: [{ ...missing, line: 3, suggestions: 4 }] },
    { code: routeCode, filename: join(app, 'app/api/og/clicks/route.tsx'), errors: [{ ...missing, line: 3, suggestions: 4 }] },
  ],
});
