import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// Calls whose hang only a person at this machine waits on: require-timeout leaves them alone unless checkOwnOrigin
// is on (strict); no-unprotected-call still reports a failure that escapes from them.

const server = mkdtempSync(join(tmpdir(), 'resilint-server-'));
writeFileSync(join(server, 'package.json'), JSON.stringify({ dependencies: { express: '^5' } }));
mkdirSync(join(server, 'src'));
const inServer = join(server, 'src/emulator.ts');
const emails = mkdtempSync(join(tmpdir(), 'resilint-emails-'));
writeFileSync(join(emails, 'package.json'), JSON.stringify({ dependencies: { react: '^19', 'react-dom': '^19', resend: '^4' } }));
const nextApp = mkdtempSync(join(tmpdir(), 'resilint-next-'));
writeFileSync(join(nextApp, 'package.json'), JSON.stringify({ dependencies: { next: '^16', react: '^19', 'react-dom': '^19' } }));

// A command that serves a local dev UI, and a self-hosted app started as a command (`npx <app> start`): the second
// keeps an application database, so its route handlers answer its users, not the developer at this machine.
const devTool = mkdtempSync(join(tmpdir(), 'resilint-dev-tool-'));
writeFileSync(join(devTool, 'package.json'), JSON.stringify({ name: 'preview-kit', bin: { preview: './bin/preview.js' }, dependencies: { express: '^5' } }));
const selfHosted = mkdtempSync(join(tmpdir(), 'resilint-self-hosted-'));
writeFileSync(join(selfHosted, 'package.json'), JSON.stringify({ name: 'wiki-server', bin: { wiki: './bin/run' }, dependencies: { express: '^5', typeorm: '^0.3', pg: '^8' } }));
// A plugin of a command-line tool: no bin of its own, its manifest gives the tool its commands.
const commandPlugin = mkdtempSync(join(tmpdir(), 'resilint-command-plugin-'));
writeFileSync(join(commandPlugin, 'package.json'), JSON.stringify({ name: '@snapper/cli-exec', main: './dist/index.js', oclif: { commands: './dist/commands' } }));
const routeHandler = "import express from 'express';\nimport { provider } from './provider';\nexport const routes = express.Router();\nroutes.get('/oauth/callback', async (req, res) => {\n  const token = await fetch(provider.tokenUrl, { method: 'POST', body: String(req.query.code) });\n  res.json(await token.json());\n});";
// A monorepo whose root keeps vite for its test runner: the root's tooling says nothing of where a package's code runs.
const monorepo = mkdtempSync(join(tmpdir(), 'resilint-monorepo-'));
writeFileSync(join(monorepo, 'package.json'), JSON.stringify({ private: true, workspaces: ['packages/*'], devDependencies: { vite: '^7', vitest: '^4' } }));
const viteApp = mkdtempSync(join(tmpdir(), 'resilint-vite-app-'));
writeFileSync(join(viteApp, 'package.json'), JSON.stringify({ private: true, devDependencies: { vite: '^7' } }));
// A package of tRPC routers whose manifest also lists next and react (for the client half it ships), and a Next.js app
// on tRPC (its config is there): the first package's modules are the API's server code, the second's are pages'.
const routers = mkdtempSync(join(tmpdir(), 'resilint-routers-'));
writeFileSync(join(routers, 'package.json'), JSON.stringify({ name: '@shop/api', main: 'src/index.ts', dependencies: { '@trpc/server': '^11', '@trpc/client': '^11', next: '^15', react: '^19' } }));
const trpcApp = mkdtempSync(join(tmpdir(), 'resilint-trpc-app-'));
writeFileSync(join(trpcApp, 'package.json'), JSON.stringify({ private: true, dependencies: { '@trpc/server': '^11', next: '^15', react: '^19' } }));
writeFileSync(join(trpcApp, 'next.config.mjs'), 'export default {};\n');
const registrarCall = "import { TRPCError } from '@trpc/server';\nexport async function claimDomain(name: string) {\n  const res = await fetch(`https://registrar.example.com/v2/domains/${name}`, { method: 'PUT' });\n  if (!res.ok) throw new TRPCError({ code: 'BAD_REQUEST' });\n  return res.json();\n}";
const releaseCall = "export const publishRelease = (project: string, token: string) =>\n  fetch(`https://git.example.com/api/v4/projects/${project}/releases`, { method: 'POST', headers: { 'PRIVATE-TOKEN': token } });";

/** Browser code by its own text: a DOM global. */
const inPage = (code: string) => `${code}\ndocument.title = 'Editor';`;
const cli = (code: string) => `#!/usr/bin/env node\n${code}`;

