import type { BunPlugin } from "unplugin";
import { type Options, unplugin } from "./frontends/bundlers/plugin";

/**
 * `ts-async-init/bun`: the plugin for Bun, in the `plugins` of `Bun.build()`:
 *
 *     import tsAsyncInit from "ts-async-init/bun";
 *     await Bun.build({ entrypoints: ["src/index.ts"], plugins: [tsAsyncInit()] });
 *
 * The same function is `module.exports` and its `default`, so that `import`, `require()`
 * and TypeScript's default import all give it (see frontends/bundlers/plugin.ts).
 */
function tsAsyncInit(options?: Options): BunPlugin {
  return unplugin.bun(options);
}
namespace tsAsyncInit {
  /** The plugin's options: `initMethod`, `stateField`, `target`, `include`, `exclude`, `typescript`. */
  export type Options = import("./frontends/bundlers/plugin").Options;
}
tsAsyncInit.default = tsAsyncInit;
export = tsAsyncInit;
