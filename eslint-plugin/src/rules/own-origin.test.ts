import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import noUnprotectedCall from './no-unprotected-call.js';
import requireTimeout from './require-timeout.js';

// Browser calls to the page's own origin: not reported by default (recommended), reported with checkOwnOrigin (strict).
// (require-timeout leaves every call of a page alone by default: hang-cost.test.ts.)
const ruleTester = new RuleTester();
const checked = [{ checkOwnOrigin: true }];

const frontEnd = mkdtempSync(join(tmpdir(), 'resilint-front-end-'));
writeFileSync(join(frontEnd, 'package.json'), JSON.stringify({ dependencies: { react: '^19', 'react-dom': '^19' }, devDependencies: { vite: '^7' } }));
mkdirSync(join(frontEnd, 'src'));
const inFrontEnd = join(frontEnd, 'src/api.ts');
const backEnd = mkdtempSync(join(tmpdir(), 'resilint-back-end-'));
writeFileSync(join(backEnd, 'package.json'), JSON.stringify({ dependencies: { express: '^5' } }));
mkdirSync(join(backEnd, 'src'));
const inBackEnd = join(backEnd, 'src/orders.ts');
const mobileApp = mkdtempSync(join(tmpdir(), 'resilint-mobile-'));
writeFileSync(join(mobileApp, 'package.json'), JSON.stringify({ dependencies: { expo: '^56', 'react-native': '^0.81', '@tanstack/react-query': '^5' } }));
mkdirSync(join(mobileApp, 'lib'));
const inMobileApp = join(mobileApp, 'lib/hooks.ts');
const fullStackApp = mkdtempSync(join(tmpdir(), 'resilint-remix-'));
writeFileSync(join(fullStackApp, 'package.json'), JSON.stringify({ dependencies: { '@remix-run/react': '^2', '@remix-run/node': '^2', express: '^4', react: '^18' } }));
mkdirSync(join(fullStackApp, 'app/hooks'), { recursive: true });
const inFullStackHook = join(fullStackApp, 'app/hooks/useDashboard.ts');
const inFullStackServer = join(fullStackApp, 'app/models/dashboard.server.ts');
// A Remix route module holding both its server half (loader, action) and its page: `route.tsx` in a route's folder,
// or a flat route file.
const inRouteModule = join(fullStackApp, 'app/routes/_app.orgs.$org.playground.$agent/route.tsx');
const inFlatRoute = join(fullStackApp, 'app/routes/orders.$id.tsx');
// Helper modules of the app, on disk so that their importers are found: one a chat component imports (and a test,
// which says nothing of where it runs), one a route's loader imports.
mkdirSync(join(fullStackApp, 'app/components/chat'), { recursive: true });
mkdirSync(join(fullStackApp, 'app/models'), { recursive: true });
mkdirSync(join(fullStackApp, 'app/routes'), { recursive: true });
const pageHelper = join(fullStackApp, 'app/components/chat/settled-transcript.ts');
const pageHelperCode = 'export async function fetchTranscript(actionPath: string, chatId: string) {\n  const response = await fetch(`${actionPath}?chatId=${encodeURIComponent(chatId)}`);\n  return response.ok ? response.json() : null;\n}\n';
writeFileSync(pageHelper, pageHelperCode);
writeFileSync(join(fullStackApp, 'app/components/chat/Chat.tsx'), "import { useEffect } from 'react';\nimport { fetchTranscript } from './settled-transcript';\nexport function Chat({ actionPath }: { actionPath: string }) {\n  useEffect(() => { void fetchTranscript(actionPath, 'c1'); }, [actionPath]);\n  return null;\n}\n");
const loaderHelper = join(fullStackApp, 'app/models/exchange.ts');
const loaderHelperCode = 'export async function fetchRates(sourceUrl: string) {\n  const response = await fetch(sourceUrl);\n  return response.json();\n}\n';
writeFileSync(loaderHelper, loaderHelperCode);
writeFileSync(join(fullStackApp, 'app/routes/rates.tsx'), "import { useLoaderData } from '@remix-run/react';\nimport { useState } from 'react';\nimport { fetchRates } from '../models/exchange';\nexport const loader = () => fetchRates(process.env.RATES_URL!);\nexport default function Rates() {\n  const [open] = useState(false);\n  return open ? JSON.stringify(useLoaderData()) : null;\n}\n");
writeFileSync(join(fullStackApp, 'app/components/chat/settled-transcript.test.ts'), "import { fetchTranscript } from './settled-transcript';\nit('fetches', () => fetchTranscript('/chat', 'c1'));\n");

