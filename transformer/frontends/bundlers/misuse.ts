import { Diagnostics } from "../../core/diagnostics";
import { failWith } from "../fail";
import { givePluginHooksThatFail, giveTsJestFactoryThatFails, isBundlerCompiler, isProgram } from "../misuse";

/**
 * Fails at once when a bundler's entry is called by something other than the user's
 * config: ts-patch calls a `tsconfig.json` plugins entry with the program, webpack and
 * Rspack call a function among their plugins with the compiler (`plugins: [tsAsyncInit]`,
 * uncalled). Either way no bundler would ever start the plugin to report it: the build went
 * on without the rewrite, and without a word.
 *
 *     { "transform": "ts-async-init/vite" }
 *       → error TS46010: ts-async-init/vite is a bundler's plugin, and was loaded as a TypeScript transformer …
 *     plugins: [tsAsyncInit]   (webpack)
 *       → error TS46010: ts-async-init/webpack makes the bundler's plugin, and was handed to the bundler itself, uncalled …
 */
export function refuseMisuse(options: unknown, entry: string): void {
  if (isProgram(options)) failWith(`error TS46010: ${Diagnostics.bundlerEntryAsTransformer.text(entry)}`);
  if (isBundlerCompiler(options)) failWith(notCalled(entry));
}

/**
 * `plugins: [tsAsyncInit]`, uncalled, in Vite, Rolldown, Rollup or Bun: see givePluginHooksThatFail.
 */
export function refuseUncalled(entryFunction: object, entry: string): void {
  givePluginHooksThatFail(entryFunction, notCalled(entry));
  giveTsJestFactoryThatFails(entryFunction, entry);
}

/** A bundler's entry handed over uncalled: TS46010, "call it". */
const notCalled = (entry: string) => `error TS46010: ${Diagnostics.bundlerEntryNotCalled.text(entry)}`;