const waitedOnByAPerson: { name: string; code: string; filename?: string }[] = [
  { name: 'a CLI stopping the child server it started on localhost', code: cli("export async function stop(port: string) {\n  await fetch(`http://localhost:${port}/__/quitquitquit`);\n}") },
  { name: 'a CLI calling a local agent through a URL object', code: cli("export const ping = () => fetch(new URL('/ping', 'http://127.0.0.1:9119').href);") },
  {
    name: "a CLI's dev proxy asking the server behind it whether a path exists",
    code: cli(`import http from 'node:http';
async function pathExists(path: string, origin: string) {
  try {
    return (await fetch(new URL(path, origin), { method: 'HEAD' })).ok;
  } catch {
    return false;
  }
}
async function forward({ req, res, upstream }: { req: http.IncomingMessage; res: http.ServerResponse; upstream: string }) {
  if (await pathExists(req.url ?? '/', upstream)) res.setHeader('x-found', '1');
  res.end();
}
export const serve = (upstream: string) => http.createServer((req, res) => forward({ req, res, upstream }));`),
  },
  {
    name: "a CLI plugin's command stopping the local server another command started",
    filename: join(commandPlugin, 'src/commands/stop.ts'),
    code: "export async function stop(port: number) {\n  const url = `http://localhost:${port}/snapper/stop`;\n  await fetch(url, { method: 'POST' });\n}",
  },
  { name: 'a CLI calling localhost over node:http', code: cli("import http from 'node:http';\nexport const ping = () => http.request({ host: 'localhost', port: 8080, path: '/ping' }).end();") },
  {
    name: 'an emulator (a server package) forwarding to its own host, got through a helper',
    filename: inServer,
    code: `import http from 'node:http';
import { connectableHostname } from './net';
export class DatabaseEmulator {
  constructor(private readonly args: { host: string; port: number }) {}
  getInfo() { return this.args; }
  importData(body: string): Promise<void> {
    const { host, port } = this.getInfo();
    return new Promise((resolve, reject) => {
      const request = http.request({ method: 'PUT', host: connectableHostname(host), port, path: '/.json' }, () => resolve());
      request.on('error', reject);
      request.end(body);
    });
  }
}`,
  },
  { name: "a host from Google's emulator variable", filename: inServer, code: "export const documents = () => fetch(`http://${process.env.FIRESTORE_EMULATOR_HOST}/v1/projects/demo/databases/(default)/documents`);" },
  { name: "an editor streaming an emulator's issues", filename: inServer, code: "export async function getEmulatorIssuesStream(endpoint: string) {\n  const response = await fetch(endpoint + '/emulator/stream_issues');\n  return response.body;\n}" },
  { name: 'a page downloading an image to save it', code: inPage("export async function downloadImage(src: string) {\n  const image = await fetch(src, { cache: 'no-store' });\n  const blob = await image.blob();\n  return URL.createObjectURL(blob);\n}") },
  { name: 'a page turning a pasted image into a file', code: inPage("export const toFile = (src: string) => fetch(src).then((response) => response.blob()).then((blob) => new File([blob], 'pasted'));") },
  { name: 'a page reading a download as a Blob at once', code: inPage('export const attachment = async (url: string) => (await fetch(url)).blob();') },
  // a page's calls to anyone: a hang costs a spinner, not a service
  { name: 'a page calling a third-party API and reading JSON', code: inPage('export async function rates(url: string) {\n  const response = await fetch(url);\n  return response.json();\n}') },
  { name: 'a settings form listing fonts from a public API', code: inPage("export const fonts = async () => (await fetch('https://www.googleapis.com/webfonts/v1/webfonts')).json();") },
  { name: "a client component of a Next.js app", filename: join(nextApp, 'app/pricing/plan-picker.tsx'), code: "'use client';\nexport const plans = async () => (await fetch('https://billing.example.com/plans')).json();" },
  { name: "a command's local dev server exchanging a code in its route handler", filename: join(devTool, 'src/routes.ts'), code: routeHandler },
  { name: "a vite app's module (no monorepo) calling out", filename: join(viteApp, 'src/release.ts'), code: releaseCall },
  { name: "a module of a Next.js app on tRPC, outside its server folders", filename: join(trpcApp, 'src/lib/domains.ts'), code: registrarCall },
  { name: 'a PDF viewer reading the document it shows as bytes', code: inPage("export async function loadPdf(data: string) {\n  const response = await fetch(data);\n  if (!response.ok) throw new Error('failed');\n  return new Uint8Array(await response.arrayBuffer());\n}") },
];

