import { refuseMisuse, refuseUncalled } from "./frontends/bundlers/misuse";
import { rollupPlugin } from "./frontends/bundlers/rollup";
import type { Options, RollupLikePlugin } from "./frontends/bundlers/types";
import * as Types from "./frontends/bundlers/types";

/**
 * `ts-async-init/vite`: the plugin for Vite (and vitest), in `vite.config.ts`:
 *
 *     import tsAsyncInit from "ts-async-init/vite";
 *     export default defineConfig({ plugins: [tsAsyncInit()] });
 *
 * The same function is `module.exports` and its `default`, so that `import`, `require()`
 * and TypeScript's default import all give it (see frontends/bundlers/plugin.ts).
 */
function tsAsyncInit(options?: Options): RollupLikePlugin {
  refuseMisuse(options, "ts-async-init/vite");
  return rollupPlugin(options, "vite");
}
namespace tsAsyncInit {
  /** The plugin's options: `initMethod`, `stateField`, `target`, `include`, `exclude`, `typescript`, `cacheDir`. */
  export type Options = import("./frontends/bundlers/types").Options;
  /** What it returns, a plugin that Vite takes: named here, so that a config's declaration (`declaration`, `composite`) can name it. */
  export import Plugin = Types.RollupLikePlugin;
}
tsAsyncInit.default = tsAsyncInit;
refuseUncalled(tsAsyncInit, "ts-async-init/vite");
export = tsAsyncInit;
