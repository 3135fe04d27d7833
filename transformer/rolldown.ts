import type { RolldownPlugin } from "unplugin";
import type { Options } from "./frontends/bundlers/plugin";
import { rollupPlugin } from "./frontends/bundlers/rollup";

/**
 * `ts-async-init/rolldown`: the plugin for Rolldown, in `rolldown.config.ts`:
 *
 *     import tsAsyncInit from "ts-async-init/rolldown";
 *     export default defineConfig({ input: "src/index.ts", plugins: [tsAsyncInit()] });
 *
 * The same function is `module.exports` and its `default`, so that `import`, `require()`
 * and TypeScript's default import all give it (see frontends/bundlers/plugin.ts).
 */
function tsAsyncInit(options?: Options): RolldownPlugin {
  return rollupPlugin(options, "rolldown");
}
namespace tsAsyncInit {
  /** The plugin's options: `initMethod`, `stateField`, `target`, `include`, `exclude`, `typescript`, `cacheDir`. */
  export type Options = import("./frontends/bundlers/plugin").Options;
}
tsAsyncInit.default = tsAsyncInit;
export = tsAsyncInit;
