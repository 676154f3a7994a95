import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from './require-timeout.js';

// A Node worker driving a headless browser (Playwright, Puppeteer) hands the page functions that read its
// `document`: they run in the page, so they do not make the worker's module browser code, and the worker's own
// calls are judged as server code's. A module reading `document` itself is a page's (require-timeout leaves a
// page's calls alone by default: hang-cost.test.ts).
const ruleTester = new RuleTester();

const worker = (extra = '') => `
import type { Page } from 'playwright';
export async function keepCover(page: Page) {
  const cover = await page.evaluate(() => document.querySelector('meta[name="cover"]')?.getAttribute('content'));
  const title = await page.$eval('h1', (heading) => heading.textContent ?? document.title);
  if (!cover) return title;
  const image = await fetch(cover);
  return image.arrayBuffer();
}${extra}`;

ruleTester.run('require-timeout: a worker reading the page it drives', requireTimeout, {
  valid: [worker("\nexport const heading = () => document.querySelector('h1')?.textContent;")],
  invalid: [{ code: worker(), errors: [{ messageId: 'missingTimeout', line: 7, suggestions: 4 }] }],
});
