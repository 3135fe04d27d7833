import type * as ts from "typescript";
import { createDiagnostic } from "../../core/diagnostics";
import { changesNothing, type FilePlan } from "../../core/plan";
import { topLevelNames } from "../../core/scope";
import { mayOverrideThen } from "../../core/subclasses";
import { countLeadingDirectivesAndImports, isAwaitUsing } from "../../core/syntax";
import { mentionsTagInAnyCase } from "../../core/tag";
import { firstNotBefore } from "../../core/walk";
import { AWAIT_ONLY_SOURCE, PLUMBING_GLOBALS, PLUMBING_SOURCE, withGlobalsFromGlobalObject } from "../../plumbing";
import { GENERATED, jsDocTrivia } from "../comments";
import { createFileContext, type FileContext } from "./context";
import { synthesizeExpression } from "./synthesize";
import { visitAwaitUsingList, visitAwaitUsingStatement, visitForAwaitUsing, visitForAwaitUsingHead, visitLabeledLoopHead } from "./visitors/awaitUsing";
import { visitTaggedClass } from "./visitors/taggedClass";
import { visitTypedAwait } from "./visitors/typedAwait";

export interface TransformerSetup {
  ts: typeof import("typescript");
  /** The analysis that plans each file (see core/analyze.ts), for the compiler options of the emit at hand. */
  analyzerFor: (compilerOptions: ts.CompilerOptions) => (sourceFile: ts.SourceFile) => FilePlan;
  /** Whether any file of the program mentions the tag (without a program: every file may meet a tagged instance). */
  programMentionsTag?: () => boolean;
  /** Where this file's diagnostics go, the first time it is emitted. */
  addDiagnostic: (diagnostic: ts.Diagnostic) => void;
}

/** The AST back end: a `before` transformer that carries out each file's plan, handing each kind of node to its visitor. */
export function createTransformer(setup: TransformerSetup): ts.TransformerFactory<ts.SourceFile> {
  const { ts } = setup;
  const reported = new Set<string>();

  return (context) => {
    const analyze = setup.analyzerFor(context.getCompilerOptions());
    return (sourceFile) => transformSourceFile(context, sourceFile, analyze);
  };

  function transformSourceFile(context: ts.TransformationContext, sourceFile: ts.SourceFile, analyze: (sourceFile: ts.SourceFile) => FilePlan): ts.SourceFile {
    // Files that mention neither the tag nor `await` come out exactly as they went in, and so does
    // every file of a program in which no file mentions the tag. One whose text may declare a class
    // that overrides the generated `then` is analysed first, for that error (its plan is empty).
    const text = sourceFile.text;
    const mentions = mentionsTagInAnyCase(text);
    if (sourceFile.isDeclarationFile || (!mentions && !text.includes("await") && !mayOverrideThen(text))) return sourceFile;
    if (!mentions && setup.programMentionsTag && !setup.programMentionsTag()) return sourceFile;

    // Report each file's diagnostics once, even when the program is emitted again (watch mode, builders).
    const firstTime = !reported.has(sourceFile.fileName);
    reported.add(sourceFile.fileName);
    try {
      const plan = analyze(sourceFile);
      if (firstTime) plan.diagnostics.forEach(setup.addDiagnostic);
      return changesNothing(plan) ? sourceFile : transformFile(createFileContext(ts, context, plan));
    } catch (error) {
      if (firstTime)
        setup.addDiagnostic(createDiagnostic(ts, "internal", { file: sourceFile, start: 0, length: 0 }, String((error as Error)?.message ?? error)));
      return sourceFile;
    }
  }
}

function transformFile(file: FileContext): ts.SourceFile {
  const { ts, factory, sourceFile, context, plan } = file;
  const classes = new Map(plan.classes.map((c) => [c.node as ts.Node, c]));
  const original = <T extends ts.Node>(node: T): T => ts.getOriginalNode(node) as T;

  const holdsWork = holdsSomethingToRewrite(ts, plan);

  const visitor = (node: ts.Node): ts.VisitResult<ts.Node | undefined> => {
    // Nothing of the plan in it: left as it is, unvisited (a chain of thousands of `+` is not walked).
    if (!holdsWork(node)) return node;
    // /** @asyncInit */ class Db { … }
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && classes.has(original(node))) {
      return visitTaggedClass(file, node, classes.get(original(node))!, (member) => ts.visitNode(member, visitor, ts.isClassElement));
    }
    // await using db = new Db(url);   (no checker: the value is tested when it runs)
    if (ts.isVariableStatement(node) && isAwaitUsing(ts, node.declarationList)) {
      return visitAwaitUsingStatement(file, original(node), ts.visitEachChild(node, visitor, context));
    }
    // await using db = new Db(url);   (the checker knows db is a tagged instance)
    if (isAwaitUsing(ts, node) && !(node.parent && (ts.isForOfStatement(node.parent) || ts.isForStatement(node.parent)))) {
      return visitAwaitUsingList(file, original(node), ts.visitEachChild(node, visitor, context));
    }
    // outer: for (await using db = new Db(url); …; …) { … continue outer; }
    if (ts.isLabeledStatement(node)) {
      return visitLabeledLoopHead(file, ts.visitEachChild(node, visitor, context));
    }
    // for (await using db = new Db(url); …; …) { … }
    if (ts.isForStatement(node) && isAwaitUsing(ts, node.initializer)) {
      return visitForAwaitUsingHead(file, original(node), ts.visitEachChild(node, visitor, context));
    }
    // await db
    if (ts.isAwaitExpression(node)) {
      return visitTypedAwait(file, original(node), ts.visitEachChild(node, visitor, context));
    }
    // for (await using db of dbs) { … }
    if (ts.isForOfStatement(node) && isAwaitUsing(ts, node.initializer)) {
      return visitForAwaitUsing(file, original(node), ts.visitEachChild(node, visitor, context));
    }
    return ts.visitEachChild(node, visitor, context);
  };

  const visited = ts.visitEachChild(sourceFile, visitor, context);
  if (!file.usesPlumbing()) return visited;
  // The statements keep the file's text range, so that its header comments are still emitted first.
  const statements = factory.createNodeArray(insertPlumbing(file, visited.statements));
  return factory.updateSourceFile(visited, ts.setTextRange(statements, visited.statements));
}

