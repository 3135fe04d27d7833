import type * as ts from "typescript";
import { checkSameTypeScript, checkTarget, checkTypeScript } from "./compatibility";
import { createDeclarationTransformer } from "./declarations";
import { createLanguageServicePlugin } from "./language-service";
import { readOptions } from "./options";
import { correctDiagnostics, isReported, SET_UP, transformProgram } from "./program";
import { createFileAnalysis } from "./program/fileAnalysis";
import { createTransformer } from "./transform";

/**
 * What ts-patch hands a `"transform"` plugin besides the program. Code that calls
 * the entry itself may pass `{ ts }` alone: diagnostics are then printed, and an
 * unsupported TypeScript is thrown as an error.
 */
interface Extras {
  ts: typeof import("typescript");
  addDiagnostic?(diagnostic: ts.Diagnostic): number;
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
 *   `program/index.ts` (checker errors, `.d.ts`, and the `before` transformer).
 * - tsserver, for `{ "name": "ts-async-init" }`: `({ typescript })`, returns
 *   the language-service plugin (`language-service/index.ts`).
 */
namespace tsAsyncInit {
  /** The plugin's options, as in its `tsconfig.json` entry. */
  export interface Options {
    /** The init method of classes tagged plain `@asyncInit`. Default `"init"`. */
    initMethod?: string;
    /** From ES2022 up, keep an instance's state in a private field of its class. Default `true`. */
    stateField?: boolean;
    /**
     * The TypeScript the program was made with, when it is not the one `require("typescript")`
     * finds from this package (another version, `ts-patch/compiler`, `@typescript/typescript6`).
     */
    typescript?: typeof import("typescript");
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
 * - Without one (`ts.transpileModule`), only `new X()` of a class tagged in the same
 *   file is awaited by `await using`; this plugin's checks are printed to the console.
 */
function tsAsyncInit(program?: ts.Program, options?: tsAsyncInit.Options): ts.TransformerFactory<ts.SourceFile>;
/** ts-patch, for `{ "transform": "ts-async-init" }`. */
function tsAsyncInit(program: ts.Program | undefined, config: Record<string, unknown> | undefined, extras: Extras): ts.TransformerFactory<ts.SourceFile>;
/** ts-patch, for `{ "transform": "ts-async-init", "transformProgram": true }`. */
function tsAsyncInit(program: ts.Program, host: ts.CompilerHost | undefined, config: Record<string, unknown>, extras: { ts: typeof import("typescript") }): ts.Program;
/** tsserver, for `{ "name": "ts-async-init" }`. */
function tsAsyncInit(modules: ServerModules): ts.server.PluginModule;
function tsAsyncInit(...args: unknown[]): unknown {
  const [first, second, third, fourth] = args;
  if (isServerModules(first)) {
    const unsupported = checkTypeScript(first.typescript);
    return unsupported ? createPassThroughPlugin(unsupported) : createLanguageServicePlugin(first.typescript);
  }
  if ((third as Record<string, unknown> | undefined)?.transformProgram === true) {
    return transformProgram(first as ts.Program, second as ts.CompilerHost | undefined, third as Record<string, unknown>, fourth as { ts: typeof import("typescript") });
  }
  return createBeforeTransformer(first as ts.Program | undefined, second as Record<string, unknown> | undefined, third as Extras | undefined);
}

function createBeforeTransformer(program: ts.Program | undefined, config?: Record<string, unknown>, extras?: Extras): ts.TransformerFactory<ts.SourceFile> {
  // The program transformer already runs the rewrite when this program is emitted: a second `transform` entry must not run it again.
  if (program && (program as { [SET_UP]?: true })[SET_UP]) return () => (sourceFile) => sourceFile;
  // Without ts-patch's extras (a tool's `getCustomTransformers`, your own emit): the TypeScript the caller names, or the one this package finds.
  const ts: typeof import("typescript") = extras?.ts ?? (config?.typescript as typeof import("typescript") | undefined) ?? require("typescript");
  const unsupported = checkTypeScript(ts) ?? (program && (checkSameTypeScript(ts, program) ?? checkTarget(ts, program.getCompilerOptions())));
  if (unsupported) return refuse(unsupported, extras);
  if (!extras && program) return createForProgram(ts, program, config);
  const addDiagnostic = extras?.addDiagnostic ? (d: ts.Diagnostic) => void extras.addDiagnostic!(d) : reportToConsole(ts);
  const options = readOptions(ts, config, addDiagnostic);
  const before = createTransformer({ ts, program, options, addDiagnostic });
  if (!program) return before;
  return withDeclarations(ts, before, createDeclarationTransformer(ts, createFileAnalysis(ts, program, options)));
}

/**
 * Called by hand with a program (`getCustomTransformers: (program) => …`, or your
 * own `program.emit`), this also corrects that program's diagnostics in place
 * (`correctDiagnostics`), as the program transformer does: no untrue TS2851, and
 * this plugin's checks among the checker's. So the tool, or you, must ask the same
 * program for its diagnostics; they are not printed here again. Only what they
 * cannot hold (a failure of the transformer itself) goes to the console.
 */
function createForProgram(ts: typeof import("typescript"), program: ts.Program, config?: Record<string, unknown>): ts.TransformerFactory<ts.SourceFile> {
  const optionDiagnostics: ts.Diagnostic[] = [];
  const options = readOptions(ts, config, (d) => optionDiagnostics.push(d));
  const analyze = correctDiagnostics(ts, program, options, optionDiagnostics);
  const print = reportToConsole(ts);
  const before = createTransformer({ ts, program, options, addDiagnostic: (d) => isReported(analyze, d) || print(d) });
  return withDeclarations(ts, before, createDeclarationTransformer(ts, analyze));
}

/** The same function also serves an `"afterDeclarations": true` entry (ts-patch says nothing about the kind): it then gets `.d.ts` output. */
function withDeclarations(
  ts: typeof import("typescript"),
  before: ts.TransformerFactory<ts.SourceFile>,
  declarations: ts.TransformerFactory<ts.SourceFile | ts.Bundle>,
): ts.TransformerFactory<ts.SourceFile> {
  return (context) => {
    const [code, types] = [before(context), declarations(context)];
    return (file) => (ts.isBundle(file) || file.isDeclarationFile ? (types(file) as ts.SourceFile) : code(file));
  };
}

/**
 * An unsupported TypeScript or target: ts-patch reports the error (the build fails
 * with it, and emits nothing rewritten); a caller without ts-patch gets it thrown.
 */
function refuse(diagnostic: ts.Diagnostic, extras: Extras | undefined): ts.TransformerFactory<ts.SourceFile> {
  const text = `error TS${diagnostic.code}: ${diagnostic.messageText as string}`;
  if (!extras?.addDiagnostic) throw new Error(text);
  extras.addDiagnostic(diagnostic);
  return () => (sourceFile) => sourceFile;
}

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

/** Outside ts-patch nobody collects diagnostics: print them as tsc would. */
function reportToConsole(ts: typeof import("typescript")) {
  const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" };
  return (diagnostic: ts.Diagnostic) => console.error(ts.formatDiagnostic(diagnostic, host).trimEnd());
}

export = tsAsyncInit;
