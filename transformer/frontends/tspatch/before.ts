import type * as ts from "typescript";
import { analyzeProgram, analyzeSingleFiles, programMentionsTag } from "../../core/analyze";
import { checkSameTypeScript, checkTarget, checkTypeScript } from "../../core/compatibility";
import { readOptions } from "../../core/options";
import { createTransformer } from "../../emit/ast";
import { createDeclarationTransformer } from "../../emit/ast/declarations";
import { reportToConsole } from "./console";
import { optionPlaceIn } from "./optionPlace";
import { correctDiagnostics, isReported, SET_UP } from "./program";

/**
 * What ts-patch hands a `"transform"` plugin besides the program. Code that calls
 * the entry itself may pass `{ ts }` alone: diagnostics are then printed, and an
 * unsupported TypeScript is thrown as an error.
 */
export interface Extras {
  ts: typeof import("typescript");
  addDiagnostic?(diagnostic: ts.Diagnostic): number;
}

/**
 * The `before` transformer, for ts-patch's `{ "transform": "ts-async-init" }` entry,
 * a tool's `getCustomTransformers`, or your own emit. With a program, its checker
 * decides which `await using` values are tagged instances; without one
 * (`ts.transpileModule`), the generated code decides when it runs.
 */
export function createBeforeTransformer(
  program: ts.Program | undefined,
  config?: Record<string, unknown>,
  extras?: Extras,
): ts.TransformerFactory<ts.SourceFile> {
  // The program transformer already runs the rewrite when this program is emitted: a second `transform` entry must not run it again.
  if (program && (program as { [SET_UP]?: true })[SET_UP]) return () => (sourceFile) => sourceFile;
  // Without ts-patch's extras (a tool's `getCustomTransformers`, your own emit): the TypeScript the caller names, or the one this package finds.
  const ts: typeof import("typescript") = extras?.ts ?? (config?.typescript as typeof import("typescript") | undefined) ?? require("typescript");
  const unsupported = checkTypeScript(ts) ?? (program && (checkSameTypeScript(ts, program) ?? checkTarget(ts, program.getCompilerOptions())));
  if (unsupported) return refuse(unsupported, extras);
  // By hand (no extras), the options may also name the TypeScript: not one of the plugin's.
  const settings = extras ? config : pluginOptionsOf(config);
  if (!extras && program) return createForProgram(ts, program, settings);
  const addDiagnostic = extras?.addDiagnostic ? (d: ts.Diagnostic) => void extras.addDiagnostic!(d) : reportToConsole(ts);
  const options = readOptions(ts, settings, addDiagnostic, program ? optionPlaceIn(ts, program) : undefined);
  if (!program) return createTransformer({ ts, analyzerFor: analyzeSingleFiles(ts, options), addDiagnostic });
  const analyze = analyzeProgram(ts, program, options);
  const before = createTransformer({ ts, analyzerFor: () => analyze, programMentionsTag: programMentionsTag(program), addDiagnostic });
  return withDeclarations(ts, before, createDeclarationTransformer(ts, analyze));
}

/**
 * The plugin's options among those handed by hand (`tsAsyncInit(program, { typescript, initMethod })`): the
 * TypeScript to use is no option of tsconfig.json's entry, where ts-patch hands its own (TS46006 there).
 */
function pluginOptionsOf(config: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!config || !("typescript" in config)) return config;
  const { typescript: _typescript, ...options } = config;
  return options;
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
  const options = readOptions(ts, config, (d) => optionDiagnostics.push(d), optionPlaceIn(ts, program));
  const analyze = correctDiagnostics(ts, program, options, { optionDiagnostics });
  const print = reportToConsole(ts);
  const before = createTransformer({
    ts,
    analyzerFor: () => analyze,
    programMentionsTag: programMentionsTag(program),
    addDiagnostic: (d) => isReported(analyze, d) || print(d),
  });
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
