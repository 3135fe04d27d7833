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

/** A class type's base types, each part of a mixin's (an intersection: `extends Timestamped(Resource)` → the mixin's class, Resource). */
function baseParts(ts: typeof import("typescript"), checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  return baseTypes(ts, checker, type).flatMap((each) => (each.isIntersection() ? each.types : [each]));
}

/**
 * The class declarations a class type inherits from, nearest first, as they are asked for,
 * as the checker sees them (from `.d.ts` files too), through a mixin's call too (its base is
 * an intersection: the mixin's class, and what it extends). No recursion: a chain may be long.
 *
 *     class Pool {}   class Cache extends Pool {}   class Db extends Cache {}
 *     ancestors(ts, checker, typeOf(Db))   → Cache, then Pool
 */
export function* ancestors(ts: typeof import("typescript"), checker: ts.TypeChecker, type: ts.Type): Generator<ts.ClassLikeDeclaration> {
  const seen = new Set<ts.Type>([type]);
  const queue = [type];
  for (let next = 0; next < queue.length; next++) {
    for (const base of baseParts(ts, checker, queue[next])) {
      if (seen.has(base)) continue;
      seen.add(base);
      yield* (referenceTarget(ts, base).getSymbol()?.declarations ?? []).filter(ts.isClassLike);
      queue.push(base);
    }
  }
}

