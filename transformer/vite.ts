import type { VitePlugin } from "unplugin";
import type { Options } from "./frontends/bundlers/plugin";
import { rollupPlugin } from "./frontends/bundlers/rollup";

/**
 * `ts-async-init/vite`: the plugin for Vite (and vitest), in `vite.config.ts`:
 *
 *     import tsAsyncInit from "ts-async-init/vite";
 *     export default defineConfig({ plugins: [tsAsyncInit()] });
 *
 * The same function is `module.exports` and its `default`, so that `import`, `require()`
 * and TypeScript's default import all give it (see frontends/bundlers/plugin.ts).
 */
function tsAsyncInit(options?: Options): VitePlugin {
  return rollupPlugin(options, "vite");
}
namespace tsAsyncInit {
  /** The plugin's options: `initMethod`, `stateField`, `target`, `include`, `exclude`, `typescript`, `cacheDir`. */
  export type Options = import("./frontends/bundlers/plugin").Options;
}
tsAsyncInit.default = tsAsyncInit;
export = tsAsyncInit;