/** Browser code by its own text: a DOM global. */
const inPage = (code: string) => `${code}\ndocument.title = 'Orders';`;

const ownOrigin = [
  { code: inPage("export const loadOrders = () => fetch('/api/orders').then((response) => response.json());") },
  { code: inPage('export const loadOrder = (id: string) => fetch(`/api/orders/${id}`).then((response) => response.json());') },
  { code: inPage("export const search = (q: string) => fetch('/api/search?q=' + encodeURIComponent(q));") },
  { code: inPage("export const history = (cursor?: string) => {\n  const url = cursor ? `/api/history?cursor=${cursor}` : '/api/history';\n  return fetch(url);\n};") },
  { code: inPage('export const load = () => fetch(`${window.location.origin}/api/me`);') },
  { code: inPage("import dataUrl from './countries.json?url';\nexport const countries = () => fetch(dataUrl).then((response) => response.json());") },
  { code: inPage("import axios from 'axios';\nexport const orders = () => axios.get('/api/orders');") },
  { code: inPage("import axios from 'axios';\nconst api = axios.create({ baseURL: '/api' });\nexport const orders = () => api.get('/orders');") },
  // a local dev tool's page calling its own server
  { code: "'use client';\nexport const status = () => fetch('http://localhost:4000/status');" },
  // the package is a front end (react, vite)
  { code: "export const orders = () => fetch('/api/orders');", filename: inFrontEnd },
  // the app's own back end by its public build-time base URL (Vite, Next.js, Create React App, Astro)
  { code: "import axios from 'axios';\nexport const signOut = () => axios.get(`${import.meta.env.VITE_BACKEND_API_URL}/auth/logout`, { withCredentials: true });", filename: inFrontEnd },
  { code: "export const docs = (slug: string) => {\n  const base = import.meta.env.VITE_BACKEND_API_URL || '';\n  return fetch(`${base}/published-docs/${slug}`);\n};", filename: inFrontEnd },
  { code: inPage("export const orders = () => fetch(process.env.NEXT_PUBLIC_API_URL + '/orders');") },
  { code: inPage("export const me = () => fetch(`${process.env.REACT_APP_SERVER_BASE_URL}/me`);") },
  { code: inPage("import axios from 'axios';\nconst api = axios.create({ baseURL: import.meta.env.PUBLIC_API_URL });\nexport const orders = () => api.get('/orders');") },
  // the app's API client: a class whose base URL defaults to a relative path, the caller's absolute URL passed as is
  { code: inPage(`export class ApiClient {
  baseUrl: string;
  constructor(options: { baseUrl?: string } = {}) {
    this.baseUrl = options.baseUrl || '/api';
  }
  async post(path: string, body: unknown) {
    let url;
    if (path.startsWith('http')) {
      url = path;
    } else {
      url = this.baseUrl + path;
    }
    const response = await fetch(url, { method: 'POST', body: JSON.stringify(body), credentials: 'same-origin' });
    return response.json();
  }
}`) },
  // a local agent on this machine, the URL built as a URL object
  { code: inPage("export const handshake = () => fetch(new URL('/handshake', 'http://localhost:9119').href);") },
  { code: inPage("import axios from 'axios';\nexport const register = () => axios.post(new URL('http://127.0.0.1:9119/register').toString());") },
  // a path helper prefixing the base path the app is served under, and a getter of the app's own public URL
  { code: inPage("import { formatPath } from './paths';\nexport const saveLocale = (locale: string) => fetch(formatPath('/api/locale'), { method: 'POST', body: locale });") },
  { code: inPage("import { withBasePath } from './paths';\nexport const envelope = (id: string) => fetch(withBasePath(`/api/envelopes/${id}`));") },
  { code: inPage("import { NEXT_PUBLIC_WEBAPP_URL } from './env';\nexport const prewarm = (slug: string) => fetch(`${NEXT_PUBLIC_WEBAPP_URL()}/share/${slug}/opengraph`, { mode: 'no-cors' });") },
  // a module that says nothing of where it runs, fetching a path of the app under its base path: Node's fetch would
  // reject it as relative, so it runs in a page (a helper shared by the front end's components)
  { code: "import { formatPath } from './paths';\nexport const presign = () => fetch(formatPath('/api/files/presigned-get-url'), { method: 'POST' });" },
  // the same with the path written out, in a front end's package (swetrix's dashboard client, the thirty-fifth round)
  { code: 'export async function getStats(path: string) {\n  return (await fetch(`/api/v2/${path}`)).json();\n}', filename: inFrontEnd },
  // in a full-stack app, wherever the module sits (an `app/api/` folder its path alone takes for server code)
  { code: 'export async function getStats(path: string) {\n  return (await fetch(`/api/v2/${path}`)).json();\n}', filename: join(fullStackApp, 'app/api/v2/client.ts') },
  // a browser extension (its APIs say so) posting to the back end the user signed in to, as stored per account
  { code: `chrome.alarms.onAlarm.addListener(() => { void refresh(); });
async function refresh() {
  const entries: Record<string, { backendUrl: string; token: string }> = await chrome.storage.local.get('accounts');
  for (const entry of Object.values(entries)) {
    try { await fetch(\`\${entry.backendUrl}/integrations/refresh\`, { method: 'POST', body: entry.token }); } catch { /* next cycle */ }
  }
}` },
  { code: inPage('export const me = (apiBaseUrl: string) => fetch(`${apiBaseUrl}/users/me`);') },
  // the back end's address the page saved at sign-in, read back from the browser's storage
  { code: "import axios from 'axios';\nexport const receipt = async (id: string) => {\n  const base = localStorage.getItem('baseUrl');\n  return (await axios.get(base + 'receipts/' + id)).data;\n};", filename: inFrontEnd },
  { code: inPage('export const profile = () => fetch(`${window.sessionStorage.getItem("server")}/profile`);') },
  // a client of a self-hosted service (an extension, a mobile app) calling the server whose address the user set
  { code: inPage("export const upload = async (form: FormData) => {\n  const settings = await getPluginSettings();\n  return fetch(`${settings.address}/api/assets`, { method: 'POST', body: form });\n};\ndeclare function getPluginSettings(): Promise<{ address: string }>;") },
  { code: "import { useQuery } from '@tanstack/react-query';\nexport const useServerVersion = (settings: { address: string }) => useQuery({ queryKey: ['version'], queryFn: () => fetch(`${settings.address}/api/version`).then((r) => r.json()) });", filename: inMobileApp },
  { code: inPage('export const ping = (config: { serverAddress: string }) => fetch(`${config.serverAddress}/ping`);') },
  // browser code of a full-stack app (Remix, Next.js) posting to a route of the app given by its caller
  { code: "import { useCallback } from 'react';\nexport function useSaveWidget(actionUrl: string) {\n  return useCallback((form: FormData) => fetch(actionUrl, { method: 'POST', body: form }), [actionUrl]);\n}", filename: inFullStackHook },
  // the page of a route module posting to its own action, from a component and from a hook of the same file
  { code: `import { useCallback } from 'react';
export const loader = async () => ({ agents: [] });
export default function PlaygroundPage() {
  const send = useCallback(async (actionPath: string, form: FormData) => {
    const response = await fetch(actionPath, { method: 'POST', body: form });
    return response.json();
  }, []);
  return <button onClick={() => send('.', new FormData())}>Send</button>;
}`, filename: inRouteModule },
  { code: `export const loader = async () => null;
export function usePendingMessages(actionPath: string) {
  return async (form: FormData) => { await fetch(actionPath, { method: 'POST', body: form }); };
}`, filename: inRouteModule },
  { code: `export const loader = async () => null;
export function TraceExportMenu({ downloadPath }: { downloadPath: string }) {
  const copy = async () => { const text = await fetch(\`\${downloadPath}?format=markdown\`).then((r) => r.text()); return text; };
  return <button onClick={copy}>Copy</button>;
}`, filename: inRouteModule },
  // a chat widget's turn that may take minutes: the timeout turned off in writing, in browser code
  { code: "import ky from 'ky';\nexport const startChat = (apiHost: string, id: string) => ky.post(`${apiHost}/api/v1/typebots/${id}/startChat`, { json: { isStreamEnabled: true }, timeout: false }).json();", filename: inFrontEnd },
  { code: inPage("import axios from 'axios';\nexport const exportAll = () => axios.post('https://exports.example.com/run', {}, { timeout: 0 });") },
  // a helper module of the app's pages: every product module importing it is a component
  { code: pageHelperCode, filename: pageHelper },
  // modules a bundler keeps on the browser's side: a full-stack app's `*.client.ts`, `import 'client-only'`
  { code: "export const detect = (body: string) => fetch(API_URL + '/detect', { method: 'POST', body });\nconst API_URL = import.meta.env.VITE_API_URL;", filename: join(fullStackApp, 'app/server/api/ai/detect-fields.client.ts') },
  { code: "import 'client-only';\nexport const usage = () => fetch(`${process.env.NEXT_PUBLIC_APP_URL}/api/usage`);", filename: inBackEnd },
  // a forum's page served under a configured base path, fetching its own server's API (any path under a
  // `relative_path`; a `basePath` or `baseUrl` of the app's settings only before `/api/...`)
  { code: inPage('export const unread = () => fetch(`${config.relative_path}/api/unread`).then((r) => r.json());\ndeclare const config: { relative_path: string };') },
  { code: inPage("export const flags = (id: string) => fetch(window.config.relative_path + '/api/v3/posts/' + id + '/flags');") },
  { code: inPage('export const me = (appConfig: { basePath: string }) => fetch(`${appConfig.basePath}/api/me`, { credentials: \'include\' });') },
  { code: inPage('export const session = (settings: { baseUrl: string }) => fetch(settings.baseUrl + `/api/session`);') },
];

