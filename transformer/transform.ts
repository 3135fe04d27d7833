import type * as ts from "typescript";
import { createFileContext, type FileContext } from "./context";
import { createDiagnostic } from "./diagnostics";
import type { Options } from "./options";
import { checkTaggedClass, reportStrayTags, type TaggedClass } from "./checks";
import { AWAIT_ONLY_SOURCE, PLUMBING_GLOBALS, PLUMBING_SOURCE, withGlobalsFromGlobalObject } from "./plumbing";
import { synthesizeExpression } from "./runtime/synthesize";
import { topLevelNames } from "./scope";
import { countLeadingDirectivesAndImports, isAmbient, skipParentheses } from "./syntax";
import { allTagComments, findTag, mentionsTag } from "./tag";
import { createTaggedTypeTest } from "./types";
import { isAwaitUsing, visitAwaitUsingList, visitForAwaitUsing, type IsTaggedInstance } from "./visitors/awaitUsing";
import { visitTaggedClass } from "./visitors/taggedClass";
import { visitTypedAwait } from "./visitors/typedAwait";

export interface TransformerSetup {
  ts: typeof import("typescript");
  program: ts.Program | undefined;
  options: Options;
  addDiagnostic: (diagnostic: ts.Diagnostic) => void;
}

/** The `before` transformer: one pass over each file, handing each kind of node to its visitor. */
export function createTransformer(setup: TransformerSetup): ts.TransformerFactory<ts.SourceFile> {
  const { ts, program } = setup;
  const checker = program?.getTypeChecker();
  const isTaggedType = checker && createTaggedTypeTest(ts, checker);
  const reported = new Set<string>();
  let programMentionsTag: boolean | undefined;

  return (context) => (sourceFile) => {
    // Files that mention neither the tag nor `await` come out exactly as they went in,
    // and so does every file of a program in which no file mentions the tag.
    const text = sourceFile.text;
    if (sourceFile.isDeclarationFile || (!mentionsTag(text) && !text.includes("await"))) return sourceFile;
    if (!mentionsTag(text) && !(programMentionsTag ??= !program || program.getSourceFiles().some((f) => mentionsTag(f.text)))) return sourceFile;

    // Report each file's diagnostics once, even when the program is emitted again (watch mode, builders).
    const firstTime = !reported.has(sourceFile.fileName);
    reported.add(sourceFile.fileName);
    const file = createFileContext(ts, context, sourceFile, checker, setup.options, (d) => firstTime && setup.addDiagnostic(d));
    try {
      return transformFile(file, isTaggedType);
    } catch (error) {
      if (firstTime) setup.addDiagnostic(createDiagnostic(ts, "internal", { file: sourceFile, start: 0, length: 0 }, String((error as Error)?.message ?? error)));
      return sourceFile;
    }
  };
}

function transformFile(file: FileContext, isTaggedType: ((type: ts.Type) => boolean) | undefined): ts.SourceFile {
  const { ts, factory, sourceFile, context } = file;
  const tagged = mentionsTag(sourceFile.text) ? findTaggedClasses(file) : new Map<ts.Node, TaggedClass>();
  const isTaggedInstance = createInstanceTest(file, tagged, isTaggedType);

  const visitor = (node: ts.Node): ts.VisitResult<ts.Node | undefined> => {
    // /** @asyncInit */ class Db { … }
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && tagged.has(node)) {
      return visitTaggedClass(file, node, tagged.get(node)!, (member) => ts.visitNode(member, visitor, ts.isClassElement));
    }
    // await using db = new Db(url);
    if (isAwaitUsing(ts, node) && !(node.parent && ts.isForOfStatement(node.parent))) {
      return visitAwaitUsingList(file, node, ts.visitEachChild(node, visitor, context), isTaggedInstance);
    }
    // await db
    if (ts.isAwaitExpression(node)) {
      return visitTypedAwait(file, node, ts.visitEachChild(node, visitor, context), isTaggedInstance);
    }
    // for (await using db of dbs) { … }
    if (ts.isForOfStatement(node) && isAwaitUsing(ts, node.initializer)) {
      return visitForAwaitUsing(file, node, ts.visitEachChild(node, visitor, context), isTaggedInstance);
    }
    return ts.visitEachChild(node, visitor, context);
  };

  const visited = ts.visitEachChild(sourceFile, visitor, context);
  if (!file.usesPlumbing()) return visited;
  // The statements keep the file's text range, so that its header comments are still emitted first.
  const statements = factory.createNodeArray(insertPlumbing(file, visited.statements));
  return factory.updateSourceFile(visited, ts.setTextRange(statements, visited.statements));
}

