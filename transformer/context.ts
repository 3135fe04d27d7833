import type * as ts from "typescript";
import { createDiagnostic, type DiagnosticKind, Diagnostics } from "./diagnostics";
import type { Options } from "./options";

/** Everything the visitors of one file share. */
export interface FileContext {
  ts: typeof import("typescript");
  factory: ts.NodeFactory;
  context: ts.TransformationContext;
  sourceFile: ts.SourceFile;
  /** Undefined when the transformer runs without a program (single-file transpilers). */
  checker: ts.TypeChecker | undefined;
  options: Options;
  /** The name of this module's plumbing object (`asyncInit_1`); using it means the plumbing gets emitted. */
  plumbing(): ts.Identifier;
  /** Whether `plumbing()` was asked for. */
  usesPlumbing(): boolean;
  report<K extends DiagnosticKind>(kind: K, node: ts.Node | { start: number; length: number }, ...args: Parameters<(typeof Diagnostics)[K]["text"]>): void;
}

export function createFileContext(
  ts: typeof import("typescript"),
  context: ts.TransformationContext,
  sourceFile: ts.SourceFile,
  checker: ts.TypeChecker | undefined,
  options: Options,
  addDiagnostic: (diagnostic: ts.Diagnostic) => void,
): FileContext {
  let name: ts.Identifier | undefined;
  return {
    ts,
    factory: context.factory,
    context,
    sourceFile,
    checker,
    options,
    plumbing: () => (name ??= context.factory.createUniqueName("asyncInit")),
    usesPlumbing: () => name !== undefined,
    report(kind, node, ...args) {
      const where = "kind" in node
        ? { file: sourceFile, start: node.getStart(sourceFile), length: node.getEnd() - node.getStart(sourceFile) }
        : { file: sourceFile, ...node };
      addDiagnostic(createDiagnostic(ts, kind, where, ...args));
    },
  };
}
