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
  /**
   * The name of this module's plumbing object (`asyncInit_1`); asking for it means
   * the plumbing gets emitted: all of it for a module with `@asyncInit` classes,
   * only `ready` for a module that just awaits instances of classes made elsewhere.
   */
  plumbing(use?: "classes" | "await"): ts.Identifier;
  /** The name each async function of a tagged class keeps its caller's context in (`asyncInitContext_1`, see visitors/asyncFunctions.ts). */
  awaitContext(): ts.Identifier;
  /** Which plumbing the module needs, if any. */
  usesPlumbing(): "classes" | "await" | undefined;
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
  let contextName: ts.Identifier | undefined;
  let use: "classes" | "await" | undefined;
  return {
    ts,
    factory: context.factory,
    context,
    sourceFile,
    checker,
    options,
    plumbing(wanted = "classes") {
      use = use === "classes" ? use : wanted;
      return (name ??= ts.isExternalModule(sourceFile) ? context.factory.createUniqueName("asyncInit") : scriptPlumbingName(context.factory, sourceFile));
    },
    awaitContext: () => (contextName ??= context.factory.createUniqueName("asyncInitContext")),
    usesPlumbing: () => use,
    report(kind, node, ...args) {
      const where = "kind" in node
        ? { file: sourceFile, start: node.getStart(sourceFile), length: node.getEnd() - node.getStart(sourceFile) }
        : { file: sourceFile, ...node };
      addDiagnostic(createDiagnostic(ts, kind, where, ...args));
    },
  };
}

/**
 * `asyncInit_5f3a9c1e`: in a classic script (no import or export) the plumbing is
 * a global, beside those of every other script (several `<script>` tags, or one
 * `outFile`), so its name comes from a hash of the script's text rather than a
 * counter that restarts at 1 in each file.
 */
function scriptPlumbingName(factory: ts.NodeFactory, sourceFile: ts.SourceFile): ts.Identifier {
  let hash = 0x811c9dc5; // FNV-1a, 32 bits
  for (let i = 0; i < sourceFile.text.length; i++) hash = Math.imul(hash ^ sourceFile.text.charCodeAt(i), 0x01000193);
  let name = `asyncInit_${(hash >>> 0).toString(16).padStart(8, "0")}`;
  while (sourceFile.text.includes(name)) name += "_";
  return factory.createIdentifier(name);
}
