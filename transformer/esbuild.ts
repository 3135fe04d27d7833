import { readFileSync } from "node:fs";
import type { EsbuildPlugin } from "unplugin";
import { esbuildPlugin } from "./frontends/bundlers/esbuild";
import type { Options } from "./frontends/bundlers/plugin";

type OnLoadResult = { errors?: Message[]; warnings?: Message[] } | null | undefined;
type Message = { location?: { file?: string; line?: number; lineText?: string } | null };

/**
 * `ts-async-init/esbuild`: the plugin for esbuild, in the `plugins` of `build()`:
 *
 *     import tsAsyncInit from "ts-async-init/esbuild";
 *     await build({ entryPoints: ["src/index.ts"], bundle: true, plugins: [tsAsyncInit()] });
 *
 * esbuild prints the line of code under each error and warning, if the plugin gives
 * it. The plugin's own loader does; with an include or exclude of the user's, unplugin's
 * loader hands esbuild the file, line and column only, so this entry adds the line
 * (read from the file, as esbuild reads it).
 *
 * The same function is `module.exports` and its `default`, so that `import`, `require()`
 * and TypeScript's default import all give it (see frontends/bundlers/plugin.ts).
 */
function tsAsyncInit(options?: Options): EsbuildPlugin {
  const plugin = esbuildPlugin(options);
  return {
    name: plugin.name,
    setup: (build) =>
      plugin.setup({
        ...build,
        onLoad: (filter, callback) => build.onLoad(filter, async (args) => withLineText(await callback(args))),
      }),
  };
}
namespace tsAsyncInit {
  /** The plugin's options: `initMethod`, `stateField`, `target`, `include`, `exclude`, `typescript`, `cacheDir`. */
  export type Options = import("./frontends/bundlers/plugin").Options;
}
tsAsyncInit.default = tsAsyncInit;
export = tsAsyncInit;

/** Gives each message of an onLoad result that has a file and a line, but not its text, the text. */
function withLineText<T extends OnLoadResult>(result: T): T {
  const messages = [...(result?.errors ?? []), ...(result?.warnings ?? [])];
  for (const { location } of messages) {
    if (!location?.file || !location.line || location.lineText !== undefined) continue;
    try {
      location.lineText = readFileSync(location.file, "utf8").split(/\r?\n/)[location.line - 1];
    } catch {
      // Not a file on disk: esbuild prints the location without the line.
    }
  }
  return result;
}
