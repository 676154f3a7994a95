import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { readdirSync } from 'node:fs';
import { readProjectFile } from './files.js';
import { isNamedByPackage, nearestPackage } from './package-info.js';
import { loadTypeScript } from './typescript.js';

// Templates: code a tool ships to be copied into its users' projects (a Lambda function's starter code, a custom
// resource's handler it deploys into the user's account, a project scaffold). Like an example, it is starter code:
// the gap a reviewer would fix is in the copy the user owns, and the tool's own code is what runs here.

/** The folders a monorepo keeps its packages in: a `templates/` directly inside one of its packages is the package's. */
const PACKAGE_CONTAINERS = 'packages,apps,libs';
/**
 * `modules/<name>/templates/`, `plugins/<name>/templates/`: a package's templates when `<name>` is a package of its own
 * (a `package.json` there); in an app's own plugin folder (a Hapi server's `plugins/pipelines/templates/`, route
 * modules its `index.js` requires) "templates" is a feature of the product.
 */
const PLUGIN_TEMPLATES = /^(.*[/\\](?:modules|plugins)[/\\][^/\\]+)[/\\](?:templates|template|template-[^/\\]+)[/\\]/;

/**
 * Template folders by their name: scaffolds (`functions-templates/`, `project_templates/`) and a folder of one function's
 * template (`function-template-dir/`) at any depth; a bare `templates/` or `template/`, or one named for what it makes
 * (`template-react/`), only at the repository's root or directly in a package (`packages/create-app/templates/`; in
 * `modules/*` and `plugins/*` only when that folder is a package: `isInPackagedPluginTemplates`).
 * Deeper, it is as often a product's feature (`ee/features/templates/`, `src/templates/`: the app's own document or
 * e-mail templates), and a package named `*-template` may be a template engine (`velocity-template`), so both stay
 * product code. Not a package named `*-template-provider` either: its sources are the tool's own code; its templates
 * are found by their `.ejs`.
 */
export const TEMPLATE_FOLDER_GLOBS: readonly string[] = [
  '**/{*-templates,*_templates,*-template-dir,*_template_dir}/**',
  `{,{${PACKAGE_CONTAINERS}}/*/}{templates,template,template-*}/**`,
];

/**
 * A template by what surrounds it (read by the rules): a folder that also holds an EJS or Handlebars template of a
 * code file or a package manifest (`index.js.ejs`, `package.json.ejs`: the rest of the function the tool renders), or
 * a JavaScript file its TypeScript package does not compile (outside the tsconfig's `rootDir`) and does not name as
 * what it ships or starts: a file the package reads to copy, zip or inline into what it deploys
 * (`fs.readFileSync(join(__dirname, '../resources/handler.js'))`); or a file in a folder a module beside the folder
 * copies or zips whole; or a file in the `templates/` of a package kept in `modules/` or `plugins/`.
 */
export function isTemplateByItsSurroundings(path: string): boolean {
  const absolute = isAbsolute(path) ? path : resolve(path);
  return hasRenderedCodeSibling(dirname(absolute)) || isLeftOutOfTypeScriptBuild(absolute) || isInCopiedFolder(absolute)
    || isInPackagedPluginTemplates(absolute);
}

function isInPackagedPluginTemplates(path: string): boolean {
  const plugin = PLUGIN_TEMPLATES.exec(path)?.[1];
  return plugin !== undefined && nearestPackage(dirname(path))?.directory === plugin;
}

/**
 * A file in a folder that a module beside the folder copies or zips whole, found from its own directory
 * (`fse.copy(path.join(__dirname, 'resources'), staging)` then `createZipFile(staging, zip)`: the custom-resource
 * Lambdas a deployment tool uploads into its users' accounts). A folder served or read file by file
 * (`express.static(join(__dirname, 'public'))`) is not copied whole, and stays product code.
 */
function isInCopiedFolder(path: string): boolean {
  const packageDirectory = nearestPackage(dirname(path))?.directory;
  if (!packageDirectory) return false;
  for (let folder = dirname(path); isInside(folder, packageDirectory); folder = dirname(folder)) {
    if (isCopiedWhole(folder)) return true;
  }
  return false;
}

