import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A class of the project that talks to one server, whose address it is given when it is made (`new StockClient({
// origin })`), shared by a page and a command-line tool. Made by the page with the page's own origin
// (`window.location.origin`), every call it makes goes back to the server that served the page: a page's click
// handler or timer dropping such a call's promise costs a console line in one tab, as a dropped `fetch('/api/x')` does,
// so `recommended` leaves it to `checkOwnOrigin`. Made with another server's address, or by server code, it is reported.

const root = mkdtempSync(join(tmpdir(), 'resilint-page-origin-clients-'));
function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
write('package.json', JSON.stringify({ name: 'stock-board', private: true, dependencies: { express: '^4', preact: '^10', axios: '^1' } }));

// A service function that asks whichever axios instance it is handed for a path, and the page's instances.
write('src/services/session.ts', `import type { AxiosInstance } from 'axios';
export const renewSession = async (client: AxiosInstance) => {
  const reply = await client.post<{ expires: number }>('/session/renew');
  return reply.data;
};
`);
write('src/page/http.ts', `import axios from 'axios';
export const http = axios.create({ baseURL: '/api', withCredentials: true });
export const partnerHttp = axios.create({ baseURL: 'https://auth.partner.example' });
`);

// The shared client: the address it is made with leads every URL, through a helper method and a tidied copy.
write('src/shared/stock-client.js', `'use strict';
class StockClient {
  constructor(settings) {
    this.origin = settings.origin;
    this.send = settings.send || fetch;
  }
  address(path) {
    const trimmed = this.origin.endsWith('/') ? this.origin.slice(0, -1) : this.origin;
    return new URL(trimmed + path);
  }
  async level(sku) {
    const reply = await this.send(this.address('/levels/' + sku).href);
    if (!reply.ok) throw new Error('stock level: ' + reply.status);
    return reply.json();
  }
  async reserve(sku, count) {
    const target = this.address('/reservations');
    const reply = await this.send(target.toString(), { method: 'PUT', body: JSON.stringify({ sku, count }) });
    if (!reply.ok) throw new Error('reserve: ' + reply.status);
  }
}
module.exports = StockClient;
`);
// A client whose methods also call a fixed third-party address: what its instances reach is not only the page.
write('src/shared/mixed-client.js', `'use strict';
class MixedClient {
  constructor(settings) {
    this.origin = settings.origin;
  }
  async level(sku) {
    const reply = await fetch(\`\${this.origin}/levels/\${sku}\`);
    return reply.json();
  }
  async ping() {
    await fetch('https://uptime.partner.example/ping');
  }
}
module.exports = MixedClient;
`);
write('src/page/stock.js', `import StockClient from '../shared/stock-client.js';
export const stock = new StockClient({ origin: window.location.origin, send: window.fetch.bind(window) });
`);
write('src/page/partner-stock.js', `import StockClient from '../shared/stock-client.js';
export const partnerStock = new StockClient({ origin: 'https://stock.partner.example', send: window.fetch.bind(window) });
`);

const pageHandler = (client: string, module: string) => `import { ${client} } from './${module}';
export async function showLevel(sku) {
  const level = await ${client}.level(sku);
  document.querySelector('#level').textContent = String(level);
}
document.querySelector('#refresh').addEventListener('click', async () => {
  const sku = document.querySelector('#sku').value;
  showLevel(sku);
});
const held = document.querySelector('#held').value;
setInterval(() => { ${client}.reserve(held, 0); }, 60000);
`;

function findings(code: string, filename: string, options: object = {}): string[] {
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    // pages' dropped promises asked for (`checkPages`): what is judged here is whose origin a call reaches
    { rules: { 'resilint/no-unprotected-call': ['error', { checkPages: true, ...options }] } },
  ];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename })
    .filter((message) => message.ruleId === 'resilint/no-unprotected-call' || message.fatal)
    .map((message) => `${message.line}:${message.messageId ?? message.message}`);
}

describe('a client class made with the page origin', () => {
  it("leaves a page's handler and timer dropping its calls to checkOwnOrigin", () => {
    const page = join(root, 'src/page/board.js');
    expect(findings(pageHandler('stock', 'stock.js'), page)).toEqual([]);
    expect(findings(pageHandler('stock', 'stock.js'), page, { checkOwnOrigin: true })).toEqual(['8:floating', '11:floating']);
  });

  it('also when the page makes it in the same module, in a class field of its own', () => {
    const code = `import StockClient from '../shared/stock-client.js';
class Board {
  client = new StockClient({ origin: location.origin });
  refresh(sku) { this.client.level(sku); }
}
new Board().refresh(document.querySelector('#sku').value);
`;
    expect(findings(code, join(root, 'src/page/board-class.js'))).toEqual([]);
  });

  it("reports it when the page makes it with a third party's address", () => {
    expect(findings(pageHandler('partnerStock', 'partner-stock.js'), join(root, 'src/page/partner-board.js'))).toEqual(['8:floating', '11:floating']);
    // a SKU written out is not a path of the page
    const literal = "import { partnerStock } from './partner-stock.js';\ndocument.body.addEventListener('click', () => { partnerStock.level('a-1'); });\n";
    expect(findings(literal, join(root, 'src/page/partner-literal.js'))).toEqual(['2:floating']);
  });

  it('reports a client whose methods also reach a fixed third-party address', () => {
    const code = `import MixedClient from '../shared/mixed-client.js';
const mixed = new MixedClient({ origin: window.location.origin });
document.querySelector('#refresh').addEventListener('click', (event) => { mixed.level(event.target.value); });
`;
    expect(findings(code, join(root, 'src/page/mixed-board.js'))).toEqual(['3:floating']);
  });

  it('reports server code that makes it from a setting and drops its promise', () => {
    const code = `const StockClient = require('../shared/stock-client.js');
const stock = new StockClient({ origin: process.env.STOCK_URL });
function onOrderPlaced(order) {
  stock.reserve(order.sku, order.count);
}
module.exports = { onOrderPlaced };
`;
    expect(findings(code, join(root, 'src/server/orders.js'))).toEqual(['4:floating']);
  });

  it("leaves a page's timer handing its own instance to a service function to checkOwnOrigin, not another origin's", () => {
    const timer = (instance: string) => `import { ${instance} } from './http';
import { renewSession } from '../services/session';
const renew = () => renewSession(${instance});
window.setInterval(renew, 300000);
`;
    const page = join(root, 'src/page/session-timer.ts');
    expect(findings(timer('http'), page)).toEqual([]);
    expect(findings(timer('http'), page, { checkOwnOrigin: true })).toEqual(['3:callback']);
    expect(findings(timer('partnerHttp'), page)).toEqual(['3:callback']);
  });
});
