import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from './require-timeout.js';

// A Next.js app keeps a feature's code in one folder: its components and, beside them, a client of a hosted vendor
// that only the app's server side uses. Such a module (no JSX, no front-end import) runs on the server when every
// module importing it does, whether or not it imports from the server side itself; imported by a component, it is a
// page's.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

const app = mkdtempSync(join(tmpdir(), 'resilint-next-features-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(app, path)), { recursive: true });
  writeFileSync(join(app, path), text);
};
write('package.json', JSON.stringify({ private: true, dependencies: { next: '^15', react: '^19', 'react-dom': '^19' } }));
write('src/server/audit.ts', "export const audit = (line: string) => process.stdout.write(line + '\\n');\n");
write('src/server/columns.ts', "export const ticketColumns = ['id', 'title'] as const;\n");

// the vendor client, imported by an API route and by the feature's router (itself imported by the API's root)
const vendorCode = `import { audit } from '../../server/audit';
export async function fileTicket(token: string, title: string) {
  audit('filing a ticket');
  const response = await fetch('https://desk.vendor.example/v1/tickets', {
    method: 'POST',
    headers: { authorization: token },
    body: JSON.stringify({ title }),
  });
  return response.json();
}
`;
write('src/features/desk/vendor/deskClient.ts', vendorCode);
write('src/features/desk/router/deskRouter.ts', "import { audit } from '../../../server/audit';\nimport { fileTicket } from '../vendor/deskClient';\nexport const deskRouter = { file: (token: string, title: string) => { audit('route'); return fileTicket(token, title); } };\n");
write('src/server/api/root.ts', "import { deskRouter } from '../../features/desk/router/deskRouter';\nexport const appRouter = { desk: deskRouter };\n");
write('src/pages/api/desk/upload.ts', "import { fileTicket } from '../../../features/desk/vendor/deskClient';\nexport default async function handler(req: { body: string }, res: { json(value: unknown): void }) { res.json(await fileTicket('t', req.body)); }\n");

// a module of the same shape that a component imports: page code, left alone as every page's call is
const pageCode = `import { ticketColumns } from '../../server/columns';
export async function loadStatus() {
  const response = await fetch('https://status.vendor.example/v1/summary');
  return { columns: ticketColumns, status: await response.json() };
}
`;
write('src/features/desk/status/statusFeed.ts', pageCode);
write('src/features/desk/status/StatusBadge.tsx', "import { useEffect } from 'react';\nimport { loadStatus } from './statusFeed';\nexport function StatusBadge() {\n  useEffect(() => { void loadStatus(); }, []);\n  return null;\n}\n");

// a CRM client under lib/ that imports nothing from the server side (its key comes from a constants module), used
// only by an app router route handler: the route's server code, with the server's secret
const crmCode = `import { CRM_KEY } from '../constants';
export async function addContact(email: string) {
  const response = await fetch('https://api.crm.example/v3/contacts', {
    method: 'POST',
    headers: { 'api-key': CRM_KEY },
    body: JSON.stringify({ email }),
  });
  return response.status === 201;
}
`;
write('src/lib/constants.ts', "export const CRM_KEY = process.env.CRM_KEY ?? '';\n");
write('src/lib/crm/contacts.ts', crmCode);
write('src/app/api/contacts/route.ts', "import { addContact } from '../../../lib/crm/contacts';\nexport async function POST(request: Request) { return Response.json({ added: await addContact(await request.text()) }); }\n");
// the same module once a component imports it too: it runs in a page as well, left alone as a page's call
const sharedCode = crmCode.replace('api.crm.example', 'api.newsletter.example');
write('src/lib/newsletter/signup.ts', sharedCode);
write('src/app/api/newsletter/route.ts', "import { addContact } from '../../../lib/newsletter/signup';\nexport async function POST(request: Request) { return Response.json({ added: await addContact(await request.text()) }); }\n");
write('src/components/SignupForm.tsx', "import { addContact } from '../lib/newsletter/signup';\nexport function SignupForm() { return <form onSubmit={() => void addContact('a@b.test')} />; }\n");

// a payment provider's client behind a tRPC router: the route handler imports the router for its values, the browser's
// tRPC client only for its type (erased by the build), so the router, and the client it uses, run on the server
const payCode = `export async function registerPayment(key: string, orderId: string) {
  const response = await fetch('https://api.payments.example/v1/transactions', { method: 'POST', headers: { authorization: key }, body: orderId });
  return response.ok;
}
`;
write('src/modules/payments/payClient.ts', payCode);
write('src/modules/trpc/router.ts', "import { registerPayment } from '../payments/payClient';\nexport const router = { register: (key: string, id: string) => registerPayment(key, id) };\nexport type Router = typeof router;\n");
write('src/modules/trpc/client.ts', "import type { Router } from './router';\nexport const call = (name: keyof Router, body: unknown) => fetch(`/api/trpc/${name}`, { method: 'POST', body: JSON.stringify(body) });\n");
write('src/app/api/trpc/[trpc]/route.ts', "import { router } from '../../../../modules/trpc/router';\nexport async function POST(request: Request) { return Response.json(await router.register('k', await request.text())); }\n");
write('src/components/PayButton.tsx', "import { call } from '../modules/trpc/client';\nexport function PayButton() { return <button onClick={() => void call('register', {})} />; }\n");

// a CMS app's provider registry, one .tsx holding each provider's logo and its webhook processor: settings pages
// import it for the logos, a webhook route for the processors; the processor's writer, which only the registry
// imports, runs where the route calls it
const writerCode = `export class CmsWriter {
  constructor(private endpoint: string, private key: string) {}
  async upsert(id: string, fields: unknown) {
    const response = await fetch(\`\${this.endpoint}/\${id}\`, { method: 'PUT', headers: { authorization: this.key }, body: JSON.stringify(fields) });
    if (!response.ok) throw new Error(String(response.status));
  }
}
`;
write('src/modules/cms/cmsWriter.ts', writerCode);
write('src/modules/cms/providers.tsx', "import { CmsWriter } from './cmsWriter';\nexport const providers = { acme: { Logo: () => <span>Acme</span>, writer: (endpoint: string, key: string) => new CmsWriter(endpoint, key) } };\n");
write('src/pages/settings.tsx', "import { providers } from '../modules/cms/providers';\nexport default function Settings() { const P = providers.acme; return <P.Logo />; }\n");
write('src/pages/api/webhooks/product-updated.ts', "import { providers } from '../../../modules/cms/providers';\nexport default async function handler(req: { body: { id: string } }, res: { end(): void }) { await providers.acme.writer('https://cms.example', 'k').upsert(req.body.id, req.body); res.end(); }\n");

// the same registry reached by the webhook routes through a dispatcher module only they import, and by the pages for
// the logos and a bulk import run from the dashboard: the search index's client, which only the registry's sync
// processor imports, runs on the server when a webhook fires (named `*.client.ts`, which means nothing to Next.js)
const indexCode = `export class SearchIndexClient {
  constructor(private key: string) {}
  async put(id: string, body: unknown) {
    await fetch(\`https://index.search.example/v1/docs/\${id}\`, { method: 'PUT', headers: { authorization: this.key }, body: JSON.stringify(body) });
  }
}
`;
write('src/modules/search/search-index.client.ts', indexCode);
write('src/modules/search/searchSync.ts', "import { SearchIndexClient } from './search-index.client';\nexport const searchSync = (key: string) => ({ push: (id: string, body: unknown) => new SearchIndexClient(key).put(id, body) });\n");
write('src/modules/search/registry.tsx', "import { searchSync } from './searchSync';\nexport const registry = { search: { Logo: () => <i>Search</i>, sync: searchSync } };\n");
write('src/modules/webhooks/dispatch.ts', "import { registry } from '../search/registry';\nexport const dispatch = (id: string, body: unknown) => registry.search.sync('k').push(id, body);\n");
write('src/pages/api/webhooks/variant-updated.ts', "import { dispatch } from '../../../modules/webhooks/dispatch';\nexport default async function handler(req: { body: { id: string } }, res: { end(): void }) { await dispatch(req.body.id, req.body); res.end(); }\n");
write('src/pages/bulk-import.tsx', "import { registry } from '../modules/search/registry';\nexport default function BulkImport() { return <button onClick={() => void registry.search.sync('k').push('all', {})} />; }\n");

ruleTester.run('require-timeout (a Next.js feature folder: server modules beside components)', requireTimeout, {
  valid: [
    { code: pageCode, filename: join(app, 'src/features/desk/status/statusFeed.ts') },
    { code: sharedCode, filename: join(app, 'src/lib/newsletter/signup.ts') },
  ],
  invalid: [
    { code: vendorCode, filename: join(app, 'src/features/desk/vendor/deskClient.ts'), errors: [{ ...missing, line: 4, suggestions: 3 }] },
    { code: crmCode, filename: join(app, 'src/lib/crm/contacts.ts'), errors: [{ ...missing, line: 3, suggestions: 3 }] },
    { code: payCode, filename: join(app, 'src/modules/payments/payClient.ts'), errors: [{ ...missing, line: 2, suggestions: 3 }] },
    { code: writerCode, filename: join(app, 'src/modules/cms/cmsWriter.ts'), errors: [{ ...missing, line: 4, suggestions: 4 }] },
    { code: indexCode, filename: join(app, 'src/modules/search/search-index.client.ts'), errors: [{ ...missing, line: 4, suggestions: 4 }] },
  ],
});
