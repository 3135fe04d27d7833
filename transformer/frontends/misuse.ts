import { Diagnostics } from "../core/diagnostics";
import { isRecord } from "../core/options";
import { failWith } from "./fail";

/**
 * What a tool hands an entry of this package, told apart when the entry was put in the
 * wrong place: the main entry (a TypeScript transformer) and the bundlers' entries each
 * fail with what to write instead (TS46010).
 */

/** A program, as ts-patch hands it to a `tsconfig.json` plugins entry, and a tool's transformers option. */
export const isProgram = (value: unknown): boolean => isRecord(value) && typeof value.getSourceFiles === "function";

/**
 * A webpack or Rspack compiler: each calls a function among its plugins with it
 * (`plugins: [tsAsyncInit]`, uncalled), and leaves what the function returns unused.
 */
export const isBundlerCompiler = (value: unknown): boolean => isRecord(value) && "hooks" in value && "options" in value;

/**
 * Gives an entry's function the hooks that Vite, Rolldown, Rollup and Bun call first, each
 * failing with `message`: these bundlers take a function among their plugins for a plugin
 * object with no hooks (`plugins: [tsAsyncInit]`, uncalled, or the main entry where a
 * bundler's belongs), and built without the rewrite, without a word.
 *
 *     before: plugins: [tsAsyncInit]  → a bundle with every tagged class as written, exit 0
 *     after:  plugins: [tsAsyncInit]  → error TS46010: ts-async-init/vite makes the bundler's plugin, … Call it
 *
 * The hooks are not enumerable, and not in the entry's type: the entry is still called as usual.
 */
export function givePluginHooksThatFail(entryFunction: object, message: string): void {
  const fail = () => failWith(message);
  // config: Vite's first hook (build, dev server, vitest); options: Rollup's and Rolldown's;
  // buildStart: every Rollup-like bundler's; setup: Bun's (esbuild refuses a function itself).
  for (const hook of ["config", "options", "buildStart", "setup"]) Object.defineProperty(entryFunction, hook, { value: fail });
}

/**
 * Gives an entry's function what ts-jest reads from a module named in its `astTransformers`
 * (a `version`, and the `factory` it calls), failing with what to name there instead:
 *
 *     before: astTransformers: { before: ["ts-async-init"] }  → TypeError: beforeTransformer.factory is not a function
 *     after:                                                → error TS46010: … Name it there: … ["ts-async-init/ts-jest"]
 */
export function giveTsJestFactoryThatFails(entryFunction: object, entry: string): void {
  const message = `error TS46010: ${Diagnostics.notTsJestTransformer.text(entry)}`;
  // Enumerable: ts-jest spreads the module of the `{ path, options }` form (`{ ...require(path), options }`).
  Object.defineProperty(entryFunction, "version", { value: "0", enumerable: true });
  Object.defineProperty(entryFunction, "factory", { value: () => failWith(message), enumerable: true });
}
