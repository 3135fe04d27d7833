import type { RolldownPlugin, RollupPlugin, VitePlugin } from "unplugin";
import { buildId } from "../buildId";
import { hash } from "../hash";
import { createPlugin, needsUnplugin, type Options, PLUGIN_NAME } from "./plugin";

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
  const plugin = needsUnplugin(options) ? viaUnplugin(options, framework) : ownPlugin(options, framework);
  return framework === "vite" ? withViteHooks(plugin as VitePlugin, options) : plugin;
}

function viaUnplugin<F extends RollupFamily>(options: Options | undefined, framework: F): Plugins[F] {
  const { unplugin } = require("./unplugin") as typeof import("./unplugin");
  return unplugin[framework](options) as Plugins[F];
}

function ownPlugin<F extends RollupFamily>(options: Options | undefined, framework: F): Plugins[F] {
  const { vite, rolldown, rollup, webpack, esbuild, ...plugin } = createPlugin(options, framework);
  return { ...plugin, ...{ vite, rolldown, rollup }[framework] } as Plugins[F];
}

/**
 * The Vite plugin, which also hands Vite's dependency optimizer (Rolldown, in the dev
 * server) a Rolldown plugin with the same options: a dependency it pre-bundles from
 * TypeScript sources (a linked workspace package in `optimizeDeps.include`) is rewritten
 * there, as `vite build` rewrites it. Each environment has an optimizer of its own (the
 * browser's, from `optimizeDeps`; SSR's, from `ssr.optimizeDeps`, which vitest's
 * `deps.optimizer.ssr` sets; any other's, from `environments`), so each gets the plugin.
 * It also gives vitest's cache of transformed modules the options in its key.
 *
 *     optimizeDeps: { include: ["@my/lib"] }   // @my/lib → ../packages/lib/src/index.ts
 *       before: /node_modules/.vite/deps/@my_lib.js holds the tagged class as written
 *       after:  it holds the class rewritten (and the plumbing once)
 */
function withViteHooks<F extends RollupFamily>(plugin: VitePlugin, options: Options | undefined): Plugins[F] {
  // Vite keeps what it pre-bundled until the hash of its config changes, and hashes the optimizer's plugins by their
  // names alone: the name carries the options and this package's build, so that other options bundle the dependency again.
  const key = optionsHash(options);
  const optimizer = { ...rollupPlugin(options, "rolldown"), name: `${PLUGIN_NAME}:deps-${key}` };
  return {
    ...plugin,
    configEnvironment: () => ({ optimizeDeps: { rolldownOptions: { plugins: [optimizer] } } }),
    // vitest's cache of transformed modules (experimental.fsModuleCache) hashes the config file's text: options
    // that come from elsewhere (an environment variable) or another build of this package must be in its key too.
    configureVitest: (vitest: { experimental_defineCacheKeyGenerator?: (key: () => string) => void }) =>
      vitest.experimental_defineCacheKeyGenerator?.(() => `${PLUGIN_NAME}-${key}`),
  } as Plugins[F];
}

/**
 * The options (TypeScript by its version, patterns and functions by their text) and this package's build, hashed.
 * Options that are no JSON (`5n`, an object that holds itself) are bad ones, which the build reports when it starts.
 */
function optionsHash(options: Options | undefined): string {
  try {
    const described = JSON.stringify([buildId(), options ?? {}], (key, value: unknown) => {
      if (key === "typescript" && value) return `typescript ${(value as { version?: unknown }).version}`;
      return typeof value === "function" || value instanceof RegExp ? String(value) : value;
    });
    return hash(described, 8);
  } catch {
    return "bad-options";
  }
}
