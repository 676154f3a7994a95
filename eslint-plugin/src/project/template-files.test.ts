import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_FILE_SETTINGS, fileRole, roleFromPath, skippedRoleGlobs } from './file-roles.js';

const scratch = mkdtempSync(join(tmpdir(), 'resilint-templates-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes files (path → text) under a fresh folder named `name`; returns its path. */
function tree(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const handler = "const https = require('https');\nexports.handler = async () => new Promise((done) => https.get('https://example.com', done));\n";
const roleOf = (root: string, path: string) => fileRole({ path: join(root, path), text: handler }, NO_FILE_SETTINGS);

describe('templates by their folder', () => {
  it.each([
    // scaffolds and templates named for what they make, at any depth
    ['packages/cli/src/functions-templates/javascript/hello/index.mjs', 'template'],
    ['packages/create-app/template-react/src/main.tsx', 'template'],
    ['template-vue/src/main.ts', 'template'],
    ['packages/category-function/src/provider-utils/function-template-dir/cfn-response.js', 'template'],
    // a package that provides templates: its own sources are the tool's code
    ['packages/nodejs-function-template-provider/src/providers/crud.ts', 'product'],
    ['apps/web/src/components/email-template/preview.tsx', 'product'],
    ['apps/web/src/template-editor/save.ts', 'product'],
    // a product feature named `templates`, a template engine's package
    ['ee/features/templates/api/apply-template.ts', 'product'],
    ['apps/web/features/templates/list.ts', 'product'],
    ['packages/velocity-template/src/engine.ts', 'product'],
    ['packages/template-engine/src/render.ts', 'product'],
    // a bare `templates/` at the root or in a package
    ['templates/starter/index.ts', 'template'],
    ['packages/cli/templates/worker/src/index.ts', 'template'],
    // inside a source tree it is the app's own e-mail or page templates; words that merely contain the letters
    ['server/emails/templates/InviteEmail.tsx', 'product'],
    ['apps/api/src/templates/render-invoice.ts', 'product'],
    ['packages/mailer/src/template/compile.ts', 'product'],
    ['src/templated-strings.ts', 'product'],
    ['src/templates.ts', 'product'],
    // an app's own plugin folder, read by its path (a package kept in plugins/ is told by its manifest: below)
    ['plugins/pipelines/templates/list.js', 'product'],
  ])('%s is %s', (path, role) => {
    expect(roleFromPath(path)).toBe(role);
  });

  it('is skipped by default and linted when templates are asked for', () => {
    expect(skippedRoleGlobs().some((glob) => glob.includes('*-template-dir'))).toBe(true);
    expect(skippedRoleGlobs(new Set(['product', 'template'])).some((glob) => glob.includes('template'))).toBe(false);
  });
});

describe('templates by what surrounds them', () => {
  it('takes a folder that renders code or a manifest from EJS or Handlebars for the rest of a template', () => {
    const root = tree('rendered', {
      'package.json': JSON.stringify({ name: 'category-predictions' }),
      'src/triggers/s3/index.js': handler,
      'src/triggers/s3/package.json.ejs': '{ "name": "<%= name %>" }\n',
      'src/triggers/s3/lambda.json.ejs': '{}\n',
      // an e-mail rendered from EJS: the renderer beside it is the product's
      'src/mail/welcome.html.ejs': '<p>Hello <%= name %></p>\n',
      'src/mail/send-welcome.ts': handler,
    });
    expect(roleOf(root, 'src/triggers/s3/index.js')).toBe('template');
    expect(roleOf(root, 'src/mail/send-welcome.ts')).toBe('product');
  });

  it('takes JavaScript a TypeScript package does not compile and does not ship or start as its entry for an asset it deploys', () => {
    const root = tree('left-out', {
      'package.json': JSON.stringify({ name: 'category-geo', main: 'lib/index.js', bin: { geo: 'bin/geo.js' }, scripts: { start: 'node server.js' } }),
      // comments, as tsconfig.json allows them
      'tsconfig.json': '{\n  // compiled from src only\n  "compilerOptions": { "rootDir": "./src", "outDir": "./lib" }\n}\n',
      'src/index.ts': 'export const handlerPath = "../resources/map-handler.js";\n',
      'src/legacy.js': handler,
      'resources/map-handler.js': handler,
      'provider-utils/triggers/PostConfirmation/add-to-group.js': handler,
      'bin/geo.js': handler,
      'lib/index.js': handler,
      // a server the package's start script runs, outside what tsc compiles
      'server.js': handler,
    });
    expect(roleOf(root, 'resources/map-handler.js')).toBe('template');
    expect(roleOf(root, 'provider-utils/triggers/PostConfirmation/add-to-group.js')).toBe('template');
    // the package's own code, compiled or shipped: its sources, its bin, its build output
    expect(roleOf(root, 'src/legacy.js')).toBe('product');
    expect(roleOf(root, 'bin/geo.js')).toBe('product');
    expect(roleOf(root, 'lib/index.js')).toBe('product');
    expect(roleOf(root, 'server.js')).toBe('product');
  });

  it('takes a folder a module beside it copies or zips whole: the code a deployment tool uploads for its users', () => {
    const root = tree('copied', {
      'package.json': JSON.stringify({ name: 'deployer', main: 'lib/deployer.js' }),
      'lib/deployer.js': handler,
      'lib/custom-resources/generate-zip.js': "const srcDirPath = path.join(__dirname, 'resources');\nexport default async (staging, zip) => {\n  await fse.copy(srcDirPath, staging);\n  await createZipFile(staging, zip);\n};\n",
      'lib/custom-resources/index.js': handler,
      'lib/custom-resources/resources/s3/handler.js': handler,
      'lib/custom-resources/resources/utils.js': handler,
      // a folder a server serves file by file is not copied whole
      'lib/server/app.js': "app.use(express.static(path.join(__dirname, 'public')));\n",
      'lib/server/public/widget.js': handler,
      // a build helper copying one subfolder of the sources (a gateway's router stub) copies that, not the sources
      'gateway/copy-assets.js': "const from = path.join(__dirname, 'src', 'router');\nfs.cpSync(path.join(from, 'stub'), path.join(__dirname, 'dist', 'router', 'stub'), { recursive: true });\n",
      'gateway/src/middleware.js': handler,
    });
    expect(roleOf(root, 'lib/custom-resources/resources/s3/handler.js')).toBe('template');
    expect(roleOf(root, 'lib/custom-resources/resources/utils.js')).toBe('template');
    expect(roleOf(root, 'lib/custom-resources/index.js')).toBe('product');
    expect(roleOf(root, 'lib/server/public/widget.js')).toBe('product');
    expect(roleOf(root, 'gateway/src/middleware.js')).toBe('product');
  });

  it("takes the templates/ of a package kept in plugins/, and not a feature of an app's own plugin folder", () => {
    // met on screwdriver (the thirty-third round): `plugins/pipelines/templates/` holds the route modules of the API's
    // pipeline templates, which `plugins/pipelines/index.js` requires
    const app = tree('hapi-app', {
      'package.json': '{ "name": "ci-api", "main": "bin/server" }',
      'plugins/pipelines/index.js': "module.exports = { routes: [require('./templates/list')] };\n",
      'plugins/pipelines/templates/list.js': handler,
    });
    expect(roleOf(app, 'plugins/pipelines/templates/list.js')).toBe('product');
    const tool = tree('plugin-repo', {
      'package.json': '{ "name": "tools", "private": true, "workspaces": ["plugins/*"] }',
      'plugins/deploy-lambda/package.json': '{ "name": "deploy-lambda", "main": "index.js" }',
      'plugins/deploy-lambda/templates/handler.js': handler,
    });
    expect(roleOf(tool, 'plugins/deploy-lambda/templates/handler.js')).toBe('template');
  });

  it('leaves JavaScript alone where the package compiles no single source root', () => {
    const root = tree('no-root-dir', {
      'package.json': JSON.stringify({ name: 'web' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true }, include: ['**/*.ts'] }),
      'public/sw.js': handler,
      'server/upload.js': handler,
    });
    expect(roleOf(root, 'public/sw.js')).toBe('product');
    expect(roleOf(root, 'server/upload.js')).toBe('product');
  });
});