const reported: { name: string; code: string; filename?: string }[] = [
  // localhost from a server is a real dependency: a sidecar, a database proxy
  { name: 'a server calling a sidecar on localhost', filename: inServer, code: "export const health = () => fetch('http://localhost:9200/_cluster/health');" },
  { name: "a CLI plugin's command calling a remote API", filename: join(commandPlugin, 'src/commands/upload.ts'), code: "export const upload = (body: string) => fetch('https://api.snapper.example/builds', { method: 'POST', body });" },
  { name: 'a CLI calling a remote API', code: cli("export const releases = () => fetch('https://api.github.com/repos/acme/cli/releases');") },
  // A dev server's handler calling a spelled-out remote API, and a helper also called outside any handler
  { name: "a CLI's dev server calling a remote API", code: cli("import http from 'node:http';\nexport const serve = () => http.createServer(async (req, res) => {\n  res.end(await (await fetch('https://api.example.com/flags')).text());\n});") },
  {
    name: 'a CLI helper called by its dev server and by a deploy command',
    code: cli(`import http from 'node:http';
async function pathExists(path: string, origin: string) {
  return (await fetch(new URL(path, origin), { method: 'HEAD' })).ok;
}
export const serve = (origin: string) => http.createServer(async (req, res) => res.end(String(await pathExists(req.url ?? '/', origin))));
export const checkDeploy = (siteUrl: string) => pathExists('/index.html', siteUrl);`),
  },
  { name: 'a server handler calling an address from its options', filename: inServer, code: "export const check = (origin: string) => async (req: Request, res: Response) => fetch(new URL('/health', origin), { method: 'HEAD' });" },
  { name: 'an emulator class calling a remote host', filename: inServer, code: "export class StorageEmulator {\n  rules() { return fetch('https://firebaserules.googleapis.com/v1/projects/demo:test'); }\n}" },
  { name: 'downloading an emulator from a URL', filename: inServer, code: 'export async function downloadEmulator(url: string) {\n  const response = await fetch(url);\n  return response.arrayBuffer();\n}' },
  // the server code of a page's module: a route's loader, a server function, a 'use server' action
  {
    name: "a Remix route's loader, beside the page it feeds",
    code: inPage(`export async function loader() {
  return (await fetch('https://api.example.com/plans')).json();
}
export default function Plans() { return null; }`),
  },
  {
    name: "a TanStack Start server function's handler",
    code: inPage(`import { createServerFn } from '@tanstack/react-start';
export const getFriends = createServerFn({ method: 'GET' }).handler(async () => (await fetch('https://friends.example.com/api')).json());`),
  },
  { name: "a 'use server' action defined in a page", code: inPage("export async function subscribe(email: string) {\n  'use server';\n  await fetch('https://mail.example.com/subscribe', { method: 'POST', body: email });\n}") },
  { name: 'a Next.js App Router page (a server component)', filename: join(nextApp, 'app/pricing/page.tsx'), code: "export default async function Pricing() {\n  const plans = await (await fetch('https://billing.example.com/plans')).json();\n  return plans.length;\n}" },
  { name: "a self-hosted app's route handler (a command, a server framework and an ORM)", filename: join(selfHosted, 'src/routes.ts'), code: routeHandler },
  { name: "a monorepo library calling a release API, vite only in the root's devDependencies", filename: join(monorepo, 'libs/core/src/release.ts'), code: releaseCall },
  { name: 'a module of a tRPC router package that also lists next and react', filename: join(routers, 'src/lib/domains.ts'), code: registrarCall },
  { name: 'a server downloading a file as a Blob', filename: inServer, code: 'export async function mirror(url: string) {\n  const response = await fetch(url);\n  return response.blob();\n}' },
  { name: 'a server reading a download as bytes', filename: inServer, code: 'export async function mirror(url: string) {\n  return new Uint8Array(await (await fetch(url)).arrayBuffer());\n}' },
  { name: "a server module rendering e-mails with React in a package that has react-dom", filename: join(emails, 'src/index.tsx'), code: "import React from 'react';\nimport { Resend } from 'resend';\nconst resend = new Resend(process.env.RESEND_KEY);\nexport const send = async (to: string) => fetch('https://api.mailer.example/send', { method: 'POST', body: to });" },
  // browser words that are not the browser's: a variable named `document`, a page in a string, a Puppeteer `browser`
  { name: 'a server module whose `document` is a database row', code: "export async function announce(document: { title: string }) {\n  await fetch('https://hooks.example.com/notify', { method: 'POST', body: document.title });\n}" },
  { name: 'a server sending a page that closes the tab', code: "const CLOSE_TAB = '<script>window.close();</script>';\nexport const exchange = async (code: string) => (await fetch('https://slack.com/api/oauth.v2.access?code=' + code)).ok ? CLOSE_TAB : '';" },
  { name: 'a crawler driving a Puppeteer browser', code: "export async function crawl(browser: { storage: { clear(): Promise<void> } }) {\n  await browser.storage.clear();\n  return fetch('https://example.com/sitemap.xml');\n}" },
];

