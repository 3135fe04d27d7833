import { refuseMisuse, refuseUncalled } from "./frontends/bundlers/misuse";
import { rollupPlugin } from "./frontends/bundlers/rollup";
import type { Options, RollupLikePlugin } from "./frontends/bundlers/types";
import * as Types from "./frontends/bundlers/types";

/**
 * `ts-async-init/rolldown`: the plugin for Rolldown, in `rolldown.config.ts`:
 *
 *     import tsAsyncInit from "ts-async-init/rolldown";
 *     export default defineConfig({ input: "src/index.ts", plugins: [tsAsyncInit()] });
 *
 * The same function is `module.exports` and its `default`, so that `import`, `require()`
 * and TypeScript's default import all give it (see frontends/bundlers/plugin.ts).
 */
function tsAsyncInit(options?: Options): RollupLikePlugin {
  refuseMisuse(options, "ts-async-init/rolldown");
  return rollupPlugin(options, "rolldown");
}
namespace tsAsyncInit {
  /** The plugin's options: `initMethod`, `stateField`, `target`, `include`, `exclude`, `typescript`, `cacheDir`. */
  export type Options = import("./frontends/bundlers/types").Options;
  /** What it returns, a plugin that Rolldown takes: named here, so that a config's declaration (`declaration`, `composite`) can name it. */
  export import Plugin = Types.RollupLikePlugin;
}
tsAsyncInit.default = tsAsyncInit;
refuseUncalled(tsAsyncInit, "ts-async-init/rolldown");
export = tsAsyncInit;
