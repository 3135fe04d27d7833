import type { EsbuildPlugin } from "unplugin";
import { createPlugin, type EsbuildLikeBuild, type Options, servePlumbing, usesDefaultFilters } from "./plugin";

type Build = Parameters<EsbuildPlugin["setup"]>[0];

/**
 * The plugin for esbuild. With the default include and exclude it needs nothing of
 * unplugin's adapter, so it is not loaded: the plumbing is served here, and the
 * plugin's own setup (createPlugin's `esbuild.setup`) hands TypeScript modules to its
 * loader. Options with an include or exclude of their own (globs, which unplugin matches)
 * go through unplugin's adapter and its loader.
 */
export function esbuildPlugin(options?: Options): EsbuildPlugin {
  if (!usesDefaultFilters(options)) {
    const { unplugin } = require("./unplugin") as typeof import("./unplugin");
    return unplugin.esbuild(options);
  }
  const { name, esbuild } = createPlugin(options, "esbuild");
  return {
    name,
    setup(build: Build) {
      esbuild?.config?.call(undefined as never, build.initialOptions);
      servePlumbing(build as unknown as EsbuildLikeBuild);
      return esbuild?.setup?.(build);
    },
  };
}