function findings(rule: 'require-timeout' | 'no-unprotected-call', code: string, options: object, filename = 'src/file.ts'): string[] {
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    // pages' dropped promises asked for (`checkPages`): what is judged here is whose origin a call reaches
    { rules: { [`resilint/${rule}`]: ['error', rule === 'no-unprotected-call' ? { checkPages: true, ...options } : options] } },
  ];
  // The root as cwd: the server package lives in the temporary folder, outside this repository.
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename })
    .filter((message) => message.ruleId === `resilint/${rule}` || message.fatal)
    .map((message) => message.messageId ?? message.message);
}

// Connections a command-line tool opens: to a process on this machine (a loopback address, or the address read from a
// process it started), or elsewhere.
const openedOnThisMachine: { name: string; code: string }[] = [
  {
    name: 'a CLI opening the DevTools socket of the browser it launched',
    code: cli(`import { spawn } from 'node:child_process';
import WebSocket from 'ws';
function launch(executable: string): Promise<string> {
  const browser = spawn(executable, ['--headless', '--remote-debugging-port=0']);
  return new Promise((resolve) => browser.stderr.on('data', (chunk) => {
    const found = /ws:\\/\\/127\\.0\\.0\\.1:\\d+\\/devtools\\/browser\\/[\\w-]+/.exec(String(chunk));
    if (found) resolve(found[0]);
  }));
}
export async function openBrowser(executable: string) {
  return new WebSocket(await launch(executable), { perMessageDeflate: false });
}`),
  },
  {
    name: "a CLI's browser class connecting to the DevTools address its own method reads from the browser it spawns",
    code: cli(`import { spawn } from 'node:child_process';
import WebSocket from 'ws';
export class Browser {
  socket?: WebSocket;
  async launch(executable: string) {
    this.socket = new WebSocket(await this.start(executable));
  }
  async start(executable: string): Promise<string> {
    const child = spawn(executable, ['--remote-debugging-port=0']);
    return new Promise((resolve) => child.stderr.once('data', (chunk) => resolve(String(chunk).trim())));
  }
}`),
  },
  { name: 'a CLI opening a WebSocket to a local agent', code: cli("import WebSocket from 'ws';\nexport const agent = () => new WebSocket('ws://127.0.0.1:7411/events');") },
];
const openedElsewhere: { name: string; code: string }[] = [
  { name: 'a CLI opening a WebSocket to a remote host', code: cli("import WebSocket from 'ws';\nexport const feed = () => new WebSocket('wss://feed.example.com/events');") },
  {
    name: 'a CLI opening a WebSocket to an address a function fetches',
    code: cli("import WebSocket from 'ws';\nasync function lookup(name: string): Promise<string> {\n  return (await (await fetch(`https://registry.example.com/${name}`)).json()).url;\n}\nexport const open = async (name: string) => new WebSocket(await lookup(name));"),
  },
];

describe('require-timeout: calls only a person waits on', () => {
  it.each(waitedOnByAPerson)('leaves alone $name, reports it with checkOwnOrigin', ({ code, filename }) => {
    expect(findings('require-timeout', code, {}, filename)).toEqual([]);
    expect(findings('require-timeout', code, { checkOwnOrigin: true }, filename)).toEqual(['missingTimeout']);
  });

  it.each(reported)('reports $name', ({ code, filename }) => {
    expect(findings('require-timeout', code, {}, filename)).toEqual(['missingTimeout']);
  });

  it.each(openedOnThisMachine)('leaves alone $name, reports it with checkOwnOrigin', ({ code }) => {
    expect(findings('require-timeout', code, {})).toEqual([]);
    expect(findings('require-timeout', code, { checkOwnOrigin: true })).toEqual(['missingOpeningTimeout']);
  });

  it.each(openedElsewhere)('reports $name', ({ code }) => {
    expect(findings('require-timeout', code, {})).toContain('missingOpeningTimeout');
  });

  it('leaves a floating download to no-unprotected-call, which still reports its escaping failure', () => {
    const pasted = inPage("window.addEventListener('paste', () => {\n  void fetch('https://images.example.com/cat.png').then((response) => response.blob()).then(insertImage);\n});");
    expect(findings('require-timeout', pasted, {})).toEqual([]);
    expect(findings('no-unprotected-call', pasted, {})).toEqual(['floating']);
  });
});
