import { readFile } from "node:fs/promises";
import type { BunPlugin } from "unplugin";
import { bunLowering, withLowering } from "./frontends/bundlers/lowering";
import { refuseMisuse, refuseUncalled } from "./frontends/bundlers/misuse";
import { badPluginOptions } from "./frontends/bundlers/options";
import {
  failWithOptions,
  PLUGIN_NAME,
  PLUMBING_MODULE,
  PLUMBING_MODULE_CODE,
  servePlumbing,
  TYPESCRIPT_MODULE,
  typeScriptLoader,
} from "./frontends/bundlers/plugin";
import type { Options, SetupPlugin } from "./frontends/bundlers/types";
import * as Types from "./frontends/bundlers/types";
import { unplugin } from "./frontends/bundlers/unplugin";

/**
 * `ts-async-init/bun`: the plugin for Bun, in the `plugins` of `Bun.build()`:
 *
 *     import tsAsyncInit from "ts-async-init/bun";
 *     await Bun.build({ entrypoints: ["src/index.ts"], plugins: [tsAsyncInit()] });
 *
 * and for Bun's runtime (`bun run`, `bun test`), registered by a preload script that
 * bunfig.toml names:
 *
 *     // preload.ts, with `preload = ["./preload.ts"]` in bunfig.toml
 *     import { plugin } from "bun";
 *     import tsAsyncInit from "ts-async-init/bun";
 *     plugin(tsAsyncInit());
 *
 * The same function is `module.exports` and its `default`, so that `import`, `require()`
 * and TypeScript's default import all give it (see frontends/bundlers/plugin.ts).
 */
function tsAsyncInit(options?: Options): SetupPlugin {
  refuseMisuse(options, "ts-async-init/bun");
  const problems = badPluginOptions(options);
  // Bad options stop Bun.build, and a preload before any module loads: setup throws TS46006's message.
  if (problems.length > 0) return { name: PLUGIN_NAME, setup: () => failWithOptions(problems) } as BunPlugin;
  return {
    name: PLUGIN_NAME,
    // Bun.build hands a plugin its config, which says whether it lowers await using (TS46023); Bun's runtime (Bun.plugin(), a preload) does not.
    setup: (build: Builder) =>
      build.config
        ? unplugin.bun(withLowering(options, bunLowering(build.config))).setup(forBuild(build) as BunBuilder)
        : unplugin.bun(options).setup(atRunTime(build) as BunBuilder),
  } as BunPlugin;
}
namespace tsAsyncInit {
  /** The plugin's options: `initMethod`, `stateField`, `target`, `include`, `exclude`, `typescript`, `cacheDir`. */
  export type Options = import("./frontends/bundlers/types").Options;
  /** What it returns, a plugin that Bun takes: named here, so that a config's declaration (`declaration`, `composite`) can name it. */
  export import Plugin = Types.SetupPlugin;
}
tsAsyncInit.default = tsAsyncInit;
refuseUncalled(tsAsyncInit, "ts-async-init/bun");
export = tsAsyncInit;

type BunBuilder = Parameters<BunPlugin["setup"]>[0];

/** What Bun hands a plugin's setup (the part used here; Bun's own types are not a dependency of this package). */
interface Builder {
  /** Bun.build's options; absent at run time. */
  config?: object;
  onLoad(options: { filter: RegExp; namespace?: string }, callback: (args: { path: string }) => unknown): void;
  onResolve(options: { filter: RegExp; namespace?: string }, callback: (args: { path: string }) => unknown): void;
  /** Run time only: a module with this specifier, made by the callback. */
  module?(specifier: string, callback: () => { contents: string; loader: string }): void;
}

/**
 * The builder unplugin's Bun adapter gets in Bun.build: the plumbing's module resolved and
 * loaded as for esbuild (servePlumbing), under a filter of its own, and the adapter's own resolver left out. It would
 * resolve every import through JavaScript (filter /.* /), after which Bun adds an unused
 * `import { createRequire } from "node:module"` to an ES module bundle (which then needs
 * `"type": "module"` to run), and it names the module by its `\0` id, a NUL byte in the
 * bundle's comments. The adapter's loader runs the transform on files as before.
 */
function forBuild(build: Builder): Builder {
  servePlumbing(build);
  return Object.assign(Object.create(build) as Builder, {
    onResolve() {},
    onLoad(options: { filter: RegExp; namespace?: string }, callback: (args: { path: string }) => unknown) {
      if (options.namespace === undefined || options.namespace === "file") build.onLoad(options, callback);
    },
  });
}

/**
 * The builder unplugin's Bun adapter gets at run time. It is written for Bun.build, and
 * Bun's runtime differs: there is no `config`; an onLoad callback must return a module
 * for every path it matches (unplugin's returns nothing for a module it leaves alone);
 * a virtual module comes from `module()`, not from an onResolve into a namespace.
 * So: an empty config, the plumbing as a `module()`, and onLoad callbacks that fall back
 * to the file as it is, for TypeScript files only.
 */
function atRunTime(build: Builder): Builder {
  build.module?.(PLUMBING_MODULE, () => ({ contents: PLUMBING_MODULE_CODE, loader: "js" }));
  const runtime: Builder = {
    config: {},
    onResolve() {},
    onLoad(options, callback) {
      if (options.namespace !== "file") return; // the plumbing's namespace: served by module() instead
      // TypeScript modules: the transform's own filter then decides, as in Bun.build.
      build.onLoad({ filter: TYPESCRIPT_MODULE }, async (args) => {
        const module = await callback(args);
        const contents = module ? undefined : await readFile(args.path, "utf8");
        warnIfCommonJs(args.path, contents);
        return module ?? { contents, loader: typeScriptLoader(args.path) };
      });
    },
  };
  return runtime;
}

/**
 * Says so when Bun's runtime is handed a CommonJS module through the preload: Bun 1.4
 * may leave such a module unrun when a runtime plugin (any plugin: the preload loads
 * every TypeScript module) loads it, and `bun run` then prints nothing and exits 0
 * (`bun run main.cts`, whose `require()` loads a module that assigns `module.exports`).
 * A `.cts` file, or one that assigns `module.exports` or `exports.x`, that the plugin
 * leaves as it is, is told once; a rewritten one runs, or fails loudly in Bun.
 */
const warned = new Set<string>();
function warnIfCommonJs(path: string, contents: string | undefined): void {
  if (contents === undefined || warned.has(path)) return;
  if (!path.endsWith(".cts") && !/\bmodule\.exports\b|\bexports\.[\p{ID_Start}$_][\p{ID_Continue}$]*\s*=[^=]/u.test(contents)) return;
  warned.add(path);
  console.warn(
    `ts-async-init: ${path} is a CommonJS module: Bun may leave a CommonJS module that a runtime plugin (this preload) loads unrun, without an error (bun run then prints nothing and exits 0). Under the preload, write ES modules (import and export); Bun.build bundles CommonJS as usual.`,
  );
}