/** Finds the tagged classes, checks them, and warns about tags that are not on a class. */
export function findTaggedClasses(file: FileContext): Map<ts.Node, TaggedClass> {
  const { ts, sourceFile } = file;
  const tagged = new Map<ts.Node, TaggedClass>();
  const used = new Set<number>();
  const find = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      const tag = findTag(ts, sourceFile, node);
      if (tag) used.add(tag.comment.pos);
      // `declare class` only describes a class made elsewhere: nothing to generate.
      if (tag && !isAmbient(ts, node)) {
        const checked = checkTaggedClass(file, node, tag);
        if (checked) tagged.set(node, checked);
      }
    }
    ts.forEachChild(node, find);
  };
  find(sourceFile);
  reportStrayTags(file, allTagComments(ts, sourceFile).filter((tag) => !used.has(tag.comment.pos)));
  return tagged;
}

/** With a program, the checker decides; without one, only `new X()` of a class tagged in this file counts. */
function createInstanceTest(file: FileContext, tagged: Map<ts.Node, TaggedClass>, isTaggedType: ((type: ts.Type) => boolean) | undefined): IsTaggedInstance {
  const { ts, checker } = file;
  if (checker && isTaggedType) return (node) => isTaggedType(checker.getTypeAtLocation(node));
  const names = new Set([...tagged.keys()].flatMap((c) => ((c as ts.ClassLikeDeclaration).name ? [(c as ts.ClassLikeDeclaration).name!.text] : [])));
  return (node) => {
    const expression = skipParentheses(ts, node);
    return ts.isNewExpression(expression) && ts.isIdentifier(expression.expression) && names.has(expression.expression.text);
  };
}

/**
 * `const asyncInit_1 = (() => { … })();`, after the file's directives ("use strict",
 * "use client") and its leading imports. In a classic script (no import or export),
 * whose top-level scope every other script shares, it is a `var` with a name of its
 * own (`var asyncInit_5f3a9c1e`, see FileContext.plumbing). A module that declares or
 * imports a global the plumbing uses (`class Promise {}`) gets the plumbing's text
 * that takes it from the global object first (withGlobalsFromGlobalObject).
 */
function insertPlumbing(file: FileContext, statements: ts.NodeArray<ts.Statement>): ts.Statement[] {
  const { ts, factory, context, sourceFile } = file;
  const forClasses = file.usesPlumbing() === "classes";
  const names = topLevelNames(ts, sourceFile);
  const text = withGlobalsFromGlobalObject(forClasses ? PLUMBING_SOURCE : AWAIT_ONLY_SOURCE, PLUMBING_GLOBALS.filter((name) => names.has(name)));
  const declaration = factory.createVariableStatement(
    undefined,
    factory.createVariableDeclarationList(
      [factory.createVariableDeclaration(file.plumbing(forClasses ? "classes" : "await"), undefined, undefined, synthesizeExpression(ts, context, text))],
      ts.isExternalModule(sourceFile) ? ts.NodeFlags.Const : ts.NodeFlags.None,
    ),
  );
  ts.addSyntheticLeadingComment(
    declaration,
    ts.SyntaxKind.MultiLineCommentTrivia,
    forClasses
      ? "* ts-async-init: makes this module's @asyncInit classes awaitable and async-disposable (generated). "
      : "* ts-async-init: awaits instances of @asyncInit classes from other modules (generated). ",
    true,
  );
  const at = countLeadingDirectivesAndImports(ts, statements);
  return [...statements.slice(0, at), declaration, ...statements.slice(at)];
}
