/**
 * Which bundler lowers `await using` in what it builds, and so lowers it wrongly in a
 * loop that catches its errors (TS46023, ../../core/loweredLoops.ts): esbuild for its
 * target, asked of esbuild itself; Bun.build for any target but `"bun"`. Vite, Rolldown,
 * Rollup, webpack and Rspack lower it right, or leave it to another tool.
 */

/** The key, among the options handed to createPlugin, of the tool that lowers `await using` (set by the esbuild and Bun entries, never by a user). */
const LOWERED_BY = Symbol("ts-async-init.awaitUsingLoweredBy");

/** The user's options, with the tool that lowers `await using` in this build (or none), for createPlugin. */
export function withLowering<T extends object>(options: T | undefined, lowering: string | undefined): T {
  return { ...options, [LOWERED_BY]: lowering } as T;
}

/** The tool that lowers `await using`, as withLowering put it among the options. */
export const loweringOf = (options: object): string | undefined => (options as { [LOWERED_BY]?: string })[LOWERED_BY];

/** What esbuild's plugin API gives of itself: its options, and its own API. */
export interface EsbuildBuildOptions {
  initialOptions: { target?: unknown; supported?: unknown };
  esbuild?: {
    transform(code: string, options: object): Promise<{ code: string }>;
    transformSync(code: string, options: object): { code: string };
  };
}

const PROBE = "async function f(y) { await using x = y; }";

const probeOptions = (build: EsbuildBuildOptions) => ({ target: build.initialOptions.target, supported: build.initialOptions.supported, loader: "js" });

/** "esbuild" when this build lowers `await using`; asked once a build, through esbuild's service. */
export async function esbuildLowering(build: EsbuildBuildOptions): Promise<string | undefined> {
  if (!build.esbuild) return undefined;
  try {
    return named((await build.esbuild.transform(PROBE, probeOptions(build))).code);
  } catch {
    return undefined; // not known (a target with no async functions, es5, where a build with await using fails anyway)
  }
}

/** esbuildLowering, where the answer is needed before the build starts (the options of unplugin's adapter, `stdin`). */
export function esbuildLoweringSync(build: EsbuildBuildOptions): string | undefined {
  if (!build.esbuild) return undefined;
  try {
    return named(build.esbuild.transformSync(PROBE, probeOptions(build)).code);
  } catch {
    return undefined; // not known (esbuild-wasm in a browser has no transformSync)
  }
}

const named = (output: string): string | undefined => (output.includes("await using") ? undefined : "esbuild");

/** Bun.build lowers `await using` for every target but Bun itself. */
export const bunLowering = (config: { target?: unknown }): string | undefined => (config.target === "bun" ? undefined : "Bun");
