import { esbuildPlugin } from "./frontends/bundlers/esbuild";
import { refuseMisuse, refuseUncalled } from "./frontends/bundlers/misuse";
import type { Options, SetupPlugin } from "./frontends/bundlers/types";
import * as Types from "./frontends/bundlers/types";

/**
 * `ts-async-init/esbuild`: the plugin for esbuild, in the `plugins` of `build()`:
 *
 *     import tsAsyncInit from "ts-async-init/esbuild";
 *     await build({ entryPoints: ["src/index.ts"], bundle: true, plugins: [tsAsyncInit()] });
 *
 * The same function is `module.exports` and its `default`, so that `import`, `require()`
 * and TypeScript's default import all give it (see frontends/bundlers/plugin.ts).
 */
function tsAsyncInit(options?: Options): SetupPlugin {
  refuseMisuse(options, "ts-async-init/esbuild");
  return esbuildPlugin(options);
}
namespace tsAsyncInit {
  /** The plugin's options: `initMethod`, `stateField`, `target`, `include`, `exclude`, `typescript`, `cacheDir`. */
  export type Options = import("./frontends/bundlers/types").Options;
  /** What it returns, a plugin that esbuild takes: named here, so that a config's declaration (`declaration`, `composite`) can name it. */
  export import Plugin = Types.SetupPlugin;
}
tsAsyncInit.default = tsAsyncInit;
refuseUncalled(tsAsyncInit, "ts-async-init/esbuild");
export = tsAsyncInit;
