import type * as ts from "typescript";
import { createDiagnostic, type DiagnosticKind, type Diagnostics } from "./diagnostics";
import type { Options } from "./options";

/** What the analysis of one source file reads, and where it reports. No emit machinery: the back ends have their own. */
export interface AnalysisFile {
  ts: typeof import("typescript");
  sourceFile: ts.SourceFile;
  /** Undefined without a program (single-file transpilers, the text back end). */
  checker: ts.TypeChecker | undefined;
  options: Options;
  /** The output's language level: whether a class may keep its state in a private field. */
  target: ts.ScriptTarget;
  report<K extends DiagnosticKind>(kind: K, node: ts.Node | { start: number; length: number }, ...args: Parameters<(typeof Diagnostics)[K]["text"]>): void;
}

export function createAnalysisFile(
  ts: typeof import("typescript"),
  sourceFile: ts.SourceFile,
  setup: { checker: ts.TypeChecker | undefined; options: Options; target: ts.ScriptTarget },
  addDiagnostic: (diagnostic: ts.Diagnostic) => void,
): AnalysisFile {
  return {
    ts,
    sourceFile,
    ...setup,
    report(kind, node, ...args) {
      const where =
        "kind" in node
          ? { file: sourceFile, start: node.getStart(sourceFile), length: node.getEnd() - node.getStart(sourceFile) }
          : { file: sourceFile, ...node };
      addDiagnostic(createDiagnostic(ts, kind, where, ...args));
    },
  };
}

/** The output's language level for these compiler options, with the compiler's own defaults (nodenext means ESNext, TypeScript 6 defaults to the latest). */
export function emitTarget(ts: typeof import("typescript"), options: ts.CompilerOptions): ts.ScriptTarget {
  // The compiler's own reading of the options is not in the public typings.
  const internal = ts as unknown as { getEmitScriptTarget?: (options: ts.CompilerOptions) => ts.ScriptTarget };
  const target = internal.getEmitScriptTarget?.(options) ?? options.target ?? ts.ScriptTarget.ES5;
  return target === ts.ScriptTarget.JSON ? ts.ScriptTarget.ES5 : target;
}
