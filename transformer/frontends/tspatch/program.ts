import type * as ts from "typescript";
import { type Analyzer, analyzeProgram, programMentionsTag, seesOtherFiles } from "../../core/analyze";
import { checkTarget, checkTypeScript } from "../../core/compatibility";
import { type Options, readOptions } from "../../core/options";
import { createTransformer } from "../../emit/ast";
import { createDeclarationTransformer } from "../../emit/ast/declarations";
import { createCheckerErrorFilter } from "./checkerErrors";
import { reportToConsole } from "./console";
import { isLanguageServiceProgram, versionFilesByTaggedClasses } from "./fileVersions";
import { optionPlaceIn } from "./optionPlace";

/** Marks a program this plugin has already set up, so that nothing runs twice. */
export const SET_UP = Symbol.for("ts-async-init.program");
/** Holds the file analysis of a program whose diagnostics this plugin corrects (see `correctDiagnostics`). */
const CORRECTED = Symbol.for("ts-async-init.diagnostics");

/** The program's own method that builders (`tsc -b`, `--incremental`, `--watch`) ask; not in TypeScript's public typings. */
type WithBuilderCheck = ts.Program & {
  getBindAndCheckDiagnostics(sourceFile: ts.SourceFile, cancellationToken?: ts.CancellationToken): readonly ts.Diagnostic[];
  [SET_UP]?: true;
  [CORRECTED]?: Analyzer;
};

/** What ts-patch hands a program transformer (`"transformProgram": true`). */
export interface ProgramTransformerExtras {
  ts: typeof import("typescript");
}

/**
 * The ts-patch program transformer, for
 * `"plugins": [{ "transform": "ts-async-init", "transformProgram": true }]`.
 *
 * It hands back the same program object, changed in two ways:
 *
 * - its diagnostics are corrected by `correctDiagnostics` (below): no untrue
 *   TS2851 / TS80007, and this transformer's own diagnostics among the
 *   checker's. The source text is never changed.
 * - `emit` runs the `before` transformer (the class and `await using`
 *   rewrite) and the `afterDeclarations` one (the `.d.ts`), ahead of any
 *   transformers the caller passes.
 *
 * The object is changed in place, not copied, because TypeScript calls these
 * methods on it from inside (`emit` asks `getSemanticDiagnostics` under
 * `noEmitOnError`).
 */
export function transformProgram(
  program: ts.Program,
  _host: ts.CompilerHost | undefined,
  config: Record<string, unknown> | undefined,
  extras: ProgramTransformerExtras | undefined,
): ts.Program {
  const patched = program as WithBuilderCheck;
  if (patched[SET_UP]) return program;
  patched[SET_UP] = true;

  const ts: typeof import("typescript") = extras?.ts ?? require("typescript");
  const unsupported = checkTypeScript(ts) ?? checkTarget(ts, program.getCompilerOptions());
  if (unsupported) return reportOnly(program, unsupported);
  const optionDiagnostics: ts.Diagnostic[] = [];
  const options = readOptions(ts, config, (d) => optionDiagnostics.push(d), optionPlaceIn(ts, program));
  const warningsAtEmit = warningsBlockEmit(program.getCompilerOptions());
  versionFilesByTaggedClasses(ts, program, options, warningsAtEmit);
  // What a language service compiles may be emitted with other files' output from another program (see createMayHoldObjectTest).
  const partialProgram = isLanguageServiceProgram(program);
  const analyze = correctDiagnostics(ts, program, options, { optionDiagnostics, warningsAtEmit, partialProgram });
  if (isTranspileModule(program)) reportAmongSyntactic(ts, program, analyze);
  const original = { emit: program.emit };

  // One `before` transformer per program: it reports each file's diagnostics once, however often the file is emitted.
  let emitDiagnostics: ts.Diagnostic[] = [];
  const before = createTransformer({
    ts,
    analyzerFor: () => analyze,
    // A partial program without a tagged class may still hold an `await using` of one, made by a file it does not hold.
    programMentionsTag: partialProgram ? undefined : programMentionsTag(program),
    addDiagnostic: (d) => emitDiagnostics.push(d),
  });
  const afterDeclarations = createDeclarationTransformer(ts, analyze);

  program.emit = function (targetSourceFile, writeFile, cancellationToken, emitOnlyDts, customTransformers, ...rest: unknown[]) {
    const transformers: ts.CustomTransformers = {
      ...customTransformers,
      before: [before, ...(customTransformers?.before ?? [])],
      afterDeclarations: [afterDeclarations, ...(customTransformers?.afterDeclarations ?? [])],
    };
    emitDiagnostics = [];
    EMITTING.add(program);
    let result: ts.EmitResult;
    try {
      result = (original.emit as Function).call(this, targetSourceFile, writeFile, cancellationToken, emitOnlyDts, transformers, ...rest) as ts.EmitResult;
    } finally {
      EMITTING.delete(program);
    }
    // The rewrite reports again what the semantic diagnostics already hold; only what they do not (a failure
    // of the transformer itself, 46099) is an emit diagnostic. Builders treat a file with emit diagnostics as
    // not emitted (exit code 1, and the file emitted again next time), so repeating the others would be wrong.
    const unknown = emitDiagnostics.filter((d) => !isReported(analyze, d));
    const warnings =
      warningsAtEmit && !result.emitSkipped
        ? pluginDiagnostics(program, analyze, targetSourceFile).filter((d) => d.category !== ts.DiagnosticCategory.Error)
        : [];
    const added = [...unknown, ...warnings];
    return added.length ? { ...result, diagnostics: [...result.diagnostics, ...added] } : result;
  };

  return program;
}

