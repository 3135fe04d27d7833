import type * as ts from "typescript";
import { checkTarget, checkTypeScript } from "./compatibility";
import { createDeclarationTransformer } from "./declarations";
import { createLanguageServicePlugin } from "./language-service";
import { readOptions } from "./options";
import { SET_UP, transformProgram } from "./program";
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
 * - ts-patch, for `{ "transform": "ts-async-init" }`: `(program, config, extras)`,
 *   returns the `before` transformer. All TypeScript calls go through `extras.ts`.
 * - ts-patch, for `{ "transform": "ts-async-init", "transformProgram": true }`:
 *   `(program, host, config, { ts })`, returns the program set up by
 *   `program/index.ts` (checker errors, `.d.ts`, and the `before` transformer).
 * - tsserver, for `{ "name": "ts-async-init" }`: `({ typescript })`, returns
 *   the language-service plugin (`language-service/index.ts`).
 */
function tsAsyncInit(modules: ServerModules): ts.server.PluginModule;
function tsAsyncInit(program: ts.Program, host: ts.CompilerHost | undefined, config: Record<string, unknown>, extras: { ts: typeof import("typescript") }): ts.Program;
function tsAsyncInit(program: ts.Program | undefined, config?: Record<string, unknown>, extras?: Extras): ts.TransformerFactory<ts.SourceFile>;
function tsAsyncInit(...args: unknown[]): unknown {
  const [first, second, third, fourth] = args;
  if (isServerModules(first)) return checkTypeScript(first.typescript) ? createPassThroughPlugin(first.typescript) : createLanguageServicePlugin(first.typescript);
  if ((third as Record<string, unknown> | undefined)?.transformProgram === true) {
    return transformProgram(first as ts.Program, second as ts.CompilerHost | undefined, third as Record<string, unknown>, fourth as { ts: typeof import("typescript") });
  }
  return createBeforeTransformer(first as ts.Program | undefined, second as Record<string, unknown> | undefined, third as Extras | undefined);
}

function createBeforeTransformer(program: ts.Program | undefined, config?: Record<string, unknown>, extras?: Extras): ts.TransformerFactory<ts.SourceFile> {
  // The program transformer already runs the rewrite when this program is emitted: a second `transform` entry must not run it again.
  if (program && (program as { [SET_UP]?: true })[SET_UP]) return () => (sourceFile) => sourceFile;
  // Without ts-patch's extras (a hand-made transformer list), fall back to the TypeScript the program was made with.
  const ts: typeof import("typescript") = extras?.ts ?? require("typescript");
  const unsupported = checkTypeScript(ts) ?? (program && checkTarget(ts, program.getCompilerOptions()));
  if (unsupported) return refuse(unsupported, extras);
  const addDiagnostic = extras?.addDiagnostic ? (d: ts.Diagnostic) => void extras.addDiagnostic!(d) : reportToConsole(ts);
  const options = readOptions(ts, config, addDiagnostic);
  const before = createTransformer({ ts, program, options, addDiagnostic });
  if (!program) return before;
  // The same function also serves an `"afterDeclarations": true` entry (ts-patch says nothing about the kind): it then gets `.d.ts` output.
  const declarations = createDeclarationTransformer(ts, createFileAnalysis(ts, program, options));
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
function createPassThroughPlugin(typescript: typeof import("typescript")): ts.server.PluginModule {
  return {
    create(info) {
      info.project.projectService.logger.info(`[ts-async-init] ${checkTypeScript(typescript)!.messageText as string}`);
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
