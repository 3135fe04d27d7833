import { Diagnostics } from "./core/diagnostics";
import { refuseMisuse, refuseUncalled } from "./frontends/bundlers/misuse";
import type { ApplyPlugin, Options } from "./frontends/bundlers/types";
import * as Types from "./frontends/bundlers/types";
import { unplugin } from "./frontends/bundlers/unplugin";
import { failWith } from "./frontends/fail";

/**
 * `ts-async-init/rspack`: the plugin for Rspack, in the `plugins` of `rspack.config.js`:
 *
 *     const tsAsyncInit = require("ts-async-init/rspack");
 *     module.exports = { plugins: [tsAsyncInit()], … };
 *
 * The same function is `module.exports` and its `default`, so that `import`, `require()`
 * and TypeScript's default import all give it (see frontends/bundlers/plugin.ts).
 */
function tsAsyncInit(options?: Options): ApplyPlugin {
  refuseMisuse(options, "ts-async-init/rspack");
  const plugin: ApplyPlugin = unplugin.rspack(options);
  return {
    // webpack takes the plugin too, and would fail inside it (Rspack's compiler has `rspack`, webpack's has not).
    apply(compiler) {
      if (!(compiler as { rspack?: unknown }).rspack) failWith(`error TS46010: ${Diagnostics.rspackEntryInWebpack.text()}`);
      plugin.apply(compiler);
    },
  };
}
namespace tsAsyncInit {
  /** The plugin's options: `initMethod`, `stateField`, `target`, `include`, `exclude`, `typescript`, `cacheDir`. */
  export type Options = import("./frontends/bundlers/types").Options;
  /** What it returns, a plugin that Rspack takes: named here, so that a config's declaration (`declaration`, `composite`) can name it. */
  export import Plugin = Types.ApplyPlugin;
}
tsAsyncInit.default = tsAsyncInit;
refuseUncalled(tsAsyncInit, "ts-async-init/rspack");
export = tsAsyncInit;
