/**
 * The types of the bundler plugins' entries (`ts-async-init/vite`, `/esbuild`…), in a file
 * of their own that imports nothing: a project that type-checks its `vite.config.ts` (with
 * `skipLibCheck` off) reads these and no other package's, not unplugin's, whose types name
 * every bundler it supports (`@farmfe/core`, `@rsbuild/core`, `webpack`, `bun`…).
 *
 * What each entry returns is typed by the part that the bundler's own type requires,
 * so that it goes where the bundler takes a plugin (`plugins: [tsAsyncInit()]`) whatever
 * its version; the hooks are there at run time, not in the type.
 */

/**
 * A TypeScript module, as `require("typescript")` gives it: typed by what every version has, so
 * that another version than the one installed (`@typescript/typescript6` next to TypeScript 7,
 * a tool's own copy) type-checks; what it is, is checked when it is used (TS46006, TS46009).
 */
export interface TypeScriptModule {
  readonly version: string;
}

/** Module ids, as the bundler matches them: a string (a glob), a regular expression, or a list of them. */
export type FilterPattern = Array<string | RegExp> | string | RegExp | null;

export interface Options {
  /** The init method of classes tagged plain `@asyncInit` (default `init`). */
  initMethod?: string | undefined;
  /** Let tagged classes keep their state in a private field (default true; only from ES2022 up). */
  stateField?: boolean | undefined;
  /**
   * The language level of the bundle (`"ES2020"`, `"ES2022"`, `"ESNext"`…). Default: the bundler's
   * own target (Vite's `build.target`, esbuild's `target`): an ECMAScript version, or the
   * ECMAScript version of the engines it names (`node20`, `chrome100`), else ESNext.
   * It only decides where tagged instances keep their state: a private field (ES2022 up)
   * or a WeakMap (below); the bundler lowers the rest of the code to its own target as usual.
   */
  target?: string | undefined;
  /** The modules to rewrite (ids, as strings or regular expressions). Default: `.ts`, `.tsx`, `.mts`, `.cts`. */
  include?: FilterPattern | undefined;
  /** The modules left alone. Default: declaration files (`.d.ts`); TypeScript under `node_modules` is rewritten, as the bundler compiles it as your own. */
  exclude?: FilterPattern | undefined;
  /** The TypeScript to parse with (only its parser is used). Default: `typescript` (5.2 to 6.x), or `@typescript/typescript6` next to TypeScript 7. */
  typescript?: TypeScriptModule | undefined;
  /**
   * Where rewritten modules are kept between builds (frontends/cache.ts). Default:
   * `node_modules/.cache/ts-async-init` of the nearest folder up from the working
   * directory that has a node_modules; `false`: nothing is kept.
   */
  cacheDir?: string | false | undefined;
}

/** A plugin for Vite, Rolldown or Rollup. */
export interface RollupLikePlugin {
  name: string;
}

/** A plugin for esbuild (`build({ plugins })`) or Bun (`Bun.build({ plugins })`, `Bun.plugin()`). */
export interface SetupPlugin {
  name: string;
  setup(build: unknown): void | Promise<void>;
}

/** A plugin for webpack or Rspack (`plugins: [tsAsyncInit()]`). */
export interface ApplyPlugin {
  apply(compiler: unknown): void;
}
