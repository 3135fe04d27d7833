import type * as ts from "typescript";
import { createFileContext } from "../context";
import { initDeclaresParameter, type TaggedClass } from "../checks";
import type { Options } from "../options";
import { ownsStateField } from "../stateField";
import { skipParentheses } from "../syntax";
import { mentionsTag } from "../tag";
import { findTaggedClasses } from "../transform";
import { createTaggedTypeTest } from "../types";
import { isAwaitUsing } from "../visitors/awaitUsing";
import { slotName } from "../visitors/taggedClass";
import type { AwaitMode, ClassPlan, FilePlan } from "./plan";

export interface AnalysisSetup {
  ts: typeof import("typescript");
  options: Options;
  /** The output's language level: decides whether a class may keep its state in a private field. */
  target: ts.ScriptTarget;
  /** With a checker, `await` and `await using` of tagged instances are found by type; without, `await using` is decided at run time. */
  checker?: ts.TypeChecker;
}

/**
 * Reads one source file and decides what to rewrite: the tagged classes, the
 * awaits and `await using` declarations of their instances, the diagnostics.
 *
 *     analyzeFile(setup, sourceFile)
 *       → { classes: [Db: init "init", state in #asyncInit, teardown wrapped], awaitUsings: {db: "runtime"}, … }
 */
export function analyzeFile(setup: AnalysisSetup, sourceFile: ts.SourceFile): FilePlan {
  const { ts, checker } = setup;
  const diagnostics: ts.Diagnostic[] = [];
  // The class search and checks ask the context only for the compiler options (the output target).
  const context = { factory: ts.factory, getCompilerOptions: () => ({ target: setup.target }) } as unknown as ts.TransformationContext;
  const file = createFileContext(ts, context, sourceFile, checker, setup.options, (d) => diagnostics.push(d));
  const tagged = mentionsTag(sourceFile.text) ? findTaggedClasses(file) : new Map<ts.Node, TaggedClass>();

  const classes: ClassPlan[] = [...tagged].map(([node, found]) => {
    const declaration = node as ts.ClassLikeDeclaration;
    return {
      node: declaration,
      initName: found.initName,
      withSignal: initDeclaresParameter(file, declaration, found.initName),
      stateField: ownsStateField(file, declaration) ? slotName(file, declaration) : undefined,
      teardown: found.disposeMembers.find((m) => m.body !== undefined),
      disposeMembers: found.disposeMembers,
      extendsSomething: declaration.heritageClauses?.some((c) => c.token === ts.SyntaxKind.ExtendsKeyword) ?? false,
    };
  });

  const isTaggedType = checker && createTaggedTypeTest(ts, checker);
  const isTaggedValue = (node: ts.Node) => isTaggedType!(checker!.getTypeAtLocation(node));
  const mode: AwaitMode = checker ? "typed" : "runtime";
  const awaitUsings = new Map<ts.VariableDeclaration, AwaitMode>();
  const loops = new Map<ts.ForOfStatement, AwaitMode>();
  const typedAwaits = new Set<ts.AwaitExpression>();

  const visit = (node: ts.Node): void => {
    // for (await using db of dbs) { … }
    if (ts.isForOfStatement(node) && isAwaitUsing(ts, node.initializer)) {
      const declaration = node.initializer.declarations[0];
      if (declaration && ts.isIdentifier(declaration.name) && (!checker || isTaggedValue(declaration.name))) loops.set(node, mode);
    }
    // await using db = openDb(), log = openLog();
    else if (isAwaitUsing(ts, node) && !ts.isForOfStatement(node.parent)) {
      for (const declaration of node.declarations) {
        const init = declaration.initializer;
        if (!init || ts.isAwaitExpression(skipParentheses(ts, init))) continue;
        if (!checker || isTaggedValue(init)) awaitUsings.set(declaration, mode);
      }
    }
    // await db
    else if (checker && ts.isAwaitExpression(node) && isTaggedValue(node.expression)) typedAwaits.add(node);
    ts.forEachChild(node, visit);
  };
  if (sourceFile.text.includes("await")) visit(sourceFile);

  return { sourceFile, classes, awaitUsings, loops, typedAwaits, diagnostics };
}
