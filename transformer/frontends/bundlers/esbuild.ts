import { readFileSync } from "node:fs";
import type { EsbuildPlugin } from "unplugin";
import { mayNeedRewrite } from "../../core/tag";
import { LINE_BREAK } from "../lines";
import { esbuildLoweringSync, withLowering } from "./lowering";
import { badPluginOptions } from "./options";
import { esbuildLoaderMessage } from "./order";
import {
  bundlesNothing,
  createPlugin,
  createRewrite,
  type EsbuildLikeBuild,
  esbuildMessages,
  inLanguage,
  needsUnplugin,
  type Options,
  PLUGIN_NAME,
  servePlumbing,
  withPlumbingInlined,
} from "./plugin";
import { esbuildTarget } from "./target";

type Build = Parameters<EsbuildPlugin["setup"]>[0];
type OnLoadResult = { errors?: Message[]; warnings?: Message[] } | null | undefined;
type Message = { location?: { file?: string; line?: number; lineText?: string } | null };

/**
 * The plugin for esbuild. With the default include and exclude it needs nothing of
 * unplugin's adapter, so it is not loaded: the plumbing is served here, and the
 * plugin's own setup (createPlugin's `esbuild.setup`) hands TypeScript modules to its
 * loader, which gives each message its line of code. Options with an include or exclude
 * of their own (globs, which unplugin matches) go through unplugin's adapter and its
 * loader (withUnplugin). Bad options stay here: createPlugin's setup reports them when the build starts.
 */
export function esbuildPlugin(options?: Options): EsbuildPlugin {
  const plugin = needsUnplugin(options) ? withUnplugin(options) : withOwnLoader(options);
  return {
    name: plugin.name,
    setup(build: Build) {
      // Another plugin that loads .ts files itself may take them, or lose what it is for (./order.ts): said
      // as a warning where it may take only some (esbuild-plugin-tsc: those with decorators), an error where it takes all.
      const loader = esbuildLoaderMessage(build.initialOptions.plugins, plugin.name);
      if (loader) build.onStart(() => (loader.error ? { errors: [{ text: loader.text }] } : { warnings: [{ text: loader.text }] }));
      if (badPluginOptions(options).length === 0) rewriteStdin(build, options ?? {});
      return plugin.setup(build);
    },
  };
}

/**
 * esbuild hands no plugin the module of its `stdin` option: TypeScript there
 * (`stdin: { contents, loader: "ts" }`) is rewritten here, once, before the first build, and
 * its diagnostics are said at the start of every build; with an error, it is left as it is.
 * The options are the caller's own object: once esbuild has read them, their text is put
 * back, so that a second build with them starts from what the caller wrote.
 */
function rewriteStdin(build: Build, options: Options): void {
  const stdin = build.initialOptions.stdin;
  if (!stdin || typeof stdin.contents !== "string" || (stdin.loader !== "ts" && stdin.loader !== "tsx")) return;
  if (!mayNeedRewrite(stdin.contents)) return;
  const name = stdin.sourcefile ?? "<stdin>";
  const target = options.target ?? esbuildTarget(build.initialOptions);
  const result = createRewrite(options, "esbuild")(stdin.contents, inLanguage(name, stdin.loader), {
    target,
    loweredBy: esbuildLoweringSync(build),
    inlinePlumbing: bundlesNothing(build),
  });
  if ("noTypeScript" in result) {
    build.onStart(() => ({ errors: [{ text: result.noTypeScript }] }));
    return;
  }
  const written = stdin.contents;
  const said = esbuildMessages(result, name, written);
  if (said.errors.length === 0) stdin.contents = result.code;
  build.onStart(() => {
    stdin.contents = written;
    return result.diagnostics.length > 0 ? said : undefined;
  });
}

/** The plugin with its own loader of TypeScript modules (the default include and exclude). */
function withOwnLoader(options: Options | undefined): EsbuildPlugin {
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

/**
 * unplugin's esbuild adapter. esbuild prints the line of code under each error and
 * warning, if the plugin gives it; unplugin's loader gives the file, line and column
 * only, so its results get the line here (read from the file, as esbuild reads it).
 */
function withUnplugin(options: Options | undefined): EsbuildPlugin {
  const { unplugin } = require("./unplugin") as typeof import("./unplugin");
  return {
    name: PLUGIN_NAME,
    // Made for each build, which says whether esbuild lowers await using in it (TS46023).
    setup: (build) =>
      unplugin.esbuild(withPlumbingInlined(withLowering(options, esbuildLoweringSync(build)), bundlesNothing(build))).setup({
        ...build,
        onLoad: (filter, callback) => build.onLoad(filter, async (args) => withLineText(await callback(args))),
      }),
  };
}

/** Gives each message of an onLoad result that has a file and a line, but not its text, the text. */
function withLineText<T extends OnLoadResult>(result: T): T {
  const messages = [...(result?.errors ?? []), ...(result?.warnings ?? [])];
  for (const { location } of messages) {
    if (!location?.file || !location.line || location.lineText !== undefined) continue;
    try {
      location.lineText = readFileSync(location.file, "utf8").split(LINE_BREAK)[location.line - 1];
    } catch {
      // Not a file on disk: esbuild prints the location without the line.
    }
  }
  return result;
}
