import type * as ts from "typescript";
import type { AnalysisFile } from "./file";
import { skipOuterExpressions } from "./syntax";
import { ancestors, createTaggedTypeTest, instanceTypeOf, referenceTarget } from "./types";

/**
 * With declarations written (`declaration`, `composite`) and a checker: the export of the
 * module that makes instances of a tagged class and hands them out, not yet initialised,
 * under a type that its `.d.ts` writes without any tagged class (TS46015). Code compiled
 * against that `.d.ts` sees no tagged class there, and leaves its `await using` of such a
 * value as written, so init never runs:
 *
 *     export interface Handle extends AsyncDisposable { ready: boolean }
 *     /** @asyncInit *\/ class Conn { … }
 *     export function connect(): Handle { return new Conn(); }   → .d.ts: connect(): Handle
 *     export function open() {
 *       /** @asyncInit *\/ class Local { … }
 *       return new Local();                                      → .d.ts: open(): { ready: boolean; … }
 *     }
 *
 * Only what is certain to reach code that imports it as it was made: `new` of the class as
 * the value of an exported variable, or as what an exported function (or a public method
 * of an exported class) that is not async returns. An async function's promise waits for
 * the init of an instance it resolves with; a value made elsewhere may be ready. Not
 * reported either where the type given is a tagged class, or one that a tagged class the
 * module exports satisfies (code compiled against it then tests the value when it runs),
 * where the class is declared in the `.d.ts` as itself (another export names it), or for
 * a declaration tagged `@internal`.
 */
export function exportOfUnnamedInstances(file: AnalysisFile, node: ts.ClassLikeDeclaration): { name: string; type: string } | undefined {
  const { ts, checker, sourceFile } = file;
  const module = checker?.getSymbolAtLocation(sourceFile);
  if (!checker || !module) return undefined;
  const instance = instanceTypeOf(checker, node);
  const topLevel = ts.isClassDeclaration(node) && node.parent === sourceFile;
  const exports = checker.getExportsOfModule(module).map((exported) => ({
    name: exported.name,
    symbol: exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported,
  }));
  const givers = exports.flatMap(({ name, symbol }) => giversOf(ts, checker, symbol, sourceFile).map((giver) => ({ name, ...giver })));
  // Named as itself by one export (`open(): Conn`), a top-level class is declared in the .d.ts, tag and all.
  if (topLevel && givers.some((giver) => giver.types.some((type) => partsOf(checker, type).includes(instance)))) return undefined;
  const isTagged = createTaggedTypeTest(ts, checker);
  const exportedTagged = exports.flatMap(({ symbol }) =>
    symbol.flags & ts.SymbolFlags.Class && symbol.valueDeclaration && ts.isClassLike(symbol.valueDeclaration)
      ? [instanceTypeOf(checker, symbol.valueDeclaration)].filter(isTagged)
      : [],
  );
  // As code compiled against the .d.ts asks it (createMayHoldTaggedTest): a class type holds what derives from it, another type what satisfies it.
  const seenByConsumers = (type: ts.Type) =>
    partsOf(checker, type).some(
      (part) =>
        (part !== instance && isTagged(part)) ||
        exportedTagged.some((tagged) => (isClassType(ts, part) ? derivesFrom(ts, checker, tagged, part) : checker.isTypeAssignableTo(tagged, part))),
    );
  for (const giver of givers) {
    const makesOne = giver.values.some((value) => isNewOf(ts, checker, value, instance));
    if (makesOne && giver.types.length > 0 && !giver.types.some(seenByConsumers)) {
      // A class nested in a function is written out as an object type: its name means nothing there.
      const [type] = giver.types;
      const shown = partsOf(checker, type).includes(instance)
        ? "an object type"
        : `'${checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation)}'`;
      return { name: giver.name + giver.member, type: shown };
    }
  }
  return undefined;
}

/** What an export hands out: the expressions it gives, and the types code importing it sees them as (a function's public signatures). */
interface Giver {
  /** `.acquire` for a method of an exported class; "" otherwise. */
  member: string;
  values: ts.Expression[];
  types: ts.Type[];
}

