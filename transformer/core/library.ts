import type * as ts from "typescript";
import { findTags } from "./tag";
import { instanceTypeOf } from "./types";

/**
 * The init that a class of a `.d.ts` (a library's, built with this package) runs, as its
 * tag names it; undefined where it has no tag, or where the class has no member of that
 * name, own or inherited. This package writes a `.d.ts` whose tag names it, right before
 * the class, which declares its init (a `private init;` too). Another tag before it is a
 * comment that a tool wrote there itself: TypeScript moves a file's first comments, and a
 * bundler of declarations leaves the tag of a class it dropped before the next one:
 *
 *     /** @asyncInit *\/           ← the tag of a class left out of the bundle
 *     //#endregion
 *     declare class Helper {      → no init: not tagged (its await using keeps TS2851)
 *       close(): Promise<void>;
 *     }
 */
export function initNameOfDeclared(
  ts: typeof import("typescript"),
  checker: ts.TypeChecker | undefined,
  declaration: ts.ClassLikeDeclaration,
  defaultInit: string,
): string | undefined {
  const tags = findTags(ts, declaration.getSourceFile(), declaration);
  if (tags.length === 0) return undefined;
  const name = [...tags].reverse().find((tag) => tag.argument)?.argument?.text ?? defaultInit;
  const named = (member: ts.ClassElement) => member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) && member.name.text === name;
  if (declaration.members.some(named)) return name;
  // Inherited (from a base class, or a mixin's type); without a checker, a class that extends something may have it.
  if (!checker) return declaration.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword) ? name : undefined;
  return instanceTypeOf(checker, declaration).getProperty(name) ? name : undefined;
}
