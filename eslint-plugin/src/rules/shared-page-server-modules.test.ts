import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from './require-timeout.js';

// A Next.js pages-router app keeps a domain's helpers in one module: a form component imports its pure validator,
// the API routes import its calls to a hosting provider. By its package the module is a page's; by its importers it
// is both. A call that sends the server's own credentials (an environment variable no bundler gives the browser)
// runs on the server, where a hung provider holds the route. Controls: the page's own calls (a relative `/api` URL),
// a module only the page imports, and a variable the bundler does give the browser.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

const app = mkdtempSync(join(tmpdir(), 'resilint-shared-modules-'));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(app, path)), { recursive: true });
  writeFileSync(join(app, path), text);
};
write('package.json', JSON.stringify({ private: true, dependencies: { next: '^14', react: '^18', 'react-dom': '^18' } }));
write('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] }, jsx: 'preserve' } }));

const hostingCode = `const HOSTING_TOKEN = process.env.HOSTING_TOKEN;
export const isValidHostname = (name: string) => /^[a-z0-9-]+(\\.[a-z0-9-]+)+$/.test(name);

export async function registerHostname(name: string) {
  const response = await fetch('https://api.hosting.example/v2/hostnames', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + HOSTING_TOKEN },
    body: JSON.stringify({ name }),
  });
  return response.json();
}

export async function hostnameStatus(name: string) {
  const response = await fetch(\`https://api.hosting.example/v2/hostnames/\${name}?team=\${process.env['HOSTING_TEAM']}\`);
  return response.json();
}

export async function saveHostname(name: string) {
  return fetch('/api/hostnames', { method: 'POST', body: JSON.stringify({ name }) });
}

export async function publicStatus(name: string) {
  return fetch(\`\${process.env.NEXT_PUBLIC_STATUS_URL}/hostnames/\${name}\`);
}
`;
write('lib/hosting.ts', hostingCode);
write('components/hostname-form.tsx', `import { useState } from 'react';
import { isValidHostname, saveHostname } from '@/lib/hosting';
export function HostnameForm() {
  const [name, setName] = useState('');
  return <form onSubmit={() => void saveHostname(name)}><input aria-invalid={!isValidHostname(name)} onChange={(e) => setName(e.target.value)} /></form>;
}
`);
write('pages/settings/hostnames.tsx', "import { HostnameForm } from '@/components/hostname-form';\nexport default function Hostnames() { return <HostnameForm />; }\n");
write('pages/api/hostnames.ts', `import type { NextApiRequest, NextApiResponse } from 'next';
import { hostnameStatus, registerHostname } from '@/lib/hosting';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { name } = req.body as { name: string };
  res.json(req.method === 'POST' ? await registerHostname(name) : await hostnameStatus(name));
}
`);

// the same calls in a module only the page's component imports: the page's (its variables may be inlined by the config)
const widgetCode = hostingCode.replaceAll('hosting', 'widgets');
write('lib/widgets.ts', widgetCode);
write('components/widget-form.tsx', `import { registerHostname } from '@/lib/widgets';
export function WidgetForm() { return <button onClick={() => void registerHostname('w')}>add</button>; }
`);
write('pages/widgets.tsx', "import { WidgetForm } from '@/components/widget-form';\nexport default function Widgets() { return <WidgetForm />; }\n");

ruleTester.run('require-timeout (a module a page and API routes share)', requireTimeout, {
  valid: [
    { code: widgetCode, filename: join(app, 'lib/widgets.ts') },
  ],
  invalid: [
    {
      code: hostingCode,
      filename: join(app, 'lib/hosting.ts'),
      // the relative `/api` save and the public status URL are the page's; the two calls with the server's secrets are not
      errors: [{ ...missing, line: 5, suggestions: 3 }, { ...missing, line: 14, suggestions: 4 }],
    },
  ],
});