const elsewhere = [
  // another origin, even from a page
  inPage("export const rates = () => fetch('https://api.exchange.example/rates');"),
  inPage('export const rates = () => fetch(`${API_URL}/rates`);'),
  inPage("export const rates = (live: boolean) => fetch(live ? 'https://api.exchange.example/rates' : '/api/rates');"),
  inPage("export const cdn = () => fetch('//cdn.example.com/data.json');"),
  // what the page stored, after another origin's address
  inPage("export const tenant = () => fetch('https://api.example.com/tenants/' + localStorage.getItem('tenant'));"),
  // an instance with a base URL of its own: the relative path goes there
  inPage("import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://billing.example.com' });\nexport const invoices = () => api.get('/invoices');"),
  // localhost from a server is a real dependency (a sidecar, a database proxy)
  "export const health = () => fetch('http://localhost:9200/_cluster/health');",
  // a relative URL outside the browser
  "export const orders = () => fetch('/api/orders');",
  // a path helper given a variable, or a helper building an address elsewhere from one
  inPage('import { formatPath } from \'./paths\';\nexport const load = (path: string) => fetch(formatPath(path));'),
  inPage("import { githubApi } from './github';\nexport const stars = () => fetch(githubApi('/repos/acme/app', token));"),
  // a setting named as another service, or as no one's
  inPage('export const complete = (settings: { openaiBaseUrl: string }) => fetch(`${settings.openaiBaseUrl}/v1/chat/completions`);'),
  inPage('export const load = (config: { baseUrl: string }) => fetch(`${config.baseUrl}/items`);'),
  // an address that is not the app's server: a mail relay in the settings, a peer's address
  inPage('export const relay = (settings: { smtpAddress: string }) => fetch(`${settings.smtpAddress}/send`);'),
  inPage('export const ping = (peer: { address: string }) => fetch(`${peer.address}/ping`);'),
  // a getter named as another service's public URL
  inPage("import { NEXT_PUBLIC_SUPABASE_URL } from './env';\nexport const rows = () => fetch(`${NEXT_PUBLIC_SUPABASE_URL()}/rest/v1/rows`);"),
  // a public variable naming another service, or the own back end's variable read by server code
  inPage('export const report = (body: string) => fetch(`${import.meta.env.VITE_SENTRY_URL}/envelope`, { method: \'POST\', body });'),
  inPage("export const rows = () => fetch(process.env.NEXT_PUBLIC_SUPABASE_URL + '/rest/v1/rows');"),
  'export const orders = () => fetch(`${process.env.NEXT_PUBLIC_API_URL}/orders`);',
  // an API client whose base URL is another service
  inPage("export class Billing {\n  baseUrl = 'https://billing.example.com';\n  invoices() { return fetch(this.baseUrl + '/invoices'); }\n}"),
  // a base URL of the settings before a path that is not the app's API (a generated client's `basePath` is a full URL)
  inPage('export const items = (config: { basePath: string }) => fetch(`${config.basePath}/v2/items`);'),
  // a base path held by something that is not the app's settings
  inPage('export const items = (options: { relative_path: string }) => fetch(`${options.relative_path}/api/items`);'),
];

