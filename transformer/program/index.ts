import type * as ts from "typescript";
import { checkTarget, checkTypeScript } from "../compatibility";
import { createDeclarationTransformer } from "../declarations";
import { readOptions } from "../options";
import { createTransformer } from "../transform";
import { createCheckerErrorFilter } from "./checkerErrors";
import { createFileAnalysis } from "./fileAnalysis";

/** Marks a program this plugin has already set up, so that nothing runs twice. */
export const SET_UP = Symbol.for("ts-async-init.program");

/** The program's own method that builders (`tsc -b`, `--incremental`, `--watch`) ask; not in TypeScript's public typings. */
type WithBuilderCheck = ts.Program & {
  getBindAndCheckDiagnostics(sourceFile: ts.SourceFile, cancellationToken?: ts.CancellationToken): readonly ts.Diagnostic[];
  [SET_UP]?: true;
};

/** What ts-patch hands a program transformer (`"transformProgram": true`). */
export interface ProgramTransformerExtras {
  ts: typeof import("typescript");
}

/**
 * The ts-patch program transformer, for
 * `"plugins": [{ "transform": "ts-async-init", "transformProgram": true }]`.
 *
 * It hands back the same program object, with four of its methods wrapped:
 *
 * - `getSemanticDiagnostics` (what `tsc` asks) and `getBindAndCheckDiagnostics`
 *   (what `tsc -b`, `--incremental` and `--watch` builders ask) lose the
 *   checker's untrue TS2851 / TS80007 about rewritten classes (see
 *   `checkerErrors.ts`) and gain this transformer's own diagnostics
 *   (the checks: 46001 and up), so that `--noEmit` and `noEmitOnError` see them too.
 *   Every other diagnostic is the checker's own object, untouched: same
 *   file, line, column and text. The source text is never changed.
 * - `getOptionsDiagnostics` gains a bad plugin option (46006).
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
  const options = readOptions(ts, config, (d) => optionDiagnostics.push(d));
  const analyze = createFileAnalysis(ts, program, options);
  const dropUntrue = createCheckerErrorFilter(ts, program, analyze);

  /** This transformer's diagnostics for one file, or for every file the emit transforms. */
  const ownDiagnostics = (sourceFile: ts.SourceFile | undefined): ts.Diagnostic[] =>
    (sourceFile ? [sourceFile] : program.getSourceFiles())
      .filter((file) => !program.isSourceFileFromExternalLibrary(file))
      .flatMap((file) => analyze(file).diagnostics);

  const original = {
    getSemanticDiagnostics: program.getSemanticDiagnostics,
    getBindAndCheckDiagnostics: patched.getBindAndCheckDiagnostics,
    getOptionsDiagnostics: program.getOptionsDiagnostics,
    emit: program.emit,
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

  // One `before` transformer per program: it reports each file's diagnostics once, however often the file is emitted.
  let emitDiagnostics: ts.Diagnostic[] = [];
  const before = createTransformer({ ts, program, options, addDiagnostic: (d) => emitDiagnostics.push(d) });
  const afterDeclarations = createDeclarationTransformer(ts, analyze);

  program.emit = function (targetSourceFile, writeFile, cancellationToken, emitOnlyDts, customTransformers, ...rest: unknown[]) {
    const transformers: ts.CustomTransformers = {
      ...customTransformers,
      before: [before, ...(customTransformers?.before ?? [])],
      afterDeclarations: [afterDeclarations, ...(customTransformers?.afterDeclarations ?? [])],
    };
    emitDiagnostics = [];
    const result = (original.emit as Function).call(this, targetSourceFile, writeFile, cancellationToken, emitOnlyDts, transformers, ...rest) as ts.EmitResult;
    // The rewrite reports again what the semantic diagnostics already hold; only what they do not (a failure
    // of the transformer itself, 46099) is an emit diagnostic. Builders treat a file with emit diagnostics as
    // not emitted (exit code 1, and the file emitted again next time), so repeating the others would be wrong.
    const known = new Set(emitDiagnostics.flatMap((d) => (d.file ? analyze(d.file).diagnostics : [])).map(diagnosticKey));
    const unknown = emitDiagnostics.filter((d) => !known.has(diagnosticKey(d)));
    return unknown.length ? { ...result, diagnostics: [...result.diagnostics, ...unknown] } : result;
  };

  return program;
}

/** An unsupported TypeScript or target: the program reports why (the build fails with it) and is otherwise left as it is. */
function reportOnly(program: ts.Program, diagnostic: ts.Diagnostic): ts.Program {
  const getOptionsDiagnostics = program.getOptionsDiagnostics;
  program.getOptionsDiagnostics = function (cancellationToken) {
    return [...getOptionsDiagnostics.call(this, cancellationToken), diagnostic];
  };
  return program;
}

/** Two diagnostics with the same key say the same thing at the same place. */
export function diagnosticKey(d: ts.Diagnostic): string {
  const text = typeof d.messageText === "string" ? d.messageText : d.messageText.messageText;
  return `${d.file?.fileName}:${d.start}:${d.length}:${d.code}:${text}`;
}
