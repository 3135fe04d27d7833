import type * as ts from "typescript";
import { type AsyncInitTag, commentsBeforeClass, findTags } from "./tag";
import { instanceTypeOf } from "./types";

/**
 * The init that a class of a `.d.ts` (a library's, built with this package) runs, as its
 * tag names it; undefined where it has no tag, or where the tag is not the class's. This
 * package writes a `.d.ts` whose tag names the init, right before the class, which
 * declares it (a `private init;` too). A tag a tool left there is another class's:
 *
 *     /** @asyncInit *\/           ← the tag of a class a bundler of declarations dropped
 *     //#endregion                   (Rolldown's dts, tsdown's: a region between them)
 *     //#region src/index.d.ts
 *     declare class Helper { … }   → not tagged (its await using keeps TS2851)
 *
 *     /** @asyncInit open *\/
 *     declare class Pool { … }     → tagged only if it has an instance member `open`, own or inherited
 *
 * A bare tag (a bundler's `dts` keeps the tag as written) does not say which init the
 * library's build ran: the class counts, with the init this build's options name.
 */
export function initNameOfDeclared(
  ts: typeof import("typescript"),
  checker: ts.TypeChecker | undefined,
  declaration: ts.ClassLikeDeclaration,
  defaultInit: string,
): string | undefined {
  const sourceFile = declaration.getSourceFile();
  const tags = findTags(ts, sourceFile, declaration);
  if (tags.length === 0 || regionBetween(ts, sourceFile, declaration, tags)) return undefined;
  const named = [...tags].reverse().find((tag) => tag.argument)?.argument?.text;
  if (named === undefined) return defaultInit;
  return mayHaveInstanceMember(ts, checker, declaration, named) ? named : undefined;
}

/** A `//#region` or `//#endregion` comment between the last tag and the class: the tag belongs to what came before. */
function regionBetween(ts: typeof import("typescript"), sourceFile: ts.SourceFile, declaration: ts.ClassLikeDeclaration, tags: AsyncInitTag[]): boolean {
  const lastTag = tags[tags.length - 1].comment.pos;
  return commentsBeforeClass(ts, sourceFile, declaration).some(
    (comment) => comment.pos > lastTag && /^\/\/#(?:end)?region\b/.test(sourceFile.text.slice(comment.pos, comment.end)),
  );
}

/** An instance member named `name`: its own (not a static one), or inherited; a base the checker cannot see (any) may have it. */
function mayHaveInstanceMember(
  ts: typeof import("typescript"),
  checker: ts.TypeChecker | undefined,
  declaration: ts.ClassLikeDeclaration,
  name: string,
): boolean {
  const isStatic = (member: ts.ClassElement) => (ts.getCombinedModifierFlags(member as ts.Declaration) & ts.ModifierFlags.Static) !== 0;
  const isNamed = (member: ts.ClassElement) =>
    member.name !== undefined && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) && member.name.text === name;
  if (declaration.members.some((member) => isNamed(member) && !isStatic(member))) return true;
  const bases = declaration.heritageClauses?.filter((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword).flatMap((clause) => clause.types) ?? [];
  if (!checker) return bases.length > 0;
  if (instanceTypeOf(checker, declaration).getProperty(name)) return true;
  return bases.some((base) => (checker.getTypeAtLocation(base.expression).flags & ts.TypeFlags.Any) !== 0);
}
