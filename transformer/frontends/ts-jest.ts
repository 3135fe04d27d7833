/**
 * The entry for ts-jest's `astTransformers` option (ts-jest 29):
 *
 *     transform: { "^.+\\.tsx?$": ["ts-jest", { astTransformers: { before: ["ts-async-init/ts-jest"] } }] }
 *
 * ts-jest loads this module and reads `name`, `version` (part of its cache key)
 * and `factory`, which it calls with its `TsCompiler` every time it emits a file.
 * Everything goes through the TypeScript that ts-jest itself uses
 * (`configSet.compilerModule`, which is `ts-patch/compiler` if so configured).
 */

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type * as ts from "typescript";
import { analyzeProgram, analyzeSingleFiles } from "../core/analyze";
import { checkTypeScript } from "../core/compatibility";
import { createDiagnostic } from "../core/diagnostics";
import { readOptions } from "../core/options";
import { createTransformer } from "../emit/ast";
import { correctDiagnostics, isReported, SET_UP } from "./tspatch/program";

/** The part of ts-jest's `TsCompiler` this entry uses. */
export interface TsJestCompiler {
  configSet: {
    compilerModule: typeof import("typescript");
    /** ts-jest's `useESM` option. */
    useESM?: boolean;
    /** Throws ts-jest's TSError for errors (or only logs them, with `diagnostics: { warnOnly: true }`). */
    raiseDiagnostics(diagnostics: ts.Diagnostic[], filePath?: string): void;
    /** The entries of `astTransformers`, by slot, each with the factory its module gives. */
    resolvedTransformers?: Partial<Record<"before" | "after" | "afterDeclarations", { factory?: unknown }[]>>;
  };
  /** The program, when ts-jest has one: per file without a language service, else the service's first program only. */
  program: ts.Program | undefined;
  /**
   * ts-jest's language service (absent with `isolatedModules`). Not part of ts-jest's public
   * type, but the only way to the program being emitted now: `program` is never updated after
   * the first, and a checker must not be asked about another program's files.
   */
  _languageService?: ts.LanguageService;
}

export const name = "ts-async-init";

/**
 * Changes whenever the emitted output may: a hash of this package's compiled code,
 * so that ts-jest's cache is not reused across versions of the rewrite.
 * (ts-jest's cache key already holds the TypeScript version and the tsconfig.)
 */
export const version: number = Number.parseInt(hashOfCode(join(__dirname, "..")).slice(0, 12), 16);

/**
 * Gives ts-jest the `before` transformer for the file it is about to emit.
 *
 * - With a language service (the default), the transformer uses the service's
 *   current program, and corrects that program's diagnostics, which ts-jest asks
 *   next: no untrue TS2851 on `await using`, and this plugin's checks (TS46001…)
 *   reported with the checker's.
 * - With `isolatedModules`, ts-jest has no type checker: see the README
 *   ("Without a type checker"). This plugin's checks are raised as ts-jest raises
 *   the transpiler's.
 */
export function factory(tsCompiler: TsJestCompiler, config?: Record<string, unknown>): ts.TransformerFactory<ts.SourceFile> {
  const { configSet } = tsCompiler;
  const ts = configSet.compilerModule;
  const unsupported = checkTypeScript(ts);
  if (unsupported) {
    configSet.raiseDiagnostics([unsupported]);
    return () => (sourceFile) => sourceFile;
  }
  const misplaced = slotsOtherThanBefore(configSet, factory);
  if (misplaced.length > 0) {
    configSet.raiseDiagnostics(misplaced.map((slot) => createDiagnostic(ts, "tsJestSlot", undefined, slot)));
    return () => (sourceFile) => sourceFile;
  }
  const service = tsCompiler._languageService;
  const program = service ? service.getProgram() : tsCompiler.program;
  // `compiler: "ts-patch/compiler"` with the program transformer in tsconfig.json already rewrites this program.
  if (program && (program as { [SET_UP]?: true })[SET_UP]) return () => (sourceFile) => sourceFile;

  const raise = (diagnostics: ts.Diagnostic[], fileName?: string) => configSet.raiseDiagnostics(diagnostics, fileName);
  const optionDiagnostics: ts.Diagnostic[] = [];
  const options = readOptions(ts, config, (d) => optionDiagnostics.push(d));
  if (optionDiagnostics.length) raise(optionDiagnostics);

  // With the language service, its program's diagnostics are corrected (and hold this plugin's); else they are raised here.
  // Its program holds the files compiled so far, not every tagged class: a file's output must not depend on which
  // (ts-jest's cache keeps it by the file and its imports), so every await using that may hold an object is tested when it runs.
  const corrected = service && program ? correctDiagnostics(ts, program, options, { partialProgram: true }) : undefined;
  const analyze = corrected ?? (program && analyzeProgram(ts, program, options, true));
  // ts-jest compiling an ES module (useESM, and Jest's vm modules) asks for the program's diagnostics and raises
  // none of them: this plugin's are raised here, as without a language service.
  const raisesProgramDiagnostics = !(configSet.useESM && program && isEsModuleKind(ts, program.getCompilerOptions().module));
  let pending: ts.Diagnostic[] = [];
  const before = createTransformer({
    ts,
    analyzerFor: analyze ? () => analyze : analyzeSingleFiles(ts, options),
    addDiagnostic: (d) => (raisesProgramDiagnostics && corrected && isReported(corrected, d)) || pending.push(d),
  });
  // Raised after the file's transform, not from inside it (where a throw would be taken for a failure of the rewrite).
  return (context) => {
    const transform = before(context);
    return (sourceFile) => {
      const result = transform(sourceFile);
      const found = pending;
      pending = [];
      if (found.length) raise(found, sourceFile.fileName);
      return result;
    };
  };
}

/**
 * The slots of `astTransformers` other than `before` that name this entry: in `after`, the
 * rewrite would write TypeScript syntax into the JavaScript (`SyntaxError: Unexpected token
 * ':'`); in `afterDeclarations`, it would rewrite nothing, while the program's diagnostics,
 * corrected all the same, would lose the TS2851 that says so.
 */
function slotsOtherThanBefore(configSet: TsJestCompiler["configSet"], entry: unknown): string[] {
  const slots = configSet.resolvedTransformers ?? {};
  return (["after", "afterDeclarations"] as const).filter((slot) => slots[slot]?.some((named) => named.factory === entry));
}

/** What ts-jest leaves as the module kind of an ES module's compile: any but CommonJS (which it sets for the others). */
function isEsModuleKind(ts: typeof import("typescript"), kind: ts.ModuleKind | undefined): boolean {
  return kind !== ts.ModuleKind.CommonJS;
}

/** A hash of every `.js` file under `dir`, in a fixed order. */
function hashOfCode(dir: string): string {
  const hash = createHash("sha256");
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (entry.endsWith(".js")) hash.update(relative(dir, path)).update(readFileSync(path));
    }
  };
  visit(dir);
  return hash.digest("hex");
}
