import type * as ts from "typescript";
import { classSymbol, type ThenOwner, thenOwner } from "./checks";
import type { AnalysisFile } from "./file";
import { classNameOf, findInSameFileBases, hasModifier, isThenAtRunTime, memberName } from "./syntax";
import { baseTypes, createTaggedTypeTest, referenceTarget } from "./types";
import { findDescendant } from "./walk";

// What a subclass of a tagged class may get wrong, checked once the tagged classes of its file are known:
// a `then` that replaces the generated one (TS46002), an init that leaves its base's init out (TS46014).

/**
 * A class without the tag that extends a tagged one and has a `then` of its own, or one
 * that a mixin between them gives it: that `then` replaces the generated one, so an
 * `await` of its instances, and an `await using` of them, never runs init (a `then` that
 * calls `super.then` too: after init, the generated `then` is gone, and the call fails).
 *
 *     /** @asyncInit *\/ class Db { async init() {} }
 *     class Cached extends Db { then(done) { done(cache); } }     → TS46002 at `then`
 *     class Cached extends Memo(Db) {}                            → TS46002 at `Cached`: Memo's class declares `then` (with a checker)
 */
export function checkThenOverride(file: AnalysisFile, node: ts.ClassLikeDeclaration, isRewrittenClass: (node: ts.ClassLikeDeclaration) => boolean): void {
  const { ts } = file;
  const own = node.members.find((member) => isThenAtRunTime(ts, member));
  const between = own ? undefined : thenBetween(file, node);
  if (!own && !between) return;
  const base = rewrittenBaseOf(file, node, isRewrittenClass);
  if (!base) return;
  if (own) file.report("thenOverridesGenerated", own, classNameOf(ts, node), classNameOf(ts, base));
  // Not a then the tagged class has itself (TS46002 there already).
  else if (!thenOf(file, base))
    file.report("thenOverridesGeneratedFrom", node.name ?? node, classNameOf(ts, node), classNameOf(ts, base), between!.name, between!.fromLibrary);
}

/**
 * A tagged class whose init has another name than that of the tagged class it extends,
 * and does not call it: the subclass's tag decides which method runs, so the base's init
 * never runs for its instances (a library's class, say, that a user tags again).
 *
 *     /** @asyncInit *\/ class Db { async init() { … } }
 *     /** @asyncInit setup *\/ class Cached extends Db { async setup() { … } }      → TS46014 at `setup`
 *     /** @asyncInit setup *\/ class Cached extends Db { async setup() { await super.init(); … } }  → fine
 */
export function checkBaseInit(
  file: AnalysisFile,
  node: ts.ClassLikeDeclaration,
  initName: string,
  isRewrittenClass: (node: ts.ClassLikeDeclaration) => boolean,
  initNameOf: (node: ts.ClassLikeDeclaration) => string | undefined,
): void {
  const { ts } = file;
  const base = rewrittenBaseOf(file, node, isRewrittenClass);
  const baseInit = base && initNameOf(base);
  if (!base || !baseInit || baseInit === initName) return;
  // Its own init only: one it inherits is another class's to call.
  const init = node.members.find(
    (member): member is ts.MethodDeclaration =>
      ts.isMethodDeclaration(member) &&
      member.body !== undefined &&
      !hasModifier(ts, member, ts.SyntaxKind.StaticKeyword) &&
      memberName(ts, member) === initName,
  );
  if (init && !usesMember(ts, init.body!, baseInit))
    file.report("baseInitSkipped", init.name, classNameOf(ts, node), initName, classNameOf(ts, base), baseInit);
}

/** `super.name` or `this.name` (or `super["name"]`) anywhere in a function body. */
function usesMember(ts: typeof import("typescript"), body: ts.Node, name: string): boolean {
  const isOwnReceiver = (node: ts.Expression) => node.kind === ts.SyntaxKind.SuperKeyword || node.kind === ts.SyntaxKind.ThisKeyword;
  const isUse = (node: ts.Node): boolean =>
    (ts.isPropertyAccessExpression(node) && isOwnReceiver(node.expression) && node.name.text === name) ||
    (ts.isElementAccessExpression(node) &&
      isOwnReceiver(node.expression) &&
      ts.isStringLiteralLike(node.argumentExpression) &&
      node.argumentExpression.text === name);
  return findDescendant(ts, body, isUse) !== undefined;
}

/**
 * Whether a file's text may hold a class that extends another and declares `then` (`then(`,
 * `then =`, `"then"(`, `then?:`…; not a call `.then(`), or that extends what a mixin returns
 * (`extends Memo(Db)`): only those files are searched for such classes when the file does not
 * mention the tag.
 */
export const mayOverrideThen = (text: string): boolean =>
  /\bextends\b/.test(text) && (/(?:^|[^.\w$])["'[]?then["'\]]?\s*[?!]?\s*[(<:=]/m.test(text) || /\bextends\s+[\w$.]+\s*\(/.test(text));

/** With a checker, the class or interface that gives the class's instances their `then`, by name; undefined when they have none. */
function thenBetween(file: AnalysisFile, node: ts.ClassLikeDeclaration): ThenOwner | undefined {
  const then = thenOf(file, node);
  const declaration = then?.declarations?.find((each) => isThenAtRunTime(file.ts, each));
  return declaration && thenOwner(file, then!, declaration);
}

/** With a checker, the `then` of the class's instances, its own or inherited. */
function thenOf(file: AnalysisFile, node: ts.ClassLikeDeclaration): ts.Symbol | undefined {
  const symbol = classSymbol(file, node);
  const then = symbol && file.checker!.getDeclaredTypeOfSymbol(symbol).getProperty("then");
  return then?.declarations?.some((declaration) => isThenAtRunTime(file.ts, declaration)) ? then : undefined;
}

/**
 * The nearest class a class extends, directly or through others, that the rewrite gives its
 * `then`: with a checker, wherever it is declared, through mixins too; without one, among
 * the classes of the same file that its `extends` names (`extends Db`, `extends Memo(Db)`).
 */
function rewrittenBaseOf(
  file: AnalysisFile,
  node: ts.ClassLikeDeclaration,
  isRewrittenClass: (node: ts.ClassLikeDeclaration) => boolean,
): ts.ClassLikeDeclaration | undefined {
  const { ts, checker } = file;
  const symbol = classSymbol(file, node);
  if (!checker || !symbol) return findInSameFileBases(ts, node, (base) => (isRewrittenClass(base) ? base : undefined));
  // Through classes between them, and what a mixin returns (`extends Timestamped(Db)`: an intersection).
  // A test of its own, not the analyzer's isTaggedType: these checks may run while that one is inside
  // the same symbol (reading another file's classes), where its guard against cycles answers false.
  const isTagged = createTaggedTypeTest(ts, checker, isRewrittenClass);
  const declarationOf = (type: ts.Type): ts.ClassLikeDeclaration | undefined => {
    if (type.isUnionOrIntersection()) {
      const tagged = type.types.find(isTagged);
      return tagged && declarationOf(tagged);
    }
    const target = referenceTarget(ts, type);
    const declaration = target.getSymbol()?.declarations?.find(ts.isClassLike);
    if (declaration && isRewrittenClass(declaration)) return declaration;
    const next = baseTypes(ts, checker, target).find(isTagged);
    return next && declarationOf(next);
  };
  const base = baseTypes(ts, checker, checker.getDeclaredTypeOfSymbol(symbol)).find(isTagged);
  return base && declarationOf(base);
}