/** The first answer `visit` gives for the class declarations a class type inherits from, nearest first (see ancestors). */
export function findInBaseClasses<T>(
  ts: typeof import("typescript"),
  checker: ts.TypeChecker,
  type: ts.Type,
  visit: (base: ts.ClassLikeDeclaration) => T | undefined,
): T | undefined {
  for (const declaration of ancestors(ts, checker, type)) {
    const found = visit(declaration);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * With a checker, whether a value whose type is not a tagged class may still hold an
 * instance of one: its type is `any`, `unknown` or `object`, a type parameter (an
 * indexed access, a conditional type) whose constraint may, a union with one such
 * member or an intersection of such types, a class that one of the program's tagged
 * classes extends or implements, a class with a base that is no class to the checker
 * (`extends AnyBase`, where `AnyBase: any`) and may hold one, or another type (`AsyncDisposable`, an interface, an
 * object type) that one of them is assignable to (a generic one: whose members it
 * has). A class type that no tagged class extends or implements holds its own
 * instances (what a tagged one may have in common with it aside). Such an `await using` is
 * tested when it runs, as without a checker, rather than left to skip `init()`:
 *
 *     const open = () => registry.get("db") as AsyncDisposable;
 *     await using db = open();      // tested: db is a Db, awaited on entry
 *
 * `taggedTypes` are the instance types of the program's tagged classes; with none,
 * nothing may hold one, and a program without tagged classes is left as it is.
 */
export function createMayHoldTaggedTest(
  ts: typeof import("typescript"),
  checker: ts.TypeChecker,
  taggedTypes: () => readonly ts.Type[],
): (type: ts.Type) => boolean {
  const { TypeFlags } = ts;
  const mayHold = (type: ts.Type, seen: Set<ts.Type>): boolean => {
    if (seen.has(type)) return false;
    seen.add(type);
    if (type.flags & (TypeFlags.Any | TypeFlags.Unknown)) return true;
    if (type.isUnion()) return type.types.some((t) => mayHold(t, seen));
    if (type.isIntersection()) return type.types.every((t) => mayHold(t, seen));
    // T, T[K], T extends U ? X : Y…: what it is at the least.
    if (type.flags & (TypeFlags.TypeParameter | TypeFlags.IndexedAccess | TypeFlags.Conditional | TypeFlags.Substitution)) {
      const constraint = checker.getBaseConstraintOfType(type);
      return constraint === undefined || constraint === type || mayHold(constraint, seen);
    }
    // `object` may be anything; null, undefined, strings, numbers… are not instances.
    if (type.flags & TypeFlags.NonPrimitive) return true;
    if (!(type.flags & TypeFlags.Object)) return false;
    const target = referenceTarget(ts, type);
    if (isClass(target)) return taggedTypes().some((tagged) => derivesFrom(tagged, target, new Set())) || baseMayHold(target, seen);
    return taggedTypes().some((tagged) =>
      isGeneric(tagged)
        ? hasPropertiesOf(tagged, type)
        : checker.isTypeAssignableTo(tagged, type) || (asksForAsyncDispose(type) && hasPropertiesOf(tagged, type)),
    );
  };
  const isClass = (type: ts.Type) => ((type.getSymbol()?.flags ?? 0) & ts.SymbolFlags.Class) !== 0;
  // A class whose base the checker cannot see as a class (`class Sub extends AnyBase`, where `AnyBase: any`, or
  // `extends Ctor`, where `Ctor: new () => AsyncDisposable`) may extend a tagged one when it runs: what the base may hold.
  const baseMayHold = (type: ts.Type, seen: Set<ts.Type>): boolean =>
    baseTypes(ts, checker, type).some((base) => (isClass(referenceTarget(ts, base)) ? baseMayHold(referenceTarget(ts, base), seen) : mayHold(base, seen)));
  // A class that the tagged one extends, or implements (a class used as an interface).
  const derivesFrom = (type: ts.Type, base: ts.Type, seen: Set<ts.Type>): boolean => {
    const target = referenceTarget(ts, type);
    if (target === base) return true;
    if (seen.has(target)) return false;
    seen.add(target);
    return [...baseParts(ts, checker, target), ...implementedTypes(target)].some((t) => derivesFrom(t, base, seen));
  };
  const implementedTypes = (type: ts.Type): ts.Type[] =>
    (type.getSymbol()?.declarations ?? [])
      .filter(ts.isClassLike)
      .flatMap((d) => d.heritageClauses?.filter((c) => c.token === ts.SyntaxKind.ImplementsKeyword) ?? [])
      .flatMap((c) => c.types.map((t) => checker.getTypeAtLocation(t)));
  // Box<T> is not assignable to Holder<string> (T is not string) though a Box<string> is: a generic
  // class is matched by the names of the members the type asks for.
  const isGeneric = (tagged: ts.Type) => ((referenceTarget(ts, tagged) as ts.InterfaceType).typeParameters?.length ?? 0) > 0;
  // The rewrite gives every tagged class `[Symbol.asyncDispose]`, which the class as declared lacks when it has no teardown
  // of its own: so it is not assignable to `AsyncDisposable`, or to an interface that extends it, and is matched by names too.
  const propertyNames = new Map<ts.Type, Set<ts.__String>>();
  const hasPropertiesOf = (tagged: ts.Type, type: ts.Type): boolean => {
    if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return false;
    let own = propertyNames.get(tagged);
    if (!own) propertyNames.set(tagged, (own = new Set(checker.getPropertiesOfType(tagged).map((p) => p.escapedName))));
    return checker.getPropertiesOfType(type).every((p) => p.flags & ts.SymbolFlags.Optional || own.has(p.escapedName) || isAsyncDisposeKey(p));
  };
  // Not the type of an object literal (`await using scope = { async [Symbol.asyncDispose]() {} }`): that value is no instance.
  const asksForAsyncDispose = (type: ts.Type) =>
    !(objectFlags(ts, type) & ts.ObjectFlags.ObjectLiteral) && checker.getPropertiesOfType(type).some(isAsyncDisposeKey);
  // The answer for each type asked about: a program's sites share a few types (a `Pool`, an `AsyncDisposable`), and
  // each answer compares the type with every tagged class.
  const answers = new Map<ts.Type, boolean>();
  return (type) => {
    let answer = answers.get(type);
    if (answer === undefined) answers.set(type, (answer = taggedTypes().length > 0 && mayHold(type, new Set())));
    return answer;
  };
}

/** A property keyed by `Symbol.asyncDispose` (TypeScript names it `__@asyncDispose@<id>`; a key of that name, whatever its symbol, counts too). */
const isAsyncDisposeKey = (property: ts.Symbol) => /^__@asyncDispose@\d+$/.test(property.escapedName as string);

/** The instance type of a class: what `new` of it makes. */
export function instanceTypeOf(checker: ts.TypeChecker, node: ts.ClassLikeDeclaration): ts.Type {
  const type = checker.getTypeAtLocation(node);
  // A class declaration's node has the instance type; a class expression's, the constructor's.
  const [construct] = type.getConstructSignatures();
  return construct ? construct.getReturnType() : type;
}

/**
 * For a program that may not hold every tagged class (ts-jest's language service holds
 * only the files compiled so far): whether a type may hold an object at all, so that an
 * `await using` of it is tested when it runs. Only a value that can be no object (a
 * string, a number, null…) is left as written; the output of a file then does not
 * depend on which other files the program happens to hold.
 *
 *     await using r = resource;   // resource: T extends AsyncDisposable   → tested when it runs
 */
export function createMayHoldObjectTest(ts: typeof import("typescript")): (type: ts.Type) => boolean {
  const { TypeFlags } = ts;
  const noObject =
    TypeFlags.StringLike |
    TypeFlags.NumberLike |
    TypeFlags.BigIntLike |
    TypeFlags.BooleanLike |
    TypeFlags.ESSymbolLike |
    TypeFlags.Void |
    TypeFlags.Undefined |
    TypeFlags.Null |
    TypeFlags.Never;
  const mayHold = (type: ts.Type): boolean => {
    if (type.isUnion()) return type.types.some(mayHold);
    if (type.isIntersection()) return type.types.every(mayHold);
    return (type.flags & noObject) === 0;
  };
  return mayHold;
}