ruleTester.run('require-timeout: own origin', requireTimeout, {
  valid: ownOrigin,
  invalid: [],
});

const helperCalledOnClick = inPage("const getJson = (path: string) => fetch(path).then((response) => response.json());\ndocument.querySelector('button')!.addEventListener('click', () => { getJson('/api/orders'); });");
const pingOnClick = inPage("document.querySelector('button')!.addEventListener('click', () => { fetch('/api/ping'); });");
const workerOnLoad = inPage("window.addEventListener('load', () => { fetch(new URL('./worker.js', import.meta.url)).then((response) => response.text()); });");

ruleTester.run('no-unprotected-call: own origin', noUnprotectedCall, {
  valid: [
    { code: pingOnClick },
    { code: workerOnLoad },
    { code: inPage("setInterval(() => fetch('/api/heartbeat', { method: 'POST' }), 30_000);") },
    // a same-file helper called with a path of the page's origin
    { code: helperCalledOnClick },
  ],
  invalid: [],
});

/** The rule's findings with these options, by message id (their suggestions are the fixes' tests' business). */
function findings(rule: 'require-timeout' | 'no-unprotected-call', code: string, options: object, filename = 'src/page.ts'): string[] {
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    // pages' dropped promises asked for (`checkPages`): what is judged here is whose origin a call reaches
    { rules: { [`resilint/${rule}`]: ['error', rule === 'no-unprotected-call' ? { checkPages: true, ...options } : options] } },
  ];
  // The root as cwd: the front-end package lives in the temporary folder, outside this repository.
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename })
    .filter((message) => message.ruleId === `resilint/${rule}` || message.fatal)
    .map((message) => message.messageId ?? message.message);
}

