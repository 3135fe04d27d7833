import type * as ts from "typescript";
import { checkTypeScript } from "./core/compatibility";
import { Diagnostics } from "./core/diagnostics";
import type { TypeScriptModule } from "./frontends/bundlers/types";
import { failWith } from "./frontends/fail";
import { givePluginHooksThatFail, giveTsJestFactoryThatFails, isBundlerCompiler, isProgram } from "./frontends/misuse";
import { createBeforeTransformer, type Extras } from "./frontends/tspatch/before";
import { transformProgram } from "./frontends/tspatch/program";
import { createLanguageServicePlugin } from "./frontends/tsserver";

/**
 * What tsserver takes from a plugin's module, `ts.server.PluginModule`, by its shape: TypeScript
 * 5.2's typescript.d.ts declares no `ts.server.PluginModule`, and this file's declaration must check with it too.
 */
interface EditorPlugin {
  create(...args: never[]): unknown;
}

/** What tsserver hands a language-service plugin. */
interface ServerModules {
  typescript: typeof import("typescript");
}

/**
 * The one entry point of the package; who calls it decides what it returns.
 *
 * - you, or a tool's `getCustomTransformers` / `transformers` option:
 *   `(program?, options?)`, returns the `before` transformer (see the first overload).
 * - ts-patch, for `{ "transform": "ts-async-init" }`: `(program, config, extras)`,
 *   returns the `before` transformer. All TypeScript calls go through `extras.ts`.
 * - ts-patch, for `{ "transform": "ts-async-init", "transformProgram": true }`:
 *   `(program, host, config, { ts })`, returns the program set up by
 *   `frontends/tspatch/program.ts` (checker errors, `.d.ts`, and the `before` transformer).
 * - tsserver, for `{ "name": "ts-async-init" }`: `({ typescript })`, returns
 *   the language-service plugin (`frontends/tsserver`).
 *
 * Each front end lives in `frontends/`; this file only tells the call shapes apart.
 */
namespace tsAsyncInit {
  /** The plugin's options, as in its `tsconfig.json` entry. */
  export interface Options {
    /** The init method of classes tagged plain `@asyncInit`. Default `"init"`. */
    initMethod?: string | undefined;
    /** From ES2022 up, keep an instance's state in a private field of its class. Default `true`. */
    stateField?: boolean | undefined;
    /**
     * The TypeScript the program was made with, when it is not the one `require("typescript")`
     * finds from this package (another version, `ts-patch/compiler`, `@typescript/typescript6`).
     */
    typescript?: TypeScriptModule | undefined;
  }
}

/**
 * The `before` transformer, for your own `program.emit` or a tool's option:
 *
 *     getCustomTransformers: (program) => ({ before: [tsAsyncInit(program)] })
 *
 * - With a program, `await using` of any value whose type is a tagged class (same
 *   module or imported, `new` or a factory) is awaited on entry, and the program's
 *   own diagnostics are corrected in place: no untrue TS2851 on `await using`, and
 *   this plugin's checks (TS46001…) among the checker's. Ask that same program for
 *   its diagnostics, after this call.
 * - Without one (`ts.transpileModule`), each `await using` value is tested when it
 *   runs and awaited only if it is a tagged instance; this plugin's checks are printed to the console.
 */
function tsAsyncInit(program?: ts.Program, options?: tsAsyncInit.Options): ts.TransformerFactory<ts.SourceFile>;
/** ts-patch, for `{ "transform": "ts-async-init" }`. */
function tsAsyncInit(program: ts.Program | undefined, config: Record<string, unknown> | undefined, extras: Extras): ts.TransformerFactory<ts.SourceFile>;
/** ts-patch, for `{ "transform": "ts-async-init", "transformProgram": true }`. */
function tsAsyncInit(
  program: ts.Program,
  host: ts.CompilerHost | undefined,
  config: Record<string, unknown>,
  extras: { ts: typeof import("typescript") },
): ts.Program;
/** tsserver, for `{ "name": "ts-async-init" }`. */
function tsAsyncInit(modules: ServerModules): EditorPlugin;
function tsAsyncInit(...args: unknown[]): unknown {
  const [first, second, third, fourth] = args;
  if (isServerModules(first)) {
    const unsupported = checkTypeScript(first.typescript);
    return unsupported ? createPassThroughPlugin(unsupported) : createLanguageServicePlugin(first.typescript);
  }
  if (first !== undefined && first !== null && !isProgram(first)) failWith(misused(wrongFirstArgument(first)));
  if ((third as Record<string, unknown> | undefined)?.transformProgram === true) {
    return transformProgram(
      first as ts.Program,
      second as ts.CompilerHost | undefined,
      third as Record<string, unknown>,
      fourth as { ts: typeof import("typescript") },
    );
  }
  return onlyForTypeScript(
    createBeforeTransformer(first as ts.Program | undefined, second as Record<string, unknown> | undefined, third as Extras | undefined),
  );
}

