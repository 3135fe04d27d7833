import { Diagnostics } from "../../core/diagnostics";
import { isRecord } from "../../core/options";

/**
 * Plugins that compile TypeScript to JavaScript themselves, by the names they give Rollup
 * and Rolldown (and esbuild), and what to do instead. Before this plugin, each leaves it
 * JavaScript without the tag (esbuild and swc drop the comment), or with it, and typed
 * code would go into JavaScript; `@rollup/plugin-typescript` and `esbuild-plugin-tsc`
 * compile a module when they load it, before any plugin's transform, wherever they are.
 */
const COMPILERS: Record<string, { before: string; anywhere?: string }> = {
  esbuild: { before: "Put tsAsyncInit() before it in plugins." },
  swc: { before: "Put tsAsyncInit() before it in plugins." },
  // @vitejs/plugin-react-swc, with swc plugins of its own: it is then a "pre" plugin in `vite build`.
  "vite:react-swc": { before: "Put tsAsyncInit() before react() in plugins." },
  rpt2: { before: "Put tsAsyncInit() before it in plugins, and give rollup-plugin-typescript2 check: false (it cannot resolve the plumbing's module)." },
  typescript: {
    before: "",
    anywhere:
      '@rollup/plugin-typescript compiles each module as it loads it: leave ts-async-init/rollup out, and give @rollup/plugin-typescript the main entry as its transformer (the README\'s section "Rollup with @rollup/plugin-typescript").',
  },
};

/**
 * esbuild's plugins that load `.ts` files themselves: esbuild hands each file to the first
 * onLoad that takes it, so one of the two plugins never sees it. Some only when they come
 * before this one (`before`): after it, this one takes the files it rewrites; before it,
 * they take every file, and the build would be wrong (an error, not a warning).
 */
const ESBUILD_LOADERS: Record<string, { fix: string; before?: true }> = {
  tsc: { fix: "esbuild-plugin-tsc is there for decorator metadata: build the project with tspc (the README's quick start), which keeps both." },
  "@yarnpkg/esbuild-plugin-pnp": {
    fix: "esbuild reads Yarn Plug'n'Play itself: leave this plugin out, or put tsAsyncInit() before it in plugins.",
    before: true,
  },
};

/**
 * TS46011's message when a plugin listed in Rollup's or Rolldown's `plugins` (or Vite's,
 * inTransformOrder) compiles TypeScript before this one (named `self`) can see it;
 * undefined when none does.
 *
 *     plugins: [esbuild(), tsAsyncInit()]
 *       → TS46011: ts-async-init never sees the TypeScript of the modules: the plugin 'esbuild' compiles them … Put tsAsyncInit() before it in plugins.
 */
export function compilerFirstMessage(plugins: unknown, self: string): string | undefined {
  const names = namesOf(plugins);
  const own = indexOfSelf(names, self);
  for (const [index, name] of names.entries()) {
    const compiler = Object.hasOwn(COMPILERS, name) ? COMPILERS[name] : undefined;
    if (!compiler || (index > own && !compiler.anywhere)) continue;
    return `TS${Diagnostics.pluginStripsFirst.code}: ${Diagnostics.pluginStripsFirst.text(name, compiler.anywhere ?? compiler.before)}`;
  }
  return undefined;
}

/**
 * TS46011 when esbuild's `plugins` hold one that loads `.ts` files itself (before this one,
 * named `self`, where that matters): an error where it takes every file, else a warning;
 * undefined when none does.
 */
export function esbuildLoaderMessage(plugins: unknown, self: string): { text: string; error: boolean } | undefined {
  const names = namesOf(plugins);
  const own = indexOfSelf(names, self);
  for (const [index, name] of names.entries()) {
    const loader = Object.hasOwn(ESBUILD_LOADERS, name) ? ESBUILD_LOADERS[name] : undefined;
    if (!loader || (loader.before && index > own)) continue;
    return { text: `TS${Diagnostics.pluginLoadsItself.code}: ${Diagnostics.pluginLoadsItself.text(name, loader.fix)}`, error: loader.before === true };
  }
  return undefined;
}

