import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { OnLoadResult, PartialMessage } from "esbuild";
import type { UnpluginContextMeta, UnpluginMessage, UnpluginOptions } from "unplugin";
import { isRecord } from "../../core/options";
import { isRewrittenText, mayNeedRewrite, REWRITE_MENTIONS } from "../../core/tag";
import { PLUMBING_MODULE_JS } from "../../plumbing";
import type { TransformDiagnostic, TransformResult } from "../api";
import { cachedTransform, defaultCacheDir } from "../cache";
import { failWith } from "../fail";
import { LINE_BREAK } from "../lines";
import { NoTypeScriptError } from "../typescript";
import { ASTRO_FILE, COMPONENT_FILE, unseenAstroFrontmatter, unseenComponentScript } from "./components";
import { esbuildLowering, loweringOf } from "./lowering";
import { badPluginOptions, globBesideWorkingDir } from "./options";
import { compilerFirstMessage, inTransformOrder, vitestNativeImportMessage, wrongLoweringAfter } from "./order";
import { belowES2022, ecmaScriptTarget, esbuildTarget } from "./target";
import type { Options } from "./types";

/**
 * The bundler plugin: one plugin in unplugin's format, reached through a thin entry per
 * bundler (`ts-async-init/vite`, `/rolldown`, `/rollup`, `/esbuild`, `/webpack`, `/rspack`,
 * `/bun`). unplugin's adapters (./unplugin.ts) hand it to webpack, Rspack and Bun; Vite,
 * Rolldown and Rollup take it nearly as it is (./rollup.ts), and esbuild through its own
 * loader (./esbuild.ts), so that their builds do not load unplugin (about 25 ms: 3% of a
 * 1-second `vite build`, bench/bundlers). It runs the text back end (frontends/api.ts) on each TypeScript module
 * that mentions `@asyncInit` or `await using`, before the bundler strips the types,
 * and serves the plumbing once per bundle as a virtual module that the rewritten
 * modules import:
 *
 *     // src/db.ts, as the bundler gets it after this plugin
 *     import { plumbing as asyncInit_1 } from "/@ts-async-init/plumbing";
 *     /** @asyncInit *\/
 *     export class Db { … }
 *
 * Each transform reads only the code it is given, so watch mode and dev servers see
 * every edit (adding or removing the tag too). Results are kept on disk by module text
 * (frontends/cache.ts), so that the next build does not load TypeScript for modules it
 * has rewritten before.
 */

export type { Options } from "./types";

/**
 * What rewritten modules import the plumbing from; the plugin resolves it to a virtual
 * module (no such file exists). Not a package's name (`ts-async-init/plumbing`): the
 * rules that keep packages out of a bundle would take it for one, and leave the import
 * in the output (tsdown's and tsup's for the `dependencies`, webpack-node-externals,
 * esbuild's `packages: "external"`, a Rollup `external: /^[^./]/`). Rooted at `/`, it
 * is no package and no file in `node_modules`; a build without the plugin fails to
 * resolve it, loudly. Not `virtual:…`: webpack reads a `scheme:` request as a URL and
 * never asks the resolvers, where unplugin serves virtual modules.
 */
export const PLUMBING_MODULE = "/@ts-async-init/plumbing";
/**
 * Its resolved id: `\0` tells other plugins (and Vite) that it is no file, and keeps it out
 * of the folder that `preserveModules` lays the output out from (a rooted id would make
 * that `/`). Vite, Rolldown and Rollup match their `external` option against resolved ids
 * too, where `/^[^./]/` would take a `\0` id: the plugin's `options` hook keeps both ids out
 * of it (keepPlumbingBundled). esbuild keeps the module in a namespace of the plugin's own,
 * and writes its id into the bundle's comments as it is: there it is the specifier itself.
 */
const resolvedPlumbing = (framework: string) => (framework === "esbuild" ? PLUMBING_MODULE : `\0${PLUMBING_MODULE}`);
/** The virtual module: the full plumbing as JavaScript (what `asyncInit_1` holds when it is inlined), once per bundle. */
export const PLUMBING_MODULE_CODE = PLUMBING_MODULE_JS;

/** The namespace Yarn Plug'n'Play's esbuild plugin resolves modules into. */
const PNP_NAMESPACE = "pnp";

/** A TypeScript module, by its path: what esbuild's and Bun's loaders are asked for. */
export const TYPESCRIPT_MODULE = /\.[cm]?tsx?$/;
/**
 * The plugin's default include and exclude, by module id, which may end in a query or a
 * hash: `src/worker.ts?worker_file&type=module` (a worker, in Vite's dev server),
 * `src/db.ts?v=1` (an import with a query), each a TypeScript module.
 */