/**
 * Whether this plugin's warnings would stop the emit: under `noEmitOnError`, TypeScript emits
 * nothing while the program has a diagnostic of any category, and an incremental builder
 * (`--incremental`, `composite`, `tsc -b`, `--watch`) asks for them itself, before the emit
 * (see `correctDiagnostics`). Then the warnings are not among the program's diagnostics:
 * its emit reports them, for the files it emits (a warning changes nothing in the output).
 */
function warningsBlockEmit(options: ts.CompilerOptions): boolean {
  return options.noEmitOnError === true && options.noEmit !== true;
}

/** This plugin's diagnostics for one file, or for every file of the program but a library's. */
function pluginDiagnostics(program: ts.Program, analyze: Analyzer, sourceFile: ts.SourceFile | undefined): ts.Diagnostic[] {
  return (sourceFile ? [sourceFile] : program.getSourceFiles())
    .filter((file) => !program.isSourceFileFromExternalLibrary(file))
    .flatMap((file) => analyze.diagnosticsOf(file));
}

/**
 * Whether `program` is the one-file program of `ts.transpileModule`, which ts-node's and
 * ts-loader's `transpileOnly` call (through `ts-patch/compiler`, which applies this
 * transformer to it): it is the only maker of programs that sets the internal
 * `suppressOutputPathCheck`, and it turns on `noResolve` and `noLib` (so that the
 * analysis sees no other file: `seesOtherFiles`), but not always `isolatedModules`,
 * which `verbatimModuleSyntax` makes redundant.
 */
function isTranspileModule(program: ts.Program): boolean {
  return !seesOtherFiles(program) && program.getCompilerOptions().suppressOutputPathCheck === true;
}

/**
 * `ts.transpileModule` asks its program for the file's syntactic diagnostics and the
 * option diagnostics, never the semantic ones that hold this transformer's checks. Its
 * errors join the syntactic ones there, so that the tool reports them (ts-node's
 * `TSError`, ts-loader's module error) rather than emit a class with an error as
 * written; its warnings are printed, as `tsAsyncInit()` prints them in a
 * `transpileModule` of your own, and do not stop the tool.
 *
 *     transpileModule(source, { reportDiagnostics: true }).diagnostics
 *       before: []                       after: [error TS46001: @asyncInit class 'Broken' has no method 'init'. …]
 */
function reportAmongSyntactic(ts: typeof import("typescript"), program: ts.Program, analyze: Analyzer): void {
  const getSyntacticDiagnostics = program.getSyntacticDiagnostics;
  const print = reportToConsole(ts);
  const printed = new Set<ts.Diagnostic>();
  program.getSyntacticDiagnostics = function (sourceFile, cancellationToken) {
    const syntactic = getSyntacticDiagnostics.call(this, sourceFile, cancellationToken);
    const files = sourceFile ? [sourceFile] : program.getRootFileNames().flatMap((name) => program.getSourceFile(name) ?? []);
    const own = files.flatMap((file) => analyze.diagnosticsOf(file));
    for (const warning of own.filter((d) => d.category !== ts.DiagnosticCategory.Error && !printed.has(d))) {
      printed.add(warning);
      print(warning);
    }
    const errors = own.filter((d) => d.category === ts.DiagnosticCategory.Error) as ts.DiagnosticWithLocation[];
    return errors.length ? [...syntactic, ...errors] : syntactic;
  };
}

