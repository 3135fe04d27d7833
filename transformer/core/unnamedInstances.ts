import type * as ts from "typescript";
import type { AnalysisFile } from "./file";
import { skipOuterExpressions } from "./syntax";
import { instanceTypeOf } from "./types";
import { forEachDescendant } from "./walk";

/**
 * With declarations written (`declaration`, `composite`) and a checker: the export of the
 * module that hands out instances of a tagged class that its `.d.ts` cannot name, a class
 * nested in a function or a class expression, whose instance type TypeScript then writes
 * out as an object type, with no tag (TS46015). Code compiled against that `.d.ts` sees no
 * tagged class there, and leaves its `await using` of such a value as written, so init
 * never runs:
 *
 *     export function open() {
 *       /** @asyncInit *\/ class Local { … }
 *       return new Local();                  → .d.ts: open(): { ready: boolean; … }
 *     }
 *
 * Looked for in what an exported function (or a public method of an exported class) that
 * is not async returns, and in an exported variable's value: an async function's promise
 * waits for the init of an instance it resolves with. A class the `.d.ts` can name but
 * that an export hands out as an interface or a base (`connect(): Handle`) is not reported:
 * whether code compiled against the library tests such a value depends on the tagged
 * classes of the whole library that fit the type, which one module does not see (the
 * README says to type factories as the class).
 */
export function exportOfUnnamedInstances(file: AnalysisFile, node: ts.ClassLikeDeclaration): { name: string } | undefined {
  const { ts, checker, sourceFile } = file;
  const module = checker?.getSymbolAtLocation(sourceFile);
  if (!checker || !module) return undefined;
  // A class declared at the module's top level is declared in the .d.ts (exported or not, where an export names it), tag and all.
  if (ts.isClassDeclaration(node) && node.parent === sourceFile) return undefined;
  const instance = instanceTypeOf(checker, node);
  const holdsInstance = (type: ts.Type) => partsOf(checker, type).includes(instance);
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const giver of giversOf(ts, checker, symbol, sourceFile)) {
      if (giver.types.some(holdsInstance) && giver.values.some((value) => holdsInstance(checker.getTypeAtLocation(value))))
        return { name: exported.name + giver.member };
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
  forEachDescendant(ts, body, (node) => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    return true;
  });
  return returned;
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
