import { createUnplugin, type UnpluginInstance } from "unplugin";
import { createPlugin, type Options } from "./plugin";

/**
 * The plugin through unplugin's adapters: webpack, Rspack and Bun always; Vite, Rolldown,
 * Rollup and esbuild when the options name an include or exclude of their own (string
 * patterns are globs, which unplugin matches as these bundlers do).
 */
export const unplugin: UnpluginInstance<Options | undefined, false> = createUnplugin<Options | undefined, false>((options, meta) =>
  createPlugin(options, meta.framework),
);