describe('checkOwnOrigin', () => {
  it.each(ownOrigin)('require-timeout reports the call when on: %j', ({ code, filename }) => {
    expect(findings('require-timeout', code, { checkOwnOrigin: true }, filename)).toEqual(['missingTimeout']);
  });

  // Another origin is not the page's own; but any call a page makes waits only on the person at it, so require-timeout
  // leaves a page's calls alone unless checkOwnOrigin is on, and reports the same calls outside a page either way.
  it.each(elsewhere)('require-timeout reports calls elsewhere outside a page, and a page\'s only when on: %j', (code) => {
    expect(findings('require-timeout', code, {})).toEqual(code.endsWith(inPage('')) ? [] : ['missingTimeout']);
    expect(findings('require-timeout', code, { checkOwnOrigin: true })).toEqual(['missingTimeout']);
  });

  it('require-timeout reports, in a full-stack app, a server module calling a URL it is given, and a page calling another origin only when on', () => {
    expect(findings('require-timeout', 'export const notify = (hookUrl: string, body: string) => fetch(hookUrl, { method: \'POST\', body });', {}, inFullStackServer)).toEqual(['missingTimeout']);
    const rates = "import { useEffect } from 'react';\nexport function useRates() {\n  useEffect(() => { void fetch('https://api.exchange.example/rates'); }, []);\n}";
    expect(findings('require-timeout', rates, {}, inFullStackHook)).toEqual([]);
    expect(findings('require-timeout', rates, { checkOwnOrigin: true }, inFullStackHook)).toEqual(['missingTimeout']);
  });

  // A SvelteKit app with no server of its own (every route prerendered): the modules its pages call their API with sit
  // in `src/lib/api/`, which is no server folder as a package's top-level `api/` (Vercel's functions) is.
  it('require-timeout takes a SvelteKit app\'s `src/lib/api/` for its pages\' code, and its top-level `api/` for the server', () => {
    const svelteApp = mkdtempSync(join(tmpdir(), 'resilint-sveltekit-'));
    writeFileSync(join(svelteApp, 'package.json'), JSON.stringify({ private: true, type: 'module', devDependencies: { '@sveltejs/kit': '^2', '@sveltejs/adapter-static': '^3', svelte: '^5', vite: '^5' } }));
    const check = 'export const linkStillWorks = async (link: string) => (await fetch(`${link}&check=1`)).status === 200;';
    expect(findings('require-timeout', check, {}, join(svelteApp, 'src/lib/api/tunnel.ts'))).toEqual([]);
    expect(findings('require-timeout', check, {}, join(svelteApp, 'api/tunnel.ts'))).toEqual(['missingTimeout']);
  });

  it('require-timeout reports a helper module a route\'s loader imports: its importer is no page', () => {
    expect(findings('require-timeout', loaderHelperCode, {}, loaderHelper)).toEqual(['missingTimeout']);
  });

  it('require-timeout reports the server half of a route module (loader, action) calling a URL it is given', () => {
    const serverHalf = `import { useState } from 'react';
import { useLoaderData } from '@remix-run/react';
export async function loader({ request }: { request: Request }) {
  const hookUrl = new URL(request.url).searchParams.get('hook')!;
  return fetch(hookUrl).then((response) => response.json());
}
export const action = async ({ request }: { request: Request }) => {
  const target = (await request.formData()).get('target') as string;
  await fetch(target, { method: 'POST' });
  return null;
};
export default function Orders() {
  const [open] = useState(false);
  return <pre>{open && JSON.stringify(useLoaderData())}</pre>;
}`;
    expect(findings('require-timeout', serverHalf, {}, inRouteModule)).toEqual(['missingTimeout', 'missingTimeout']);
    // a flat route file, browser code by its imports, still runs its loader on the server
    expect(findings('require-timeout', serverHalf, {}, inFlatRoute)).toEqual(['missingTimeout', 'missingTimeout']);
  });

  it('require-timeout reports a timeout turned off in server code; a page\'s call, whatever it says, only when on', () => {
    expect(findings('require-timeout', "import ky from 'ky';\nexport const startChat = (apiHost: string) => ky.post(`${apiHost}/api/chat`, { timeout: false });", {}, inBackEnd)).toEqual(['missingTimeout']);
    expect(findings('require-timeout', "import axios from 'axios';\nexport const rates = () => axios.get('https://api.exchange.example/rates', { timeout: 0 });", {}, inBackEnd)).toEqual(['missingTimeout']);
    const pageCall = "import axios from 'axios';\nexport const rates = () => axios.get('https://api.exchange.example/rates');";
    expect(findings('require-timeout', pageCall, {}, inFrontEnd)).toEqual([]);
    expect(findings('require-timeout', pageCall, { checkOwnOrigin: true }, inFrontEnd)).toEqual(['missingTimeout']);
  });

  it("require-timeout reports a server's call to the address in its settings: on a server it is another service", () => {
    expect(findings('require-timeout', 'export const version = (settings: { address: string }) => fetch(`${settings.address}/api/version`);', {}, inBackEnd)).toEqual(['missingTimeout']);
  });

  it("require-timeout reports a server's call to a back end named so: on a server it is another service", () => {
    expect(findings('require-timeout', 'export class Billing {\n  constructor(private readonly backendUrl: string) {}\n  invoices() { return fetch(`${this.backendUrl}/invoices`); }\n}', {}, inBackEnd)).toEqual(['missingTimeout']);
  });

  it('require-timeout reports a path helper in server code, and in a module that imports server-only', () => {
    const helper = "import { formatPath } from './paths';\nexport const orders = () => fetch(formatPath('/api/orders'));";
    expect(findings('require-timeout', helper, {}, inBackEnd)).toEqual(['missingTimeout']);
    expect(findings('require-timeout', `import 'server-only';\n${helper}`, {})).toEqual(['missingTimeout']);
  });

  it('no-unprotected-call reports the page\'s own calls when on, and calls elsewhere either way', () => {
    expect(findings('no-unprotected-call', pingOnClick, { checkOwnOrigin: true })).toEqual(['floating']);
    expect(findings('no-unprotected-call', workerOnLoad, { checkOwnOrigin: true })).toEqual(['floating']);
    expect(findings('no-unprotected-call', helperCalledOnClick, { checkOwnOrigin: true })).toEqual(['floating']);
    expect(findings('no-unprotected-call', inPage("setInterval(() => fetch('https://telemetry.example.com/beat', { method: 'POST' }), 30_000);"), {})).toEqual(['callback']);
    expect(findings('no-unprotected-call', "setInterval(() => fetch('/api/heartbeat', { method: 'POST' }), 30_000);", {})).toEqual(['callback']);
  });

  it("no-unprotected-call leaves a page module's refresh from its own API under the base path to strict", () => {
    // an AMD module of the page (require.js) refreshing a table, no `.catch`: a stale table and a console error
    const refresh = "define('admin/unread', ['api'], function () {\n  return { refresh() { fetch(`${config.relative_path}/api/admin/unread`).then((r) => r.json()).then(render); } };\n});\ndeclare const config: { relative_path: string };\ndeclare function render(body: unknown): void;";
    expect(findings('no-unprotected-call', refresh, {})).toEqual([]);
    expect(findings('no-unprotected-call', refresh, { checkOwnOrigin: true })).toEqual(['floating']);
    // the same page posting to another origin is reported
    expect(findings('no-unprotected-call', refresh.replace('${config.relative_path}/api/admin/unread', 'https://icons.example.com/search'), {})).toEqual(['floating']);
  });

  it('is on in strict', () => {
    const strict = new Linter({ configType: 'flat' }).verify(ownOrigin[0]!.code, plugin.configs.strict as unknown as Linter.Config[], { filename: 'src/page.ts' });
    expect(strict.map((message) => message.ruleId)).toContain('resilint/require-timeout');
    const recommended = new Linter({ configType: 'flat' }).verify(ownOrigin[0]!.code, plugin.configs.recommended as unknown as Linter.Config[], { filename: 'src/page.ts' });
    expect(recommended).toEqual([]);
  });
});
