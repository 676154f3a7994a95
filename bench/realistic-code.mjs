// Generates TypeScript that looks like a service module of a real back end: HTTP and database clients,
// hand-written retries, timeouts, loops over remote calls, fan-out with Promise.all. It is used to grow
// files to a chosen size (the lint benchmark checks that the rules' time per 1,000 lines stays flat) and
// to build the large inputs of the hardening test. Every unit declares its own names, so units can be
// repeated any number of times in one module and the result still parses and type-checks structurally.

const HEADER = `import axios from 'axios';
import { Pool } from 'pg';
import got from 'got';

const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5_000 });
const db = new Pool({ connectionString: process.env.DATABASE_URL, statement_timeout: 2_000 });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Order { id: string; total: number; items: { sku: string; quantity: number }[] }
`;

/** One unit of about 75 lines; `n` makes its names unique. */
function unit(n) {
  return `
export async function fetchOrder${n}(id: string, signal?: AbortSignal): Promise<Order> {
  const response = await fetch(\`https://orders.example.com/v1/orders/\${id}\`, { signal });
  if (!response.ok) throw new Error(\`order \${id}: HTTP \${response.status}\`);
  return (await response.json()) as Order;
}

export async function syncInventory${n}(orders: Order[]): Promise<number> {
  let synced = 0;
  try {
    for (const order of orders) {
      for (const item of order.items) {
        await api.put(\`/inventory/\${item.sku}\`, { reserved: item.quantity });
        synced += 1;
      }
    }
  } catch (error) {
    console.warn('inventory sync stopped', error);
  }
  return synced;
}

export async function chargeWithRetry${n}(orderId: string, amount: number): Promise<string> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      const { data } = await api.post<{ chargeId: string }>('/charges', { orderId, amount });
      return data.chargeId;
    } catch (error) {
      if (attempt === 5) throw error;
      await sleep(Math.min(30_000, 100 * 2 ** attempt) * Math.random());
    }
  }
  throw new Error('unreachable');
}

export function withDeadline${n}<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('deadline')), ms)),
  ]);
}

export async function dashboard${n}(userId: string) {
  const [profile, invoices, usage] = await Promise.all([
    got(\`https://profiles.example.com/\${userId}\`, { timeout: { request: 3_000 } }).json(),
    db.query('SELECT * FROM invoices WHERE user_id = $1', [userId]),
    api.get(\`/usage/\${userId}\`).then((r) => r.data, () => null),
  ]);
  return { profile, invoices: invoices.rows, usage };
}

export class ReportJob${n} {
  #running = false;
  constructor(private readonly endpoint: string) {}

  start(intervalMs: number): void {
    setInterval(() => {
      if (this.#running) return;
      this.#running = true;
      fetch(this.endpoint, { method: 'POST', signal: AbortSignal.timeout(10_000) })
        .catch((error) => console.error('report failed', error))
        .finally(() => { this.#running = false; });
    }, intervalMs);
  }
}
`;
}

const UNIT_LINES = unit(0).split('\n').length - 1;
const HEADER_LINES = HEADER.split('\n').length - 1;

/** A module of `count` units after the shared header. */
export function moduleOfUnits(count) {
  let text = HEADER;
  for (let n = 0; n < count; n++) text += unit(n);
  return text;
}

/** A module of at least `lines` lines (whole units only). */
export function realisticModule(lines) {
  return moduleOfUnits(Math.max(1, Math.ceil((lines - HEADER_LINES) / UNIT_LINES)));
}
