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
 * - `module.registerHooks()` (Node 22.15 and later), whose hooks run in the app's
 *   own thread and see every `import` and `require()`, `createRequire()`'s too,
 *   and the entry point whether it is run with `--import` or `--require`. On Node
 *   26 it is the only kind (`module.register()` is deprecated there, DEP0205).
 * - `module.register()`, whose hooks run in a thread of their own, on Node 22 –
 *   25 when tsx is in Node's options, and where Node has no `registerHooks()`.
 *   tsx 4 uses that kind too on some versions (Node 20, 24.0 – 24.11.0) and
 *   `registerHooks()` on others; only an asynchronous hook of ours runs after
 *   tsx's in both cases there (the two kinds together crash Node 24.0 – 24.11,
 *   `loadSync is not a function`, and on Node 22 tsx's CommonJS never reaches the
 *   synchronous hook, without a word). It sees `import`, and the `require()` calls
 *   of CommonJS modules that Node loads through the hooks (an entry point run
 *   with `--import`, and what it requires), not `createRequire()`'s; the hook
 *   says when tsx got to a file first.
 */
import * as nodeModule from "node:module";
import { pathToFileURL } from "node:url";

/** Registers the hook once per thread, even if this module is loaded twice (by `--import` and `--require`). */
const REGISTERED = Symbol.for("ts-async-init.register");

export function registerLoadHook(): void {
  const global = globalThis as { [REGISTERED]?: boolean };
  if (global[REGISTERED]) return;
  global[REGISTERED] = true;
  const major = Number(process.versions.node.split(".")[0]);
  const hooks = nodeModule as typeof nodeModule & { registerHooks?: (hooks: { load: unknown }) => unknown };
  if ((major >= 26 || !withTsx()) && typeof hooks.registerHooks === "function") {
    const { loadSync } = require("./hooks") as typeof import("./hooks");
    hooks.registerHooks({ load: loadSync });
  } else if (typeof nodeModule.register === "function") {
    nodeModule.register("./hooks.js", pathToFileURL(__filename));
  } else {
    throw new Error(`ts-async-init/register needs module.register(), which Node.js ${process.version} does not have: use Node.js 22.18 or later.`);
  }
}

/** Whether Node's options load tsx (`--import tsx`, or tsx's own command, which passes its loaders on to the Node it starts). */
function withTsx(): boolean {
  return /(^|[\s/\\="'])tsx\b/.test([...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" "));
}
