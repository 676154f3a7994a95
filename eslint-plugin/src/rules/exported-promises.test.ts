import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-unprotected-call.js';

// no-unprotected-call: a promise a module starts once and keeps for the modules that import it (an image route's fonts,
// a price list every quote awaits), and a file shipped beside the module read through `import.meta.url`. The importers'
// awaits receive the failure; a bundled file is no dependency. A module-level request nobody keeps stays reported.
const ruleTester = new RuleTester();

function project(name: string, files: Record<string, string>): (path: string) => string {
  const root = mkdtempSync(join(tmpdir(), `resilint-${name}-`));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return (path) => join(root, path);
}

// A Next.js app whose social-card route loads its fonts once, as Vercel OG shows, and awaits them per request.
const typefaces = `export const CARD = { width: 1200, height: 630 };
export const headline = fetch(new URL('../../../../public/type/Headline-Bold.otf', import.meta.url)).then((answer) => answer.arrayBuffer());
export const caption = fetch(new URL('../../../../public/type/Caption-Book.otf', import.meta.url)).then((answer) => answer.arrayBuffer());
`;
const nextApp = project('kept-fonts', {
  'package.json': JSON.stringify({ name: 'storefront', private: true, dependencies: { next: '^15', react: '^19', 'react-dom': '^19', '@vercel/og': '^0.6' } }),
  'src/app/api/share-card/typefaces.ts': typefaces,
  'src/app/api/share-card/route.tsx': `import { ImageResponse } from '@vercel/og';
import { CARD, caption, headline } from './typefaces';
export async function GET() {
  const [bold, book] = await Promise.all([headline, caption]);
  return new ImageResponse(<div>card</div>, { ...CARD, fonts: [{ name: 'Headline', data: bold }, { name: 'Caption', data: book }] });
}
`,
});

// A server whose price list is fetched once at load and awaited by every quote; another module's warm-up promise is
// exported, but no module imports it.
const priceList = "export const priceList = fetch('https://prices.example.com/v3/list').then((answer) => answer.json());\n";
const warmUp = "export const cacheWarmed = fetch('https://edge-cache.example.com/warm', { method: 'POST' });\nexport const REGION = 'eu-west-1';\n";
const server = project('kept-price-list', {
  'package.json': JSON.stringify({ name: 'quotes', private: true, dependencies: { express: '^5' } }),
  'src/pricing/price-list.ts': priceList,
  'src/pricing/quote.ts': `import { priceList } from './price-list';
export async function quote(sku: string) {
  const prices = await priceList;
  return prices[sku];
}
`,
  'src/edge/warm-up.ts': warmUp,
  'src/edge/region.ts': "import { REGION } from './warm-up';\nexport const region = () => REGION;\n",
});

ruleTester.run('no-unprotected-call: promises kept for importers, bundled files', rule, {
  valid: [
    // the fonts, fetched from files beside the route and awaited by the route that imports them
    { code: typefaces, filename: nextApp('src/app/api/share-card/typefaces.ts') },
    // a price list every quote awaits: each await receives the failure
    { code: priceList, filename: server('src/pricing/price-list.ts') },
    // a file beside the module, read at load in top-level code: the deployment's own file, no dependency
    {
      code: "const sprites = await (await fetch(new URL('./sprites.svg', import.meta.url))).text();\nexport const icon = (name: string) => sprites.includes(name);\n",
      filename: server('src/icons/sprites.ts'),
    },
  ],
  invalid: [
    // control: a module-level request nobody keeps
    {
      code: "fetch('https://edge-cache.example.com/warm', { method: 'POST' });\nexport const REGION = 'eu-west-1';\n",
      filename: server('src/edge/warm-up-floating.ts'),
      errors: [{ messageId: 'floating', suggestions: 4 }],
    },
    // exported, but no module of the project imports it: kept by nobody
    { code: warmUp, filename: server('src/edge/warm-up.ts'), errors: [{ messageId: 'exported', data: { call: 'fetch', name: 'cacheWarmed' }, suggestions: 3 }] },
    // every call handled in its own function (strict): the promise kept for importers is reported too
    { code: priceList, filename: server('src/pricing/price-list.ts'), options: [{ scope: 'function' }], errors: [{ messageId: 'exported', data: { call: 'fetch', name: 'priceList' }, suggestions: 3 }] },
    // checkOwnOrigin (strict) reports a bundled file's fetch, as it does a page's
    {
      code: "const sprites = await (await fetch(new URL('./sprites.svg', import.meta.url))).text();\nexport const icon = (name: string) => sprites.includes(name);\n",
      filename: server('src/icons/sprites.ts'),
      options: [{ checkOwnOrigin: true }],
      errors: [{ messageId: 'topLevel', suggestions: 3 }],
    },
    // a URL object with a remote base is a dependency, not a bundled file
    {
      code: "export const status = fetch(new URL('./v1/status', 'https://status.example.com/')).then((answer) => answer.json());\n",
      filename: server('src/edge/status.ts'),
      errors: [{ messageId: 'exported', data: { call: 'fetch', name: 'status' }, suggestions: 3 }],
    },
  ],
});
