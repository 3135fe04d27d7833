import type { RolldownPlugin, RollupPlugin, VitePlugin } from "unplugin";
import { createPlugin, needsUnplugin, type Options } from "./plugin";

/** The bundlers whose plugins follow Rollup's plugin API. */
type RollupFamily = "vite" | "rolldown" | "rollup";
interface Plugins {
  vite: VitePlugin;
  rolldown: RolldownPlugin;
  rollup: RollupPlugin;
}

/**
 * The plugin for Vite, Rolldown or Rollup. Their plugins are objects of the shape that
 * createPlugin makes (name, hooks with filters, `this.error` and `this.warn` of their own),
 * so the plugin is handed over as it is, with its part for that bundler (`vite: {…}`)
 * merged in, and unplugin is not loaded:
 *
 *     createPlugin(options, "vite")   // { name, enforce, resolveId, load, transform, vite: { configResolved } }
 *     rollupPlugin(options, "vite")   // { name, enforce, resolveId, load, transform, configResolved }
 *
 * The hooks' filters are evaluated by the bundler (Rolldown, Vite, Rollup 4.40+); where it
 * does not, the hooks check the default include and exclude themselves. Options with an
 * include or exclude of their own (globs, which unplugin matches as these bundlers do) go
 * through unplugin's adapter instead; bad options do not (createPlugin reports them at the build's start).
 */
export function rollupPlugin<F extends RollupFamily>(options: Options | undefined, framework: F): Plugins[F] {
  if (needsUnplugin(options)) {
    const { unplugin } = require("./unplugin") as typeof import("./unplugin");
    return unplugin[framework](options) as Plugins[F];
  }
  const { vite, rolldown, rollup, webpack, esbuild, ...plugin } = createPlugin(options, framework);
  return { ...plugin, ...{ vite, rolldown, rollup }[framework] } as Plugins[F];
}