const DEFAULT_INCLUDE = [/\.[cm]?tsx?(?:[?#].*)?$/];
/**
 * Not `node_modules`: a TypeScript module there is compiled by the bundler as any other (a
 * workspace package's sources reached through its link under `resolve.preserveSymlinks`, a
 * package that ships its `.ts`), and its tagged classes would otherwise run as written. The
 * filter on the text keeps out every module that mentions neither the tag nor `await using`.
 */
const DEFAULT_EXCLUDE = [/\.d\.[cm]?ts(?:[?#].*)?$/];

/**
 * The loader esbuild and Bun take a TypeScript module with: by its extension, or as
 * esbuild's `loader` option says for it (`loader: { ".ts": "tsx" }`: JSX in `.ts` files).
 */
export function typeScriptLoader(path: string, loaders?: Record<string, string>): "ts" | "tsx" {
  const given = loaders?.[/\.[^./\\]*$/.exec(path)?.[0] ?? ""];
  if (given === "ts" || given === "tsx") return given;
  return path.endsWith(".tsx") ? "tsx" : "ts";
}

/** A module that the default include and exclude take. */
const isDefaultIncluded = (id: string) => DEFAULT_INCLUDE.some((pattern) => pattern.test(id)) && !DEFAULT_EXCLUDE.some((pattern) => pattern.test(id));

const exact = (id: string) => new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);
/** The plumbing's import, and nothing else. */
export const PLUMBING_SPECIFIER = exact(PLUMBING_MODULE);

/**
 * The plumbing's module, by any id a bundler gives it: the specifier, the resolved `\0` id,
 * and the file that webpack and Rspack bundle (setUpWebpack).
 */
const isPlumbingId = (id: string): boolean => id.includes(PLUMBING_MODULE) || id.startsWith(PLUMBING_MODULE_FILE);

/** The plugin's name, in every bundler (and esbuild's and Bun's namespace of the plumbing). */
export const PLUGIN_NAME = "ts-async-init";

/** The key, among the options handed to createPlugin, of a build that bundles nothing (set by the esbuild entry, never by a user). */
const INLINE_PLUMBING = Symbol("ts-async-init.inlinePlumbing");

/** The user's options, for a build that resolves no import (esbuild without `bundle: true`): each rewritten module holds the plumbing. */
export function withPlumbingInlined<T extends object>(options: T | undefined, inlined: boolean): T {
  return { ...options, [INLINE_PLUMBING]: inlined } as T;
}

const isPlumbingInlined = (options: object): boolean => (options as { [INLINE_PLUMBING]?: boolean })[INLINE_PLUMBING] === true;

/** An esbuild build without `bundle: true` (its default): it resolves no import, and the plumbing's would be left in the output as it is. */
export const bundlesNothing = (build: { initialOptions: { bundle?: boolean } }): boolean => build.initialOptions.bundle !== true;

/** The bundler a plugin is made for. */
export type Framework = UnpluginContextMeta["framework"];

/** Whether `options` leave the modules to rewrite to the default include and exclude (regular expressions that every bundler evaluates the same). */
export const usesDefaultFilters = (options?: Options | null): boolean => options?.include === undefined && options?.exclude === undefined;

/**
 * Whether Vite, Rolldown, Rollup and esbuild take the plugin through unplugin's adapter: for
 * options with an include or exclude of their own (globs, which unplugin matches as these
 * bundlers do). Not for bad options (an include that is a number would throw inside unplugin):
 * this package's own plugin reports them (failingPlugin).
 */
export const needsUnplugin = (options?: Options | null): boolean => !usesDefaultFilters(options) && badPluginOptions(options).length === 0;

/** The plugin for `framework`, as unplugin's adapters take it; with bad options, one that reports them (failingPlugin). */
export function createPlugin(options: Options = {}, framework: Framework): UnpluginOptions {
  const problems = badPluginOptions(options);
  if (problems.length > 0) return failingPlugin(problems);
  // Rollup, Rolldown and esbuild print `loc` with errors and warnings, Vite with errors only (but not
  // under vitest, which names the test file that failed to load and shows the code frame without the
  // module's name); unplugin hands webpack, Rspack and Bun the message alone. Where `loc` is not printed,
  // the message says where.
  const printsLoc = (category: "error" | "warning") =>
    ["rollup", "rolldown", "esbuild"].includes(framework) || (framework === "vite" && category === "error" && !process.env.VITEST);
  // Their `this.error` throws, as Rollup's does; unplugin's adapters for webpack, Rspack and Bun collect each error.
  const errorThrows = ["rollup", "rolldown", "vite"].includes(framework);
  // The bundler's own target, read again for each build (one plugin may serve builds of several targets); the option wins.
  let bundlerTarget: string | undefined;
  // Vite's dev server (and vitest), where a framework's plugin may build a component's script inline (./components.ts).
  let serving = false;
  const failure = (error: UnpluginMessage) => (framework === "vite" && serving ? asError(error) : error);
  const resolved = resolvedPlumbing(framework);
  // Vite, Rolldown and Rollup: a user's `external` never takes the plumbing.
  const keepPlumbing = keepPlumbingBundled(resolved);
  // Set by the esbuild and Bun entries on the options they hand over (./lowering.ts); in Rolldown and Rollup, a plugin after this one's.
  let loweredBy = loweringOf(options);
  // Rolldown and Rollup: no plugin before this one compiles the TypeScript away, and which one after it lowers `await using` (./order.ts).
  const checkOrderAndKeepPlumbing = (buildOptions: { plugins?: unknown; external?: External }) => {
    const compiler = compilerFirstMessage(buildOptions.plugins, PLUGIN_NAME);
    if (compiler) failWith(compiler);
    loweredBy = wrongLoweringAfter(buildOptions.plugins, PLUGIN_NAME);
    return keepPlumbing(buildOptions);
  };
  // Components (App.vue), whose TypeScript blocks their framework's plugin or loader may build out of this plugin's reach (./components.ts).
  const seesComponents = framework === "vite" || framework === "webpack" || framework === "rspack";
  const rewriteFor = createRewrite(options, framework);
  // esbuild's builds that do not bundle (./esbuild.ts): each module gets the plumbing itself.
  const inlined = isPlumbingInlined(options);
  const rewrite = (code: string, fileName: string, build: BuildFacts = {}): Rewritten =>
    rewriteFor(code, fileName, { target: options.target ?? bundlerTarget, loweredBy, inlinePlumbing: inlined, ...build });
  // Whether a component's block, as a module of its own, would be rewritten or have an error (./components.ts).
  const wouldRewrite = (id: string) => (body: string, lang: string) => {
    const block = rewrite(body, inLanguage(id, lang));
    return "noTypeScript" in block || block.code !== body || block.diagnostics.some((d) => d.category === "error");
  };
  // With the default include and exclude, esbuild (./esbuild.ts, through esbuild.setup below) hands TypeScript
  // modules to loadForEsbuild, not to unplugin's loader, which reads every module it is given.
  const defaultFilters = usesDefaultFilters(options);
  // webpack and Rspack take the plumbing from its file, through an alias (setUpWebpack); the others from a virtual module.
  const virtualPlumbing: Pick<UnpluginOptions, "resolveId" | "load"> = {
    resolveId: {
      filter: { id: PLUMBING_SPECIFIER },
      handler: (id) => (id === PLUMBING_MODULE ? resolved : undefined),
    },
    load: {
      // In Vite, Astro components too, read here as Vite loads them: Astro compiles them before any transform of this plugin.
      filter: { id: framework === "vite" ? [exact(resolved), ASTRO_FILE] : exact(resolved) },
      handler(id) {
        if (id === resolved) return { code: PLUMBING_MODULE_CODE, map: null };
        if (framework === "vite" && ASTRO_FILE.test(id)) {
          const file = fileOfId(id);
          // A component that is no file (another plugin's virtual module) is that plugin's to load.
          const unseen = existsSync(file) ? unseenAstroFrontmatter(readFileSync(file, "utf8"), file, wouldRewrite(id)) : undefined;
          if (unseen?.category === "error") this.error(failure(message(unseen, id, !printsLoc("error"))));
          else if (unseen) this.warn(message(unseen, id, !printsLoc("warning")));
        }
        return undefined;
      },
    },
  };
  const plugin: UnpluginOptions = {
    name: PLUGIN_NAME,
    enforce: "pre",
    ...(framework === "webpack" || framework === "rspack" ? {} : virtualPlumbing),
    transform: {
      filter: {
        // In Vite, components too (App.vue, App.svelte): a script block the plugin would never see is an error.
        id: {
          include: [...[options.include ?? DEFAULT_INCLUDE].flat(), ...(seesComponents ? [COMPONENT_FILE] : [])],
          exclude: options.exclude ?? DEFAULT_EXCLUDE,
        },
        // The text the back end looks for before it parses a file; bundlers that evaluate filters natively send it nothing else.
        code: { include: [...REWRITE_MENTIONS] },
      },
      handler(code, id) {
        if (seesComponents && COMPONENT_FILE.test(id)) {
          const where = framework === "vite" ? (serving ? "vite serve" : "vite build") : framework === "rspack" ? "rspack" : "webpack";
          const unseen = unseenComponentScript(code, id, where, wouldRewrite(id));
          if (unseen?.category === "error") this.error(failure(message(unseen, id, !printsLoc("error"))));
          else if (unseen) this.warn(message(unseen, id, !printsLoc("warning")));
          return null;
        }
        // Rolldown, Vite, Rollup 4.40+ and unplugin's adapters evaluate the filter above; an older Vite or Rollup calls every module.
        if (defaultFilters && !isDefaultIncluded(id)) return null;
        // The plumbing's own module, which a user's include (`/.*/`, `"**/*"`) may take: it is JavaScript, and no file of theirs.
        if (isPlumbingId(id)) return null;
        // Rewritten already, by a second instance of this plugin (a vitest config that merges a Vite config, each with tsAsyncInit()).
        if (isRewrittenText(code)) return null;
        const fileName = fileOfId(id);
        // Vite's dev server strips the types of `.ts`, `.mts` and `.tsx` modules only (its Oxc transform): a `.cts` one runs as it is.
        const result = rewrite(code, parsedAs(id, fileName), {
          untyped: framework === "vite" && serving && fileName.endsWith(".cts"),
          // One plugin may serve several environments of Vite (builder.sharedPlugins), each with its own target.
          ...(framework === "vite" && options.target === undefined ? targetOfEnvironment(this) : {}),
        });
        if ("noTypeScript" in result) {
          this.error(failure(withoutLocation(result.noTypeScript, "TS46009")));
          return null;
        }
        const errors = result.diagnostics.filter((diagnostic) => diagnostic.category === "error");
        for (const warning of result.diagnostics.filter((diagnostic) => diagnostic.category !== "error")) {
          this.warn(message(warning, fileName, !printsLoc("warning")));
        }
        if (errors.length > 0) {
          if (errorThrows) this.error(failure(allInOne(errors, fileName, printsLoc("error"))));
          else for (const error of errors) this.error(message(error, fileName, !printsLoc("error")));
          return framework === "webpack" || framework === "rspack" ? { code: throwingFirst(code, errors[0], fileName), map: null } : null;
        }
        if (result.map === null) return null;
        // The map names the module by its full path, as bundlers name modules: webpack and Rspack
        // otherwise show `webpack:///db.ts` for `src/db.ts`.
        result.map.sources = [fileName];
        return { code: result.code, map: result.map };
      },
    },
    webpack: setUpWebpack,
    rspack: setUpWebpack,
    vite: {
      options: keepPlumbing,
      configResolved(config: { command?: string; build?: { target?: unknown }; plugins?: unknown }) {
        // No plugin whose transform runs before this one's compiles the TypeScript away (./order.ts).
        const compiler = compilerFirstMessage(inTransformOrder(config.plugins), PLUGIN_NAME) ?? vitestNativeImportMessage(config);
        if (compiler) failWith(compiler);
        bundlerTarget = ecmaScriptTarget(config.build?.target);
        serving = config.command === "serve";
      },
    },
    rolldown: { options: checkOrderAndKeepPlumbing },
    rollup: { options: checkOrderAndKeepPlumbing },
    esbuild: {
      // esbuild calls a plugin's JavaScript only for the paths its filters match: here the
      // plumbing's import, and (with the default include and exclude) TypeScript files.
      onResolveFilter: PLUMBING_SPECIFIER,
      setup: defaultFilters
        ? (build) => {
            // Without source maps in the build, a map of each rewritten module would be encoded and read for nothing.
            const maps = Boolean(build.initialOptions.sourcemap);
            // No TypeScript to parse with is said once a build, at the first module that needs it: it would be the same for each.
            const said = { noTypeScript: false };
            build.onStart(() => {
              said.noTypeScript = false;
            });
            // This build's target, not the last build's: one plugin may be handed to several builds, even at once.
            const target = options.target ?? esbuildTarget(build.initialOptions);
            const loaders = build.initialOptions.loader;
            // Whether esbuild lowers await using in this build, asked of it when the build starts (TS46023).
            let lowering: string | undefined;
            build.onStart(async () => {
              lowering = await esbuildLowering(build);
            });
            const inlinePlumbing = bundlesNothing(build);
            const rewriteForBuild = (code: string, fileName: string) => rewrite(code, fileName, { target, loweredBy: lowering, inlinePlumbing });
            const load = (path: string) => loadForEsbuild(path, rewriteForBuild, maps, said, loaders);
            build.onLoad({ filter: TYPESCRIPT_MODULE, namespace: "file" }, ({ path }) => load(path));
            // Yarn Plug'n'Play's plugin (@yarnpkg/esbuild-plugin-pnp) resolves every module into its namespace: a file
            // on disk is still rewritten there, with the folder its imports resolve from; one inside a zip archive is its to load.
            build.onLoad({ filter: TYPESCRIPT_MODULE, namespace: PNP_NAMESPACE }, ({ path }) => {
              const loaded = existsSync(path) ? load(path) : undefined;
              return loaded && { ...loaded, resolveDir: dirname(path) };
            });
          }
        : undefined,
      config(config) {
        bundlerTarget = esbuildTarget(config);
        const misplaced = globBesideWorkingDir(options, config.absWorkingDir);
        if (misplaced) failWith(misplaced);
      },
    },
  };
  return plugin;
}

/** An `external` option of Rollup's form: ids, patterns, or a function of the id. */
type External = string | RegExp | (string | RegExp)[] | ((id: string, importer: string | undefined, isResolved: boolean) => unknown);

/**
 * The `options` hook of Vite, Rolldown and Rollup: a user's `external` (`/^[^./]/`, which
 * keeps every package out of a Node bundle, or a function) never takes the plumbing's
 * module, by its specifier or by its resolved id, so that the bundle holds it and needs no
 * runtime package. Without an `external`, the options are left as they are.
 */
function keepPlumbingBundled(resolved: string) {
  return (options: { external?: External }) => {
    const { external } = options;
    if (external === undefined) return null;
    const isExternal = (id: string, importer: string | undefined, isResolved: boolean): boolean => {
      if (id === PLUMBING_MODULE || id === resolved) return false;
      if (typeof external === "function") return Boolean(external(id, importer, isResolved));
      return (Array.isArray(external) ? external : [external]).some((pattern) => (pattern instanceof RegExp ? pattern.test(id) : pattern === id));
    };
    return { ...options, external: isExternal };
  };
}

/** The part of esbuild's and Bun.build's plugin API (the same) that serves the plumbing. */
export interface EsbuildLikeBuild {
  onResolve(options: { filter: RegExp; namespace?: string }, callback: (args: { path: string }) => { path: string; namespace: string }): void;
  onLoad(options: { filter: RegExp; namespace?: string }, callback: (args: { path: string }) => { contents: string; loader: "js" }): void;
}

/**
 * esbuild and Bun.build: the plumbing's import resolved into a namespace of the plugin's
 * own (its name), and loaded from there. The module keeps the specifier as its path, which
 * the bundle's comments show (`// ts-async-init:/@ts-async-init/plumbing`): no `\0`, no file.
 */
export function servePlumbing(build: EsbuildLikeBuild): void {
  build.onResolve({ filter: PLUMBING_SPECIFIER }, () => ({ path: PLUMBING_MODULE, namespace: PLUGIN_NAME }));
  build.onLoad({ filter: /.*/, namespace: PLUGIN_NAME }, () => ({ contents: PLUMBING_MODULE_CODE, loader: "js" }));
}

/**
 * The plumbing's module as a file of this package (written by `npm run build`), which webpack
 * and Rspack bundle as any other module.
 */
const PLUMBING_MODULE_FILE = join(__dirname, "..", "..", "plumbing", "module.mjs");

/** The part of webpack's and Rspack's compiler this plugin changes. */
interface WebpackCompiler {
  options: { resolve?: { alias?: Alias | false }; module?: { rules?: unknown[] } };
}

/** webpack and Rspack, once unplugin has added the plugin's loader: the plumbing's alias, and the loader first in line. */
function setUpWebpack(compiler: WebpackCompiler): void {
  aliasPlumbing(compiler);
  runLoaderFirst(compiler);
}

/**
 * Makes the plugin's loader, which unplugin's adapter has just put first in `module.rules`
 * (`{ enforce: "pre", use: (data) => … }`), the last rule: webpack and Rspack run the
 * loaders of "pre" rules last rule first, so a user's own "pre" loader that strips the
 * types would otherwise run before it, and lower `await using` unseen:
 *
 *     rules: [ours, { enforce: "pre", test: /\.ts$/, loader: "esbuild-loader" }]   // esbuild-loader, then ours
 *     rules: [{ enforce: "pre", test: /\.ts$/, loader: "esbuild-loader" }, ours]   // ours, then esbuild-loader
 */
function runLoaderFirst(compiler: WebpackCompiler): void {
  const rules = compiler.options.module?.rules;
  const [added] = rules ?? [];
  if (!rules || !isRecord(added) || added.enforce !== "pre" || typeof added.use !== "function") return;
  rules.push(rules.shift());
}

/** What webpack's and Rspack's `resolve.alias` may be: an object, or webpack's list of entries. */
type Alias = Record<string, unknown> | { name: string; alias: unknown; onlyModule?: boolean }[];

/**
 * webpack and Rspack: the plumbing's specifier is an alias of its file, for that exact request:
 *
 *     import { plumbing as asyncInit_1 } from "/@ts-async-init/plumbing";
 *     // resolve.alias: { "/@ts-async-init/plumbing$": "…/node_modules/ts-async-init/dist/plumbing/module.mjs" }
 *
 * Not unplugin's virtual modules there: they are files that it names under the project's folder
 * (`…/_virtual_%00%2F%40ts-async-init%2Fplumbing`), and hands on as requests, which webpack
 * parses. A `#` in the folder's path starts a fragment of such a request: webpack did not find
 * the module, and Rspack bundled an empty one, which failed when the bundle ran.
 */
function aliasPlumbing(compiler: WebpackCompiler): void {
  const resolve = (compiler.options.resolve ??= {});
  const alias = resolve.alias;
  if (Array.isArray(alias)) alias.push({ name: PLUMBING_MODULE, alias: PLUMBING_MODULE_FILE, onlyModule: true });
  else resolve.alias = { ...(alias || {}), [`${PLUMBING_MODULE}$`]: PLUMBING_MODULE_FILE };
}

/**
 * esbuild's loader of TypeScript modules, with the default include and exclude. unplugin's
 * reads each module it is given asynchronously before its filters look at the text (about
 * 0.4 s more CPU time than this one for the 2,000 modules of bench/bundlers). This one reads
 * the file synchronously, and hands a module that mentions neither the tag nor `await using`
 * back to esbuild untouched (undefined: esbuild reads and parses it as if there were no
 * plugin). Diagnostics come with the line of code, which esbuild prints under the location.
 * A rewritten module carries its source map inline when the build makes source maps.
 */
function loadForEsbuild(
  path: string,
  rewrite: (code: string, fileName: string) => Rewritten,
  maps: boolean,
  said: { noTypeScript: boolean },
  loaders?: Record<string, string>,
): OnLoadResult | undefined {
  if (!isDefaultIncluded(path)) return undefined;
  const code = readFileSync(path, "utf8");
  if (!mayNeedRewrite(code)) return undefined;
  const loader = typeScriptLoader(path, loaders);
  // Parsed as the loader reads it: a `.ts` file that the build's loader option takes as TSX is TSX.
  const result = rewrite(code, loader === "tsx" ? inLanguage(path, "tsx") : path);
  if ("noTypeScript" in result) {
    // The build fails at the first; later modules go to esbuild as they are.
    if (said.noTypeScript) return undefined;
    said.noTypeScript = true;
    return { errors: [{ text: result.noTypeScript }] };
  }
  const { errors, warnings } = esbuildMessages(result, path, code);
  if (errors.length > 0 || result.map === null) return { contents: code, loader, errors, warnings };
  if (!maps) return { contents: result.code, loader, warnings };
  // A URL, as esbuild reads the sources of a map: a path with a `#` or a `%` in it would name another file.
  result.map.sources = [pathToFileURL(path).href];
  return { contents: `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}\n`, loader, warnings };
}

/** A rewrite's diagnostics as esbuild's errors and warnings, each with its line of code, which esbuild prints under the location. */
export function esbuildMessages(result: TransformResult, file: string, code: string): { errors: PartialMessage[]; warnings: PartialMessage[] } {
  const lines = result.diagnostics.length > 0 ? code.split(LINE_BREAK) : [];
  const messages = (category: TransformDiagnostic["category"]): PartialMessage[] =>
    result.diagnostics
      .filter((diagnostic) => diagnostic.category === category)
      .map((diagnostic) => ({
        text: `TS${diagnostic.code}: ${diagnostic.message}`,
        // esbuild shows the first line without its byte order mark, which the diagnostic's column does not count either.
        location: { file, line: diagnostic.line, ...columnInBytes((lines[diagnostic.line - 1] ?? "").replace(/^\uFEFF/, ""), diagnostic.column) },
      }));
  return { errors: messages("error"), warnings: messages("warning") };
}

/**
 * esbuild's column: 0-based, in bytes of the line's UTF-8 (the diagnostic's is 1-based, in
 * UTF-16 units), so that its caret is under the place on a line with `é` or `😀` before it.
 */
function columnInBytes(lineText: string, column: number): { column: number; lineText: string } {
  return { column: Buffer.byteLength(lineText.slice(0, column - 1), "utf8"), lineText };
}

/**
 * `TS46001: @asyncInit class 'Db' has no method 'init'. …` at the file, line and column,
 * which Rollup prints as `src/db.ts (3:13)` and Vite and Rolldown as `/…/src/db.ts:3:13`:
 * `loc.column` is 0-based, as Rollup's plugin API defines it. With `where`, the message
 * itself starts with `/…/src/db.ts:3:14: ` (1-based, as editors count).
 */
function message(diagnostic: TransformDiagnostic, id: string, where = false): UnpluginMessage {
  return {
    message: `${where ? `${id}:${diagnostic.line}:${diagnostic.column}: ` : ""}TS${diagnostic.code}: ${diagnostic.message}`,
    code: `TS${diagnostic.code}`,
    id,
    loc: { file: id, line: diagnostic.line, column: diagnostic.column - 1 },
  };
}

/**
 * The file a module id names: without the query a bundler may add (`/src/db.ts?v=1`,
 * `…/App.vue?vue&type=script&lang.ts`), or a fragment (`/src/db.ts#x`), which follow the
 * file's extension. A `#` or `?` in a folder's or file's name is part of it
 * (`/work/c#/src/App.tsx`, `/work/q?x/src/db.ts`, `/src/v1.0#beta.tsx`).
 */
function fileOfId(id: string): string {
  return MODULE_FILE.exec(id)?.[1] ?? id.replace(/\?.*$/s, "");
}

/** A module's file, by the first extension of a module that ends the id or comes before a query or fragment without a `/`. */
const MODULE_FILE = /^(.*?\.(?:[cm]?[jt]sx?|vue|svelte|astro|mdx?))(?:[?#][^/\\]*)?$/s;

/**
 * The name the parser reads a module by: its path, or, for a block of another file whose
 * id gives it a language (a Vue SFC's `<script lang="tsx">`), the path with that
 * language's extension, so that the block is parsed as TSX, not as the `.vue` file's TS.
 *
 *     /src/App.vue?vue&type=script&setup=true&lang.tsx   →   /src/App.vue.tsx
 *     /src/db.ts?v=1                                     →   /src/db.ts
 */
function parsedAs(id: string, fileName: string): string {
  const lang = /[?&]lang\.([cm]?[jt]sx?)(?:&|$)/.exec(id)?.[1];
  return lang ? inLanguage(fileName, lang) : fileName;
}

/**
 * A module's path as the parser is to read it in `lang` (TypeScript takes the language from
 * the extension): the path itself if it has that extension, else with it added.
 *
 *     inLanguage("/src/App.vue", "tsx")   →   /src/App.vue.tsx
 *     inLanguage("/src/db.tsx", "tsx")    →   /src/db.tsx
 */
export const inLanguage = (path: string, lang: string): string => (path.endsWith(`.${lang}`) ? path : `${path}.${lang}`);

/** A message of the plugin's setup, not of a module: no place, and no stack (the plugin's frames would say nothing of it). */
function withoutLocation(text: string, code: string): UnpluginMessage {
  return { message: text, code, stack: "" };
}

/**
 * An error for `this.error` in Vite's dev server (and vitest): an Error, with the fields of the
 * message. Vite's dev server hands on what it is given, and a plain object reads
 * `[object Object]` wherever it is printed as a string (Vite's restart after an edit of its
 * config, a framework that logs `String(error)`). Its build (Rolldown) makes an Error of the
 * object itself, named `RolldownError`. No stack: the plugin's frames would say nothing of it.
 */
function asError<T extends UnpluginMessage>(fields: T): Error & T {
  return Object.assign(new Error(fields.message), fields, { stack: "" });
}

/**
 * The module that webpack and Rspack get for one with errors. They report the errors and
 * go on with the module (in development the bundle is written, and a watch or a dev server
 * runs it): it throws as it loads, instead of running its tagged classes as written.
 *
 *     /** @asyncInit *\/ export class Broken { … }
 *   →
 *     throw new Error("ts-async-init: src/db.ts:3:14: TS46001: … (not built: see the build's errors)"); /** @asyncInit *\/ export class Broken { … }
 */
function throwingFirst(code: string, error: TransformDiagnostic, fileName: string): string {
  const text = `ts-async-init: ${fileName}:${error.line}:${error.column}: TS${error.code}: ${error.message} (not built: see the build's errors)`;
  // After the file's header (a byte order mark, a shebang, its first comments: `// @ts-nocheck`, pragmas), which stays
  // first; with no line of its own. A function that throws, which TypeScript does not take for the end of the code (TS7027).
  const at = HEADER.exec(code)?.[0].length ?? 0;
  return `${code.slice(0, at)}(() => { throw new Error(${JSON.stringify(text)}); })(); ${code.slice(at)}`;
}

/** A file's header: a byte order mark, a shebang, and the comments and white space before its first token. */
const HEADER = /^\uFEFF?(?:#![^\n]*)?(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/;

/** What the plugin makes of a module: the text back end's result, or TS46009's message when there is no TypeScript it can use. */
export type Rewritten = TransformResult | { noTypeScript: string };

/** What a build tells the rewrite of its modules, beyond the plugin's options. */
export interface BuildFacts {
  /** The output's language level (`"ES2020"`), when known. */
  target?: string;
  /** The tool that lowers `await using` after the rewrite, wrongly in a loop that catches its errors (TS46023). */
  loweredBy?: string;
  /** The build resolves no import (esbuild without `bundle: true`): each module gets the plumbing inlined. */
  inlinePlumbing?: boolean;
  /** Nothing strips the module's types before it runs (a `.cts` module in Vite's dev server): what is added has none. */
  untyped?: boolean;
}

/**
 * The text back end as the plugins run it (with the cache of `options.cacheDir`): the
 * plumbing imported from its module, so that a bundle holds it once, and every line kept.
 */
export function createRewrite(options: Options, framework: Framework): (code: string, fileName: string, build: BuildFacts) => Rewritten {
  const transform = cachedTransform(options.cacheDir === false ? undefined : (options.cacheDir ?? defaultCacheDir()));
  return (code, fileName, { target, loweredBy, inlinePlumbing = false, untyped = false }) =>
    orNoTypeScript(() =>
      transform(
        code,
        fileName,
        {
          initMethod: options.initMethod,
          stateField: options.stateField,
          target,
          typescript: options.typescript,
          // Imported from the module served once per bundle; in a build that bundles nothing, in each module.
          plumbing: inlinePlumbing ? undefined : { import: PLUMBING_MODULE },
          // Bun ignores a plugin's source map, and a map can be lost on the way elsewhere too.
          keepLines: true,
        },
        {
          ...(loweredBy === undefined ? {} : { awaitUsingLoweredBy: loweredBy }),
          ...(lowersFieldsWithOxc(framework, target) ? { nameClassExpressions: true } : {}),
          ...(untyped ? { untyped } : {}),
        },
      ),
    );
}

/**
 * The target of the Vite environment a hook runs for (`this.environment`, Vite 6 and later),
 * if it has one: where one plugin serves every environment (`builder.sharedPlugins`), the
 * target configResolved read is the first environment's only.
 */
function targetOfEnvironment(context: object): { target?: string } {
  const environment = (context as { environment?: { config?: { build?: { target?: unknown } } } }).environment;
  const target = ecmaScriptTarget(environment?.config?.build?.target);
  return target === undefined ? {} : { target };
}

/** Vite and Rolldown lower class fields with Oxc for a target below ES2022 (see the text back end's nameClassExpressions). */
function lowersFieldsWithOxc(framework: Framework, target: string | undefined): boolean {
  return (framework === "vite" || framework === "rolldown") && belowES2022(target);
}

/**
 * `rewrite()`, or TS46009's message (`TS46009: ts-async-init parses TypeScript with …`) where
 * the text back end throws it (../typescript.ts, ../api.ts): no TypeScript installed, one too
 * old, or a `typescript` option it cannot use. It says what to install; a stack of this
 * package's frames would say nothing more. Any other error is a bug, and goes on with its stack.
 */
function orNoTypeScript(rewrite: () => TransformResult): Rewritten {
  try {
    return rewrite();
  } catch (error) {
    if (!(error instanceof NoTypeScriptError)) throw error;
    return { noTypeScript: `TS${error.code}: ${error.text}` };
  }
}

/**
 * The plugin when its options are bad (badPluginOptions): it rewrites nothing, and fails
 * each build at its start with their TS46006 messages, whether or not a module mentions the
 * tag. At the start, not when the plugin is made: thrown from the factory, the error would
 * come with a stack through this package and the user's config (Vite prints "failed to load
 * config" and the stack), where each bundler has a channel for a plugin's errors:
 *
 *   - Vite, Rolldown, Rollup: `this.error` in buildStart, without a stack, printed as the
 *     plugin's other errors are (`[plugin ts-async-init] TS46006: …`);
 *   - esbuild: the errors of an onStart callback (`✘ [ERROR] TS46006: … [plugin ts-async-init]`),
 *     where an error thrown by setup is printed with its frame and line of this package's code;
 *   - webpack, Rspack: unplugin hands buildStart no `this.error`; it throws (failWithOptions);
 *   - Bun (no buildStart: Bun 1.4 has no onStart): the plugin's setup throws (transformer/bun.ts).
 *
 * A tool that does not call buildStart still gets the errors from each module the plugin would rewrite.
 */
function failingPlugin(messages: string[]): UnpluginOptions {
  const text = messages.join("\n");
  // Vite's dev server, as in createPlugin.
  let serving = false;
  const failure = () => (serving ? asError(withoutLocation(text, "TS46006")) : withoutLocation(text, "TS46006"));
  return {
    name: PLUGIN_NAME,
    enforce: "pre",
    buildStart() {
      const { error } = this as unknown as { error?: (message: UnpluginMessage) => never };
      if (typeof error === "function") error.call(this, failure());
      failWithOptions(messages);
    },
    transform: {
      filter: { id: { include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE }, code: { include: [...REWRITE_MENTIONS] } },
      handler() {
        this.error(failure());
        return null;
      },
    },
    vite: {
      configResolved(config: { command?: string }) {
        serving = config.command === "serve";
      },
    },
    esbuild: {
      setup(build) {
        build.onStart(() => ({ errors: messages.map((message) => ({ text: message })) }));
      },
    },
  };
}

/** Throws the options' TS46006 messages as one error, without frames (failWith). */
export const failWithOptions = (messages: string[]): never => failWith(messages.join("\n"));

/**
 * The errors of a module as one, for a bundler whose `this.error` throws at the first: its
 * place, its message, then each other error at its own place. No stack: the error is in
 * the user's module, and the plugin's frames would say nothing of it.
 */
function allInOne(errors: TransformDiagnostic[], id: string, printsLoc: boolean): UnpluginMessage {
  const [first, ...others] = errors;
  const text = message(first, id, !printsLoc);
  const all = [text.message, ...others.map((other) => message(other, id, true).message)].join("\n");
  return { ...text, message: all, stack: "" };
}