/**
 * Whether a node of the file holds something the plan rewrites: a tagged class, an
 * `await using` or `for (await using …)` site, a typed `await`. A node that a transformer
 * before this one made or updated may hold anything, whatever range it was given.
 */
function holdsSomethingToRewrite(ts: typeof import("typescript"), plan: FilePlan): (node: ts.Node) => boolean {
  const sites: ts.Node[] = [...plan.classes.map((c) => c.node), ...plan.awaitUsings.keys(), ...plan.loops.keys(), ...plan.typedAwaits];
  const starts = sites.map((site) => site.pos).sort((a, b) => a - b);
  return (node) => {
    if (node.pos < 0 || node.flags & ts.NodeFlags.Synthesized) return true;
    // The first site that starts at or after the node's start: inside the node if it starts before its end.
    const first = firstNotBefore(starts, (start) => start < node.pos);
    return first < starts.length && starts[first] < node.end;
  };
}

/**
 * `const asyncInit_1 = (() => { … })();`, after the file's directives ("use strict",
 * "use client") and its leading imports. In a classic script (no import or export),
 * whose top-level scope every other script shares, it is a `var` with a name of its
 * own (`var asyncInit_5f3a9c1e`, see core/names.ts). A module that declares or
 * imports a global the plumbing uses (`class Promise {}`) gets the plumbing's text
 * that takes it from the global object first (withGlobalsFromGlobalObject).
 */
function insertPlumbing(file: FileContext, statements: ts.NodeArray<ts.Statement>): ts.Statement[] {
  const { ts, factory, context, sourceFile } = file;
  const forClasses = file.usesPlumbing() === "classes";
  const names = topLevelNames(ts, sourceFile);
  const text = withGlobalsFromGlobalObject(
    forClasses ? PLUMBING_SOURCE : AWAIT_ONLY_SOURCE,
    PLUMBING_GLOBALS.filter((name) => names.has(name)),
  );
  const declaration = factory.createVariableStatement(
    undefined,
    factory.createVariableDeclarationList(
      [factory.createVariableDeclaration(file.plumbing(forClasses ? "classes" : "await"), undefined, undefined, synthesizeExpression(ts, context, text))],
      ts.isExternalModule(sourceFile) ? ts.NodeFlags.Const : ts.NodeFlags.None,
    ),
  );
  ts.addSyntheticLeadingComment(declaration, ts.SyntaxKind.MultiLineCommentTrivia, jsDocTrivia(GENERATED.plumbing[forClasses ? "classes" : "await"]), true);
  // Its lines map to what it serves, not to the line before it: a frame inside it points there.
  const cause = causeOf(file.plan);
  ts.setSourceMapRange(declaration, { pos: cause, end: cause });
  const at = countLeadingDirectivesAndImports(ts, statements);
  return [...statements.slice(0, at), declaration, ...statements.slice(at)];
}

/**
 * Where the source map puts the plumbing: its lines have no mappings of their own, and a
 * tool maps each to the last mapping before it, which was the line above the plumbing (an
 * import, `exports.helper = helper`, pointing at the last line of another function). So
 * its first line maps to the first tagged class (`export class Db {`), or, in a module
 * without one, to the first `await` or `await using` it serves:
 *
 *     ReferenceError: Db cannot be awaited: its dispose was requested
 *         at disposed (src/db.ts:2:1)        ← the class, not the line above the plumbing
 *         at main (src/main.ts:5:3)
 */
function causeOf(plan: FilePlan): number {
  if (plan.classes.length > 0) return plan.classes[0].node.pos;
  const sites = [...plan.typedAwaits, ...plan.awaitUsings.keys(), ...plan.loops.keys()];
  const first = Math.min(...sites.map((site) => site.pos));
  return Number.isFinite(first) ? first : -1; // none: no mapping, as before
}
