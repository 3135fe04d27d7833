import type * as ts from "typescript";
import type { AnalysisFile } from "./file";
import { skipOuterExpressions } from "./syntax";
import { instanceTypeOf } from "./types";

/**
 * With declarations written (`declaration`, `composite`) and a checker: the export of the
 * module through which instances of a tagged class that the module does not export leave
 * it, under a type that its `.d.ts` writes without the class (TS46015). Code compiled
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
 * Looked for where an export hands out an instance: what an exported function, or a public
 * method of an exported class, returns, and an exported variable's value. A class declared
 * at the module's top level and given as itself is declared in the `.d.ts`
 * (`declare class Conn`), tag and all: not reported.
 */
export function exportOfUnnamedInstances(file: AnalysisFile, node: ts.ClassLikeDeclaration): { name: string; type: string } | undefined {
  // type: `'Handle | undefined'`, quoted, or "an object type".
  const { ts, checker, sourceFile } = file;
  const module = checker?.getSymbolAtLocation(sourceFile);
  if (!checker || !module) return undefined;
  const instance = instanceTypeOf(checker, node);
  const declaredInDts = ts.isClassDeclaration(node) && node.parent === sourceFile;
  const holdsInstance = (expression: ts.Expression) => partsOf(checker, checker.getTypeAtLocation(expression)).includes(instance);
  const hides = (given: ts.Type) => !(declaredInDts && partsOf(checker, given).includes(instance));
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const giver of giversOf(ts, symbol)) {
      const given = givenType(ts, checker, giver);
      if (given && valuesGivenBy(ts, giver).some(holdsInstance) && hides(given)) {
        const method = ts.isMethodDeclaration(giver) ? `.${giver.name.getText()}` : "";
        // A class nested in a function is written out as an object type: its name means nothing there.
        const type = partsOf(checker, given).includes(instance)
          ? "an object type"
          : `'${checker.typeToString(given, undefined, ts.TypeFormatFlags.NoTruncation)}'`;
        return { name: `${exported.name}${method}`, type };
      }
    }
  }
  return undefined;
}

/** A declaration that hands values out: a function, a method, an arrow function or function expression, a variable. */
type Giver = ts.FunctionLikeDeclaration | ts.VariableDeclaration;

/** The exported function or variable, or the public methods of an exported class. */
function giversOf(ts: typeof import("typescript"), symbol: ts.Symbol): Giver[] {
  return (symbol.declarations ?? []).flatMap((declaration): Giver[] => {
    if (ts.isFunctionDeclaration(declaration)) return [declaration];
    if (ts.isVariableDeclaration(declaration)) {
      const value = declaration.initializer && skipOuterExpressions(ts, declaration.initializer);
      return [value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value : declaration];
    }
    if (ts.isClassLike(declaration))
      return declaration.members.filter((member) => ts.isMethodDeclaration(member) && isPublic(ts, member)) as ts.MethodDeclaration[];
    return [];
  });
}

/** What code importing it sees of what a giver hands out: a function's return type, awaited; a variable's type. */
function givenType(ts: typeof import("typescript"), checker: ts.TypeChecker, giver: Giver): ts.Type | undefined {
  if (ts.isVariableDeclaration(giver)) return checker.getTypeAtLocation(giver.name);
  const signature = checker.getSignatureFromDeclaration(giver);
  return signature && (checker.getAwaitedType(signature.getReturnType()) ?? signature.getReturnType());
}

/** The expressions a giver hands out: a variable's initializer, or what its function returns (not a nested function's). */
function valuesGivenBy(ts: typeof import("typescript"), giver: Giver): ts.Expression[] {
  if (ts.isVariableDeclaration(giver)) return giver.initializer ? [giver.initializer] : [];
  const body = giver.body;
  if (!body) return [];
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

/** The members of a union, each awaited: `Promise<Conn | undefined>` → Conn, undefined. */
function partsOf(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  const awaited = checker.getAwaitedType(type) ?? type;
  return awaited.isUnion() ? awaited.types : [awaited];
}

/** A method that code importing the class sees: not `private`, `protected` or `#private`. */
function isPublic(ts: typeof import("typescript"), member: ts.ClassElement): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return false;
  return (ts.getCombinedModifierFlags(member as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0;
}