/** An exported variable, a function that is not async, or the public methods of an exported class that are not. */
function giversOf(ts: typeof import("typescript"), checker: ts.TypeChecker, symbol: ts.Symbol, at: ts.Node): Giver[] {
  const declarations = (symbol.declarations ?? []).filter((declaration) => !isInternal(ts, declaration));
  return declarations.flatMap((declaration): Giver[] => {
    if (ts.isVariableDeclaration(declaration)) {
      const value = declaration.initializer && skipOuterExpressions(ts, declaration.initializer);
      if (value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))) return functionGiver(ts, checker, value, symbol, at, "");
      return value ? [{ member: "", values: [value as ts.Expression], types: [checker.getTypeOfSymbolAtLocation(symbol, at)] }] : [];
    }
    if (ts.isFunctionDeclaration(declaration) && declaration.body) return functionGiver(ts, checker, declaration, symbol, at, "");
    if (ts.isClassLike(declaration)) {
      return declaration.members.flatMap((member) =>
        ts.isMethodDeclaration(member) && member.body && isPublic(ts, member) && !isInternal(ts, member)
          ? functionGiver(ts, checker, member, checker.getSymbolAtLocation(member.name), at, `.${member.name.getText()}`)
          : [],
      );
    }
    return [];
  });
}

/** A function that is not async, with what it returns and the return types of its public signatures (the overloads, where it has them). */
function functionGiver(
  ts: typeof import("typescript"),
  checker: ts.TypeChecker,
  giver: ts.FunctionLikeDeclaration,
  symbol: ts.Symbol | undefined,
  at: ts.Node,
  member: string,
): Giver[] {
  if (!giver.body || (ts.getCombinedModifierFlags(giver) & ts.ModifierFlags.Async) !== 0 || giver.asteriskToken) return [];
  const signatures = symbol ? checker.getTypeOfSymbolAtLocation(symbol, at).getCallSignatures() : [];
  return [{ member, values: returnedBy(ts, giver.body), types: signatures.map((signature) => signature.getReturnType()) }];
}

/** What a function body returns (not a nested function's). */
function returnedBy(ts: typeof import("typescript"), body: ts.ConciseBody): ts.Expression[] {
  if (!ts.isBlock(body)) return [body];
  const returned: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return returned;
}

/** `new Conn(…)` (as written, or `as Handle`, `satisfies`, in parentheses) of the class whose instance type is given. */
function isNewOf(ts: typeof import("typescript"), checker: ts.TypeChecker, value: ts.Expression, instance: ts.Type): boolean {
  const made = skipOuterExpressions(ts, value);
  return ts.isNewExpression(made) && checker.getTypeAtLocation(made) === instance;
}

/** A class's instance type (`Base`), not an interface's or an object literal's. */
function isClassType(ts: typeof import("typescript"), type: ts.Type): boolean {
  return ((referenceTarget(ts, type).getSymbol()?.flags ?? 0) & ts.SymbolFlags.Class) !== 0;
}

/** Whether a class type extends another (`class Db extends Base`). */
function derivesFrom(ts: typeof import("typescript"), checker: ts.TypeChecker, type: ts.Type, base: ts.Type): boolean {
  const declarations = referenceTarget(ts, base).getSymbol()?.declarations ?? [];
  for (const ancestor of ancestors(ts, checker, type)) if (declarations.includes(ancestor)) return true;
  return false;
}

/** The members of a union: `Handle | undefined` → Handle, undefined. */
function partsOf(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  const awaited = checker.getAwaitedType(type) ?? type;
  return awaited.isUnion() ? awaited.types : [awaited];
}

/** A method that code importing the class sees: not `private`, `protected` or `#private`. */
function isPublic(ts: typeof import("typescript"), member: ts.ClassElement): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return false;
  return (ts.getCombinedModifierFlags(member as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0;
}

/** `/** @internal *\/`: left out of the `.d.ts` with `stripInternal`, and no part of the API in any case. */
function isInternal(ts: typeof import("typescript"), declaration: ts.Node): boolean {
  // Read from the text: tsc parses no JSDoc of a .ts file it does not need for types.
  const statement = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  const text = statement.getSourceFile().text;
  return (ts.getLeadingCommentRanges(text, statement.pos) ?? []).some(
    (range) => text.startsWith("/**", range.pos) && /(?:^|[\s*])@internal\b/.test(text.slice(range.pos, range.end)),
  );
}
