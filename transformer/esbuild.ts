import type { EsbuildPlugin } from "unplugin";
import { esbuildPlugin } from "./frontends/bundlers/esbuild";
import type { Options } from "./frontends/bundlers/plugin";

/**
 * `ts-async-init/esbuild`: the plugin for esbuild, in the `plugins` of `build()`:
 *
 *     import tsAsyncInit from "ts-async-init/esbuild";
 *     await build({ entryPoints: ["src/index.ts"], bundle: true, plugins: [tsAsyncInit()] });
 *
 * The same function is `module.exports` and its `default`, so that `import`, `require()`
 * and TypeScript's default import all give it (see frontends/bundlers/plugin.ts).
 */
function tsAsyncInit(options?: Options): EsbuildPlugin {
  return esbuildPlugin(options);
}
namespace tsAsyncInit {
  /** The plugin's options: `initMethod`, `stateField`, `target`, `include`, `exclude`, `typescript`, `cacheDir`. */
  export type Options = import("./frontends/bundlers/plugin").Options;
}
tsAsyncInit.default = tsAsyncInit;
export = tsAsyncInit;
