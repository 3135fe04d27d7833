import type * as ts from "typescript";
import { scriptPlumbingName } from "../../core/names";
import type { FilePlan } from "../../core/plan";

/** Everything the AST back end's visitors of one file share: the plan, and the factory that carries it out. */
export interface FileContext {
  ts: typeof import("typescript");
  factory: ts.NodeFactory;
  context: ts.TransformationContext;
  sourceFile: ts.SourceFile;
  /** What the analysis decided for this file. */
  plan: FilePlan;
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
  /** Notes that the rewrite of an `await using` site (a declarator, or a `for (await using …)` loop) made this await. */
  noteEntry(node: ts.AwaitExpression, site: ts.VariableDeclaration | ts.ForOfStatement): void;
  /** The `await using` site whose rewrite made this await, if any. */
  entryOf(node: ts.AwaitExpression): ts.VariableDeclaration | ts.ForOfStatement | undefined;
}

export function createFileContext(ts: typeof import("typescript"), context: ts.TransformationContext, plan: FilePlan): FileContext {
  const { sourceFile } = plan;
  let name: ts.Identifier | undefined;
  let contextName: ts.Identifier | undefined;
  let use: "classes" | "await" | undefined;
  const entries = new WeakMap<ts.AwaitExpression, ts.VariableDeclaration | ts.ForOfStatement>();
  return {
    ts,
    factory: context.factory,
    context,
    sourceFile,
    plan,
    plumbing(wanted = "classes") {
      use = use === "classes" ? use : wanted;
      return (name ??= ts.isExternalModule(sourceFile)
        ? context.factory.createUniqueName("asyncInit")
        : context.factory.createIdentifier(scriptPlumbingName(sourceFile.text)));
    },
    awaitContext: () => (contextName ??= context.factory.createUniqueName("asyncInitContext")),
    usesPlumbing: () => use,
    noteEntry: (node, site) => void entries.set(node, site),
    entryOf: (node) => entries.get(node),
  };
}