/**
 * The transformer, failing with what to write when something other than TypeScript calls
 * it: Vite takes a function among its plugins for one with an `apply` (every function has
 * one), and calls it; Rollup and Rolldown call a plugin's hooks.
 */
function onlyForTypeScript(factory: ts.TransformerFactory<ts.SourceFile>): ts.TransformerFactory<ts.SourceFile> {
  const transformer: ts.TransformerFactory<ts.SourceFile> = (context) => {
    if (typeof (context as Partial<ts.TransformationContext> | undefined)?.getCompilerOptions !== "function") {
      failWith(notABundlerPlugin());
    }
    return factory(context);
  };
  // Rollup and Rolldown take it for a plugin too (`plugins: [tsAsyncInit()]`): a name, which they would
  // otherwise assign (and fail to: a function's is read-only), and the hooks they call first.
  Object.defineProperty(transformer, "name", { value: "ts-async-init (the TypeScript transformer)" });
  givePluginHooksThatFail(transformer, notABundlerPlugin());
  return transformer;
}

/**
 * What was handed instead of a program: TypeScript's context (the entry itself given as
 * the transformer), a bundler's compiler (webpack calls each of its plugins with it), or options.
 */
function wrongFirstArgument(first: unknown): string {
  if (isTransformationContext(first)) return Diagnostics.entryNotCalled.text();
  return isBundlerCompiler(first) ? Diagnostics.entryNotBundlerPlugin.text() : Diagnostics.entryOptionsFirst.text(first);
}

/**
 * `node --import ts-async-init app.ts` (or `-r`, or in NODE_OPTIONS): this entry rewrites
 * nothing that Node loads; `ts-async-init/register` does. Said before the app runs as written.
 */
function refusePreload(): void {
  const words = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  const preloaded = words.some(
    (word, i) => /^--(import|require)=ts-async-init$/.test(word) || (["--import", "--require", "-r"].includes(word) && words[i + 1] === "ts-async-init"),
  );
  if (preloaded) failWith(misused(Diagnostics.entryPreloaded.text()));
}

const misused = (text: string) => `error TS46010: ${text}`;

/** The main entry used as a bundler's plugin: TS46010 with the entries to use instead. */
const notABundlerPlugin = () => misused(Diagnostics.entryNotBundlerPlugin.text());

/** What TypeScript hands a transformer factory. */
const isTransformationContext = (value: unknown): value is ts.TransformationContext =>
  typeof value === "object" && value !== null && typeof (value as Partial<ts.TransformationContext>).startLexicalEnvironment === "function";

/** The editor plugin on an unsupported TypeScript: says why in tsserver's log, and changes nothing. */
function createPassThroughPlugin(unsupported: ts.Diagnostic): ts.server.PluginModule {
  return {
    create(info) {
      info.project.projectService.logger.info(`[ts-async-init] ${unsupported.messageText as string}`);
      return info.languageService;
    },
  };
}

/** tsserver calls a plugin with `{ typescript }` only; ts-patch never does. */
function isServerModules(value: unknown): value is ServerModules {
  return typeof value === "object" && value !== null && "typescript" in value && !("getTypeChecker" in value);
}

refusePreload();
// Vite, Rolldown, Rollup and Bun take this function itself for a plugin with no hooks.
givePluginHooksThatFail(tsAsyncInit, notABundlerPlugin());
giveTsJestFactoryThatFails(tsAsyncInit, "ts-async-init");

export = tsAsyncInit;