/**
 * The plugin after this one (named `self`) in Rollup's or Rolldown's `plugins` that lowers
 * `await using` wrongly in a loop that catches its errors (TS46023): rollup-plugin-esbuild,
 * whose esbuild lowers it for any target but `esnext` (its default is es2020; the plugin
 * keeps its options to itself). Undefined when none does.
 */
export function wrongLoweringAfter(plugins: unknown, self: string): string | undefined {
  const names = namesOf(plugins);
  const own = indexOfSelf(names, self);
  return names.some((name, index) => index > own && name === "esbuild") ? "rollup-plugin-esbuild" : undefined;
}

/**
 * Vite's resolved plugins (already sorted by `enforce`) that load or transform modules, in
 * the order their transforms run: a transform hook of `order: "pre"` runs before every
 * other, one of `order: "post"` after.
 */
export function inTransformOrder(plugins: unknown): unknown[] {
  const rank = (plugin: unknown) => {
    const transform = isRecord(plugin) ? plugin.transform : undefined;
    const order = isRecord(transform) ? transform.order : undefined;
    return order === "pre" ? 0 : order === "post" ? 2 : 1;
  };
  const compiles = (plugin: unknown) => isRecord(plugin) && (plugin.transform !== undefined || plugin.load !== undefined);
  return (Array.isArray(plugins) ? plugins.filter(compiles) : []).sort((a, b) => rank(a) - rank(b));
}

/** Where this plugin is among them: by its name, or the name Vite's dependency optimizer knows it by (`ts-async-init:deps-…`). */
const indexOfSelf = (names: string[], self: string): number => names.findIndex((name) => name === self || name.startsWith(`${self}:`));

/**
 * The name of each plugin of a plugins option as written (nested arrays, and `false` or
 * `null` for a plugin left out), in order; "" for one without a name.
 */
const namesOf = (plugins: unknown): string[] =>
  (Array.isArray(plugins) ? plugins.flat(Number.POSITIVE_INFINITY) : []).map((plugin) =>
    isRecord(plugin) && typeof plugin.name === "string" ? plugin.name : "",
  );

/**
 * TS46011's message when vitest runs the modules with Node.js's own `import`, which calls no
 * Vite plugin (`test: { experimental: { viteModuleRunner: false } }`), and nothing loads this
 * package's hook there instead (vitest's `execArgv`, the flags or NODE_OPTIONS of the
 * process, which its workers inherit); undefined otherwise, and outside vitest (`vite build`
 * with the same config file, whose `test` is vitest's alone). The hook goes in with
 * `--require`: under vitest's own `import`, an asynchronous hook (`--import`, which runs off
 * the thread) leaves vitest finding no test in a file it does not rewrite.
 *
 *     test: { experimental: { viteModuleRunner: false } }
 *       → TS46011: ts-async-init never sees the TypeScript of the modules: vitest's `experimental.viteModuleRunner: false` …
 *     test: { experimental: { viteModuleRunner: false }, execArgv: ["--require", "ts-async-init/register"] }
 *       → undefined
 */
export function vitestNativeImportMessage(config: unknown): string | undefined {
  if (!process.env.VITEST) return undefined;
  const test = isRecord(config) && isRecord(config.test) ? config.test : undefined;
  if (!test || !isRecord(test.experimental) || test.experimental.viteModuleRunner !== false) return undefined;
  const flags = [...(Array.isArray(test.execArgv) ? test.execArgv : []), ...process.execArgv, process.env.NODE_OPTIONS ?? ""];
  // Any path of this package's (`ts-async-init/register`, `…/ts-async-init/dist/register.js`): it is loaded.
  if (flags.some((flag) => typeof flag === "string" && flag.includes(PACKAGE_NAME))) return undefined;
  return `TS${Diagnostics.nativeImportInVitest.code}: ${Diagnostics.nativeImportInVitest.text()}`;
}

const PACKAGE_NAME = "ts-async-init";
