import type * as ts from "typescript";
import { objectFlags } from "./syntax";
import { findTag } from "./tag";

/**
 * Answers "is this type, or does it derive from, an `@asyncInit` class?" with
 * the checker: the class may be in this file, in another file of the program,
 * or in a library's `.d.ts` (which keeps the tag's JSDoc comment).
 * `isTaggedClass` decides which class declarations count (default: those with the tag).
 */
export function createTaggedTypeTest(
  ts: typeof import("typescript"),
  checker: ts.TypeChecker,
  isTaggedClass: (declaration: ts.ClassLikeDeclaration) => boolean = (d) => findTag(ts, d.getSourceFile(), d) !== undefined,
): (type: ts.Type) => boolean {
  const bySymbol = new Map<ts.Symbol, boolean>();

  const isTaggedSymbol = (symbol: ts.Symbol): boolean => (symbol.declarations ?? []).some((d) => ts.isClassLike(d) && isTaggedClass(d));

  function isTagged(type: ts.Type, seen: Set<ts.Type>): boolean {
    if (seen.has(type)) return false;
    seen.add(type);
    if (type.isUnionOrIntersection()) return type.types.some((t) => isTagged(t, seen));
    if (type.flags & ts.TypeFlags.TypeParameter) {
      const constraint = checker.getBaseConstraintOfType(type);
      return constraint !== undefined && constraint !== type && isTagged(constraint, seen);
    }
    const target = referenceTarget(ts, type);
    const symbol = target.getSymbol();
    if (!symbol) return false;
    let known = bySymbol.get(symbol);
    if (known === undefined) {
      bySymbol.set(symbol, false); // guards against cycles in broken code
      known = isTaggedSymbol(symbol) || baseTypes(ts, checker, target).some((base) => isTagged(base, seen));
      bySymbol.set(symbol, known);
    }
    return known;
  }

  return (type) => isTagged(type, new Set());
}

/** The generic type a reference instantiates (`Box<number>` → `Box<T>`), or the type itself. */
export function referenceTarget(ts: typeof import("typescript"), type: ts.Type): ts.Type {
  return objectFlags(ts, type) & ts.ObjectFlags.Reference ? (type as ts.TypeReference).target : type;
}

/** The types a class or interface type extends; none for any other type. */
export function baseTypes(ts: typeof import("typescript"), checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  const target = referenceTarget(ts, type);
  if (!(objectFlags(ts, target) & ts.ObjectFlags.ClassOrInterface)) return [];
  return checker.getBaseTypes(target as ts.InterfaceType);
}
