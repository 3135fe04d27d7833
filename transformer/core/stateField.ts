import type * as ts from "typescript";
import { classSymbol } from "./checks";
import type { AnalysisFile } from "./file";
import { findTag } from "./tag";
import { ancestors } from "./types";
import { findDescendant } from "./walk";

/**
 * Whether a tagged class gets a private field of its own for the state of its
 * instances (see createStateSlot in emit/ast/visitors/taggedClass.ts), or leaves the state
 * to an ancestor's field or to the plumbing's shared map:
 *
 * - only from ES2022 up: below, TypeScript would need helpers for a private field;
 * - not when an ancestor is tagged too: that ancestor's field serves every level;
 * - not when an ancestor's constructor may return another object (`return known;`):
 *   the field of a subclass is then added to that object again, and adding a private
 *   field twice throws; nor when it freezes, seals or prevents extensions of the
 *   object, which a proposed change to the language would make throw too. A class the
 *   compiler cannot look into (in a `.d.ts`) is taken to do neither;
 * - not when an ancestor of the sources has a class decorator: it may put in place a
 *   constructor that returns another object (an identity map), which the compiler cannot see;
 * - without a type checker (single-file transpilers), only a class with no `extends`, and
 *   none with a decorated member: esbuild lowers every private field of such a class, and
 *   renames the class as it does (`Db` becomes `_Db`);
 * - never with the plugin option `"stateField": false`.
 */
export function ownsStateField(file: AnalysisFile, node: ts.ClassLikeDeclaration): boolean {
  const { ts, checker } = file;
  if (!file.options.stateField || file.target < ts.ScriptTarget.ES2022) return false;
  const extendsSomething = node.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword) ?? false;
  if (!checker && hasDecoratedMember(ts, node)) return false;
  if (!extendsSomething) return true;
  const symbol = checker && classSymbol(file, node);
  if (!checker || !symbol) return false;
  for (const declaration of ancestors(ts, checker, checker.getDeclaredTypeOfSymbol(symbol))) {
    // The nearest tagged one ends the search: a chain of tagged classes costs one step each.
    if (findTag(ts, declaration.getSourceFile(), declaration) || constructorGetsInTheWay(ts, declaration)) return false;
  }
  return true;
}

/**
 * A constructor in the program's sources that has `return <something>`, or calls
 * `Object.freeze`, `Object.seal`, `Object.preventExtensions` or
 * `Reflect.preventExtensions` (its own code, not a nested function's); or a class of the
 * sources with a decorator, which may replace its constructor with one that does.
 */
const LOCKS = new Set(["Object.freeze", "Object.seal", "Object.preventExtensions", "Reflect.preventExtensions"]);

function constructorGetsInTheWay(ts: typeof import("typescript"), declaration: ts.ClassLikeDeclaration): boolean {
  if (declaration.getSourceFile().isDeclarationFile) return false;
  if (hasDecorators(ts, declaration)) return true;
  const locks = (node: ts.Node): boolean =>
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    ts.isIdentifier(node.expression.expression) &&
    LOCKS.has(`${node.expression.expression.text}.${node.expression.name.text}`);
  const getsInTheWay = (node: ts.Node): boolean | "skip" =>
    (ts.isReturnStatement(node) && node.expression !== undefined) || locks(node) || (ts.isFunctionLike(node) || ts.isClassLike(node) ? "skip" : false);
  return declaration.members.some(
    (member) => ts.isConstructorDeclaration(member) && member.body !== undefined && findDescendant(ts, member.body, getsInTheWay) !== undefined,
  );
}

function hasDecorators(ts: typeof import("typescript"), node: ts.Node): boolean {
  return ts.canHaveDecorators(node) && (ts.getDecorators(node)?.length ?? 0) > 0;
}

function hasDecoratedMember(ts: typeof import("typescript"), node: ts.ClassLikeDeclaration): boolean {
  return node.members.some((member) => hasDecorators(ts, member));
}

/** `#asyncInit`, or `#asyncInit_1`, `#asyncInit_2`… when the class's text already mentions the name. */
export function slotName(file: AnalysisFile, node: ts.ClassLikeDeclaration): string {
  const text = file.sourceFile.text.slice(node.pos, node.end);
  let name = "#asyncInit";
  for (let i = 1; text.includes(name); i++) name = `#asyncInit_${i}`;
  return name;
}
