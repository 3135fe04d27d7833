import { refuseMisuse, refuseUncalled } from "./frontends/bundlers/misuse";
import { rollupPlugin } from "./frontends/bundlers/rollup";
import type { Options, RollupLikePlugin } from "./frontends/bundlers/types";
import * as Types from "./frontends/bundlers/types";

/**
 * `ts-async-init/rollup`: the plugin for Rollup, in `rollup.config.mjs`, before the plugin that strips the types:
 *
 *     import tsAsyncInit from "ts-async-init/rollup";
 *     export default { input: "src/index.ts", plugins: [tsAsyncInit(), esbuild()] };
 *
 * The same function is `module.exports` and its `default`, so that `import`, `require()`
 * and TypeScript's default import all give it (see frontends/bundlers/plugin.ts).
 */
function tsAsyncInit(options?: Options): RollupLikePlugin {
  refuseMisuse(options, "ts-async-init/rollup");
  return rollupPlugin(options, "rollup");
}
namespace tsAsyncInit {
  /** The plugin's options: `initMethod`, `stateField`, `target`, `include`, `exclude`, `typescript`, `cacheDir`. */
  export type Options = import("./frontends/bundlers/types").Options;
  /** What it returns, a plugin that Rollup takes: named here, so that a config's declaration (`declaration`, `composite`) can name it. */
  export import Plugin = Types.RollupLikePlugin;
}
tsAsyncInit.default = tsAsyncInit;
refuseUncalled(tsAsyncInit, "ts-async-init/rollup");
export = tsAsyncInit;