/** An unsupported TypeScript or target: the program reports why (the build fails with it) and is otherwise left as it is. */
function reportOnly(program: ts.Program, diagnostic: ts.Diagnostic): ts.Program {
  const getOptionsDiagnostics = program.getOptionsDiagnostics;
  program.getOptionsDiagnostics = function (cancellationToken) {
    return [...getOptionsDiagnostics.call(this, cancellationToken), diagnostic];
  };
  return program;
}

/**
 * Corrects the diagnostics of `program` in place, once (a second call returns
 * what the first set up): the program transformer's work without the emit,
 * also done by the main export when a tool hands it a program, and by the
 * ts-jest entry.
 *
 * - `getSemanticDiagnostics` (what `tsc` and language services ask) and
 *   `getBindAndCheckDiagnostics` (what `tsc -b`, `--incremental` and `--watch`
 *   builders ask) lose the checker's untrue TS2851 / TS80007 about rewritten
 *   classes (see `checkerErrors.ts`) and gain this transformer's own
 *   diagnostics (the checks: 46001 and up), so that `--noEmit` and
 *   `noEmitOnError` see them too. Every other diagnostic is the checker's own
 *   object, untouched: same file, line, column and text.
 * - `getOptionsDiagnostics` gains `optionDiagnostics` (a bad plugin option, 46006).
 *
 * Returns the file analysis the corrections use, for the emit's transformers.
 */
export function correctDiagnostics(ts: typeof import("typescript"), program: ts.Program, options: Options, corrections: Corrections = {}): Analyzer {
  const { optionDiagnostics = [], partialProgram = false, warningsAtEmit = false } = corrections;
  const patched = program as WithBuilderCheck;
  const done = patched[CORRECTED];
  if (done) return done;
  const analyze = analyzeProgram(ts, program, options, partialProgram);
  patched[CORRECTED] = analyze;
  const dropUntrue = createCheckerErrorFilter(ts, program, analyze);

  /**
   * This transformer's diagnostics for one file, or for every file the emit transforms. Asked from
   * inside the emit (under `noEmitOnError`, TypeScript emits nothing while any diagnostic is there,
   * whatever its category), or with `warningsAtEmit`, only its errors: a warning of this plugin
   * changes nothing in the output.
   */
  const ownDiagnostics = (sourceFile: ts.SourceFile | undefined): ts.Diagnostic[] =>
    pluginDiagnostics(program, analyze, sourceFile).filter((d) => !(warningsAtEmit || EMITTING.has(program)) || d.category === ts.DiagnosticCategory.Error);

  const original = {
    getSemanticDiagnostics: program.getSemanticDiagnostics,
    getBindAndCheckDiagnostics: patched.getBindAndCheckDiagnostics,
    getOptionsDiagnostics: program.getOptionsDiagnostics,
  };

  program.getSemanticDiagnostics = function (sourceFile, cancellationToken, ...rest: unknown[]) {
    const diagnostics = dropUntrue((original.getSemanticDiagnostics as Function).call(this, sourceFile, cancellationToken, ...rest));
    // A third argument asks for some nodes only (the editor's region check): this plugin's checks are per class, not per node.
    return rest.length && rest[0] ? diagnostics : [...diagnostics, ...ownDiagnostics(sourceFile)];
  };

  patched.getBindAndCheckDiagnostics = function (sourceFile, cancellationToken) {
    return [...dropUntrue(original.getBindAndCheckDiagnostics.call(this, sourceFile, cancellationToken)), ...ownDiagnostics(sourceFile)];
  };

  program.getOptionsDiagnostics = function (cancellationToken) {
    return [...original.getOptionsDiagnostics.call(this, cancellationToken), ...optionDiagnostics];
  };

  return analyze;
}

/** What `correctDiagnostics` adds, beyond the checks of each file. */
export interface Corrections {
  /** A bad plugin option (46006), among the option diagnostics. */
  optionDiagnostics?: readonly ts.Diagnostic[];
  /** The program may not hold every tagged class of the project (ts-jest's: see AnalysisSetup.partialProgram). */
  partialProgram?: boolean;
  /** This plugin's warnings are left to the emit to report (see warningsBlockEmit): its errors alone are the program's. */
  warningsAtEmit?: boolean;
}

/** The programs whose emit (this plugin's, in transformProgram) is running. */
const EMITTING = new WeakSet<ts.Program>();

/**
 * Whether the semantic diagnostics of a corrected program already hold this
 * diagnostic of the rewrite (the checks, 46001 and up: the plan's own objects):
 * then the emit must not report it again. Only what they do not hold (a failure
 * of the transformer itself, 46099) is news.
 */
export function isReported(analyze: Analyzer, diagnostic: ts.Diagnostic): boolean {
  return diagnostic.file !== undefined && analyze(diagnostic.file).diagnostics.includes(diagnostic);
}
