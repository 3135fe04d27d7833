import { readFileSync } from "node:fs";
import type { BunPlugin, UnpluginMessage, UnpluginOptions } from "unplugin";
import { REWRITE_MENTIONS } from "./core/tag";
import { type IdFilter, idFilter } from "./frontends/bundlers/idFilter";
import { bunLowering, withLowering } from "./frontends/bundlers/lowering";
import { refuseMisuse, refuseUncalled } from "./frontends/bundlers/misuse";
import { badPluginOptions } from "./frontends/bundlers/options";
import {
  createPlugin,
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
    setup: (build: Builder) => {
      if (build.config) return unplugin.bun(withLowering(options, bunLowering(build.config))).setup(forBuild(build) as BunBuilder);
      return loadAtRunTime(build, options);
    },
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
 * Bun's runtime: the plugin's transform, called as it comes, from an onLoad callback that
 * returns at once. unplugin's adapter returns a promise, and Bun then takes each
 * TypeScript module for an async one, which `require()` refuses ("require() async module
 * … is unsupported": a `.js` file, or an ES module, that requires a `.ts` one). The
 * include and exclude are evaluated here, as unplugin's adapter would (idFilter); messages
 * as that adapter gives them: warnings printed after `[unplugin]`, errors collected and
 * thrown together.
 */
function loadAtRunTime(build: Builder, options: Options | undefined): void {
  servePlumbingAtRunTime(build);
  const transform = createPlugin(options, "bun").transform as { filter: { id: IdFilter }; handler: TransformHandler };
  const takes = idFilter(transform.filter.id);
  build.onLoad({ filter: TYPESCRIPT_MODULE }, (args) => {
    const contents = readFileSync(args.path, "utf8");
    const mayRewrite = takes(args.path) && REWRITE_MENTIONS.some((mention) => mention.test(contents));
    const rewritten = mayRewrite ? transformNow(transform.handler, contents, args.path) : undefined;
    if (rewritten === undefined) warnIfCommonJs(args.path, contents);
    return { contents: rewritten ?? contents, loader: typeScriptLoader(args.path) };
  });
}

/** The plugin's transform hook (createPlugin's), as unplugin calls it. */
type TransformHandler = (
  this: { error(message: UnpluginMessage): void; warn(message: UnpluginMessage): void },
  code: string,
  id: string,
) => ReturnType<Extract<UnpluginOptions["transform"], { handler: unknown }>["handler"]>;

/** The module's rewritten code, or undefined where it stays as it is; its warnings printed, its errors thrown (as unplugin's adapter does). */
function transformNow(handler: TransformHandler, code: string, id: string): string | undefined {
  const errors: string[] = [];
  const text = (message: UnpluginMessage) => (typeof message === "string" ? message : message.message);
  const result = handler.call({ error: (message) => void errors.push(text(message)), warn: (message) => console.warn("[unplugin]", text(message)) }, code, id);
  if (errors.length > 0) throw new Error(`[unplugin] ${PLUGIN_NAME}: ${errors.join("\n")}`);
  return result && typeof result === "object" && "code" in result ? result.code : undefined;
}

/** Bun's runtime takes a virtual module from `module()`: the plumbing, as `/@ts-async-init/plumbing`. */
function servePlumbingAtRunTime(build: Builder): void {
  build.module?.(PLUMBING_MODULE, () => ({ contents: PLUMBING_MODULE_CODE, loader: "js" }));
}

/**
 * Says so when Bun's runtime is handed a CommonJS module through the preload: Bun 1.4
 * may leave such a module unrun when a runtime plugin (any plugin: the preload loads
 * every TypeScript module) loads it, and `bun run` then prints nothing and exits 0
 * (`bun run main.cts`, whose `require()` loads a module that assigns `module.exports`;
 * `bun test` of a file that takes `test` from `require("bun:test")`: "Ran 0 tests").
 * A module that the plugin leaves as it is and that Bun runs as CommonJS (isCommonJs) is
 * told once; a rewritten one runs, or fails loudly in Bun.
 */
const warned = new Set<string>();
function warnIfCommonJs(path: string, contents: string | undefined): void {
  if (contents === undefined || warned.has(path) || !isCommonJs(path, contents)) return;
  warned.add(path);
  console.warn(
    `ts-async-init: ${path} is a CommonJS module: Bun may leave a CommonJS module that a runtime plugin (this preload) loads unrun, without an error (bun run then prints nothing and exits 0). Under the preload, write ES modules (import and export); Bun.build bundles CommonJS as usual.`,
  );
}

/** The names whose free use makes Bun run a module with no `import` or `export` as CommonJS. */
const COMMONJS_NAME = /\b(?:require|module|exports|__filename|__dirname)\b/;

/**
 * Whether Bun runs a TypeScript module as CommonJS: a `.cts` file, or one that, once its
 * types are stripped, has no `import` or `export` statement, no `import.meta` and no
 * top-level `await`, and uses `require`, `module`, `exports`, `__filename` or `__dirname`:
 *
 *     const path = require("node:path");        → CommonJS (an `import type` above it too)
 *     import os from "node:os"; require("x");   → an ES module
 *     const os = require("node:os");
 *     console.log(await os.cpus().length);      → an ES module (top-level await)
 *
 * Bun's Transpiler strips the types (and adds an import of its helpers, `bun:wrap`, for
 * `using` and decorators, which is left out here); the JavaScript engine then reads what
 * is left as a function's body, which is what a CommonJS module is: each of those makes
 * that a SyntaxError (the text of a string or a template literal does not).
 * A local of one of the names, or the word in a string, counts too: then a module that
 * runs is told about, which costs a line on stderr.
 */
function isCommonJs(path: string, contents: string): boolean {
  if (path.endsWith(".cts")) return true;
  if (!COMMONJS_NAME.test(contents)) return false;
  const Transpiler = (globalThis as { Bun?: { Transpiler: BunTranspiler } }).Bun?.Transpiler;
  if (!Transpiler) return false;
  let code: string;
  try {
    code = new Transpiler({ loader: typeScriptLoader(path) }).transformSync(contents);
  } catch {
    return false; // Bun says what is wrong with it when it loads it
  }
  return COMMONJS_NAME.test(code) && readsAsFunctionBody(code.replace(BUN_HELPERS, ""));
}

/** The import of Bun's own helpers that its Transpiler adds (for `using`, decorators), which is no import of the module's. */
const BUN_HELPERS = /^import \{[^}]*\} from "bun:wrap";$/m;

/** Whether `code` compiles as the body of a plain function (compiled, not run). */
function readsAsFunctionBody(code: string): boolean {
  try {
    Function(code);
    return true;
  } catch {
    return false;
  }
}

/** Bun's Transpiler (the part used here). */
type BunTranspiler = new (options: { loader: string }) => { transformSync(code: string): string };
