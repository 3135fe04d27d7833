/**
 * The entry that `node --import ts-async-init/register app.ts` imports: it
 * registers the load hook of ./hooks.ts, so that every TypeScript module of the
 * application is rewritten before Node strips its types, or before tsx compiles it:
 *
 *     node --import ts-async-init/register app.ts                  Node >= 22.18
 *     node --import ts-async-init/register --import tsx app.ts     tsx: this hook first, then tsx's
 *
 * Hooks run last-registered first, each reaching the ones before it through
 * `nextLoad`; and hooks of `module.registerHooks()` all run before those of
 * `module.register()`. Registered before tsx's, this hook sits between tsx and
 * the file, so tsx compiles the TypeScript it hands on.
 *
 * Which kind of hook:
 * - Node < 26, with `--import`: `module.register()`, whose hooks run in a thread
 *   of their own. tsx 4 uses that kind too on some versions (Node 20, 24.0 –
 *   24.11.0) and `module.registerHooks()` on others: only an asynchronous hook of
 *   ours runs after tsx's in both cases, however tsx was loaded (from Node's
 *   options, a setup module or its API; with a synchronous hook of ours, tsx
 *   crashes Node 24.0 – 24.11, and its CommonJS never reaches the hook). It sees
 *   `import`, and the `require()` calls of CommonJS modules that Node loads
 *   through the hooks (an entry point run with `--import`, and what it
 *   requires). A `require()` made through `createRequire()` goes to Node's
 *   CommonJS loader in the app's thread instead, where ./require.ts rewrites it.
 * - Node < 26, preloaded with `--require ts-async-init/register` (or `-r` in
 *   NODE_OPTIONS), and no tsx among Node's loaders: `module.registerHooks()`
 *   (Node 22.15 and later), in the app's own thread. The hooks of
 *   `module.register()` see neither a CommonJS entry point run this way nor what
 *   it requires, and the app would run with nothing rewritten, without a word.
 * - Node >= 26: `module.registerHooks()`, as `module.register()` is deprecated
 *   there (DEP0205) and tsx uses `registerHooks()` too; it sees every `import`
 *   and `require()`.
 *
 * Beside either kind, ./require.ts watches what Node's CommonJS loader compiles
 * itself: it rewrites the TypeScript that the hooks did not see, and says so
 * when another loader (tsx) compiled a file from disk, out of any hook's reach.
 */
import { writeSync } from "node:fs";
import * as nodeModule from "node:module";
import { pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";
import { mayNeedRewrite } from "../../core/tag";
import { onceFlag } from "./once";
import { watchCommonJs } from "./require";

/** Registers the hook once per thread, even if this module is loaded twice (by `--import` and `--require`). */
const REGISTERED = Symbol.for("ts-async-init.register");

/** `preloaded`: this module was loaded by `--require` (Node's preloader), not by `--import`. */
export function registerLoadHook(preloaded = false): void {
  const global = globalThis as { [REGISTERED]?: boolean };
  if (global[REGISTERED]) return;
  global[REGISTERED] = true;
  const major = Number(process.versions.node.split(".")[0]);
  const hooks = nodeModule as typeof nodeModule & { registerHooks?: (hooks: { load: unknown }) => unknown };
  if ((major >= 26 || (preloaded && !withTsx())) && typeof hooks.registerHooks === "function") {
    const { loadSync } = require("./hooks") as typeof import("./hooks");
    hooks.registerHooks({ load: loadSync });
  } else if (typeof nodeModule.register === "function") {
    nodeModule.register("./hooks.js", {
      parentURL: pathToFileURL(__filename),
      data: { once: onceFlag(), entryPoint: isMainThread ? process.argv[1] : undefined },
    });
  } else {
    throw new Error(`ts-async-init/register needs module.register(), which Node.js ${process.version} does not have: use Node.js 22.18 or later.`);
  }
  watchCommonJs();
  if (isMainThread) warnEvalNotRewritten();
}

/**
 * Code given on the command line (`-e`, `--eval`, `-p`, `--print`) is no file: no hook
 * sees it, so its tagged classes and its `await using` would run as written, without a word.
 *
 *     node --import ts-async-init/register --input-type=module-typescript -e '… @asyncInit …'
 *     → ts-async-init/register: the code given with -e was NOT rewritten …
 */
function warnEvalNotRewritten(): void {
  const [given] = optionValues(process.execArgv, EVAL_OPTIONS);
  if (given && mayNeedRewrite(given.value)) {
    writeSync(
      2,
      `ts-async-init/register: the code given with ${given.option} was NOT rewritten (its @asyncInit classes, its await using): the hook rewrites TypeScript files as they are loaded. Put the code in a .ts file and run that.\n`,
    );
  }
}

const EVAL_OPTIONS = new Set(["-e", "--eval", "-p", "--print"]);

/** The options of Node that load a module before the app: `--import tsx`, `-r tsx/cjs`… */
const LOADER_OPTIONS = new Set(["--import", "--require", "-r", "--loader", "--experimental-loader"]);

/**
 * Whether Node's options load tsx: `--import tsx` (or `tsx/esm`, `tsx/cjs`), or a
 * file of the tsx package, which tsx's own command passes to the Node it starts
 * (`--require …/node_modules/tsx/dist/preflight.cjs --import file:///…/node_modules/tsx/dist/loader.mjs`).
 */
function withTsx(): boolean {
  const words = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].map((word) => word.replace(/^["']|["']$/g, ""));
  return optionValues(words, LOADER_OPTIONS).some(({ value }) => isTsx(value));
}

/** What Node's options in `words` give the ones named: `--import tsx` and `--import=tsx` both give `tsx`. */
function optionValues(words: readonly string[], names: ReadonlySet<string>): { option: string; value: string }[] {
  return words.flatMap((word, i) => {
    const [option, value = words[i + 1]] = word.split(/=(.*)/s);
    return names.has(option) && value !== undefined ? [{ option, value }] : [];
  });
}

const isTsx = (specifier: string) => /^tsx(?:\/|$)/.test(specifier) || /[\\/]node_modules[\\/]tsx[\\/]/.test(specifier);