const copiedFolders = new Map<string, boolean>();
const MODULE = /\.[cm]?[jt]s$/;
/** Folder copies and archives: fs-extra's and Node's copies, zip and tar builders (archiver, adm-zip, the tools' own). */
const COPIES_OR_ZIPS = /\b(?:copy|copySync|cp|cpSync|zip|zipDirectory|createZipFile|archiver|directory|addLocalFolder)\s*\(/;
const MAX_MODULES_READ = 40;

function isCopiedWhole(folder: string): boolean {
  let copied = copiedFolders.get(folder);
  if (copied === undefined) {
    const parent = dirname(folder);
    const name = basename(folder).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // the path ends at the folder (`join(__dirname, 'templates')`): one going on into it (`join(__dirname, 'src',
    // 'apollo-router')`, a build helper copying a subfolder of `src/`) copies that subfolder, not the folder
    const joinsFolder = new RegExp(`(?:__dirname|import\\.meta\\.dirname)\\s*,\\s*['"\`](?:\\./)?${name}/?['"\`]\\s*\\)`);
    let modules: string[];
    try {
      modules = readdirSync(parent).filter((entry) => MODULE.test(entry)).slice(0, MAX_MODULES_READ);
    } catch {
      modules = [];
    }
    copied = modules.some((entry) => {
      const text = readProjectFile(join(parent, entry));
      return text !== undefined && joinsFolder.test(text) && COPIES_OR_ZIPS.test(text);
    });
    copiedFolders.set(folder, copied);
  }
  return copied;
}

const RENDERED_CODE = /\.(?:[cm]?[jt]sx?|json|ya?ml)\.(?:ejs|hbs|handlebars)$/;
const renderedCodeFolders = new Map<string, boolean>();

function hasRenderedCodeSibling(folder: string): boolean {
  let found = renderedCodeFolders.get(folder);
  if (found === undefined) {
    try {
      found = readdirSync(folder).some((name) => RENDERED_CODE.test(name));
    } catch {
      found = false;
    }
    renderedCodeFolders.set(folder, found);
  }
  return found;
}

const PLAIN_JAVASCRIPT = /\.[cm]?js$/;
/** The compiled source root of each package folder (null: not a TypeScript package that names one). */
const sourceRoots = new Map<string, { rootDir: string; outDir: string | undefined } | null>();

function isLeftOutOfTypeScriptBuild(path: string): boolean {
  if (!PLAIN_JAVASCRIPT.test(path)) return false;
  const info = nearestPackage(dirname(path));
  if (!info) return false;
  const roots = sourceRootsOf(info.directory);
  if (!roots || isInside(path, roots.rootDir) || (roots.outDir !== undefined && isInside(path, roots.outDir))) return false;
  return !isNamedByPackage(path);
}

/** `rootDir` and `outDir` of the tsconfig.json beside the package's manifest, as absolute paths. */
function sourceRootsOf(packageDirectory: string): { rootDir: string; outDir: string | undefined } | null {
  let roots = sourceRoots.get(packageDirectory);
  if (roots === undefined) {
    roots = null;
    const configPath = join(packageDirectory, 'tsconfig.json');
    const text = readProjectFile(configPath);
    const ts = loadTypeScript();
    if (text !== undefined && ts) {
      const options = (ts.parseConfigFileTextToJson(configPath, text).config as { compilerOptions?: Record<string, unknown> } | undefined)?.compilerOptions;
      const rootDir = options?.['rootDir'];
      const outDir = options?.['outDir'];
      if (typeof rootDir === 'string' && rootDir.replace(/^\.\/?/, '') !== '') {
        roots = { rootDir: resolve(packageDirectory, rootDir), outDir: typeof outDir === 'string' ? resolve(packageDirectory, outDir) : undefined };
      }
    }
    sourceRoots.set(packageDirectory, roots);
  }
  return roots;
}

function isInside(path: string, folder: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder !== '' && !fromFolder.startsWith(`..${sep}`) && fromFolder !== '..' && !isAbsolute(fromFolder);
}

/** Forget what was read of folders and tsconfigs (files changed in the editor). */
export function forgetTemplateFolders(): void {
  copiedFolders.clear();
  renderedCodeFolders.clear();
  sourceRoots.clear();
}
