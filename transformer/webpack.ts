import { refuseMisuse, refuseUncalled } from "./frontends/bundlers/misuse";
import type { ApplyPlugin, Options } from "./frontends/bundlers/types";
import * as Types from "./frontends/bundlers/types";
import { unplugin } from "./frontends/bundlers/unplugin";

/**
 * `ts-async-init/webpack`: the plugin for webpack, in the `plugins` of `webpack.config.js`:
 *
 *     const tsAsyncInit = require("ts-async-init/webpack");
 *     module.exports = { plugins: [tsAsyncInit()], … };
 *
 * The same function is `module.exports` and its `default`, so that `import`, `require()`
 * and TypeScript's default import all give it (see frontends/bundlers/plugin.ts).
 */
function tsAsyncInit(options?: Options): ApplyPlugin {
  refuseMisuse(options, "ts-async-init/webpack");
  return unplugin.webpack(options);
}
namespace tsAsyncInit {
  /** The plugin's options: `initMethod`, `stateField`, `target`, `include`, `exclude`, `typescript`, `cacheDir`. */
  export type Options = import("./frontends/bundlers/types").Options;
  /** What it returns, a plugin that webpack takes: named here, so that a config's declaration (`declaration`, `composite`) can name it. */
  export import Plugin = Types.ApplyPlugin;
}
tsAsyncInit.default = tsAsyncInit;
refuseUncalled(tsAsyncInit, "ts-async-init/webpack");
export = tsAsyncInit;
