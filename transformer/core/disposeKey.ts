import type * as ts from "typescript";
import { constInitializer } from "./bindings";
import { hasModifier, skipOuterExpressions, skipParentheses } from "./syntax";

/**
 * What a member's name says: it is keyed by `Symbol.asyncDispose`, by something else, by
 * `Symbol.for("nodejs.asyncDispose")` or `Symbol.for("Symbol.asyncDispose")` (which are
 * `Symbol.asyncDispose` in some places only: either, depending on where the code runs), or
 * the compiler cannot tell.
 */
export type DisposeKey = "asyncDispose" | "other" | "registryAsyncDispose" | "unknown";

/**
 * Whether a class member's name is `Symbol.asyncDispose`, written out or through an alias:
 *
 *     [Symbol.asyncDispose]                          → asyncDispose
 *     [k]   with const k = Symbol.asyncDispose       → asyncDispose (the checker, following consts and readonly
 *                                                      properties to what they hold; without it, a const of the file)
 *     init, "then", [Symbol.iterator], [kState]      → other (kState: a symbol of its own)
 *     [Symbol("x")], [Symbol.for("x")]               → other (also through a const that holds one)
 *     [k]   with k: symbol, any, or a string | symbol → unknown
 *     [Symbol.for("nodejs.asyncDispose")]            → registryAsyncDispose: Node 18-22's Symbol.asyncDispose, and another key
 *                                                      elsewhere (also through a const that holds it); the same for
 *                                                      Symbol.for("Symbol.asyncDispose"), the polyfills' key
 *     [Symbol.for(name)]  with a name not written out → unknown
 */
export function disposeKeyOf(ts: typeof import("typescript"), checker: ts.TypeChecker | undefined, name: ts.PropertyName | undefined): DisposeKey {
  if (!name || !ts.isComputedPropertyName(name)) return "other";
  const expression = skipParentheses(ts, name.expression) as ts.Expression;
  return checker ? keyOfExpression(ts, checker, expression, new Set()) : keyOfSyntax(ts, expression, new Set());
}

/**
 * The checker widens `const k = Symbol.asyncDispose` to `symbol`, so a key whose
 * type does not tell is followed to the value its const (or readonly property) holds.
 */
function keyOfExpression(ts: typeof import("typescript"), checker: ts.TypeChecker, expression: ts.Expression, seen: Set<ts.Node>): DisposeKey {
  expression = skipParentheses(ts, expression) as ts.Expression;
  if (isSymbolAsyncDispose(ts, expression)) return "asyncDispose";
  const type = checker.getTypeAtLocation(expression);
  const made = type.flags & ts.TypeFlags.ESSymbolLike ? keyOfSymbolCall(ts, expression) : undefined;
  if (made) return made;
  const kind = keyOfType(ts, type);
  // A const typed `unique symbol` may hold `Symbol.for("nodejs.asyncDispose")`: followed too.
  const follow = kind === "unknown" || (kind === "other" && type.flags & ts.TypeFlags.UniqueESSymbol);
  const held = follow ? heldValue(ts, checker, expression) : undefined;
  if (!held || seen.has(held)) return kind;
  seen.add(held);
  return keyOfExpression(ts, checker, held, seen);
}

/** What `k` or `Keys.k` always holds: the initializer of a const, or of a readonly property (imports followed). */
function heldValue(ts: typeof import("typescript"), checker: ts.TypeChecker, expression: ts.Expression): ts.Expression | undefined {
  const name = ts.isPropertyAccessExpression(expression) ? expression.name : ts.isIdentifier(expression) ? expression : undefined;
  let symbol = name && checker.getSymbolAtLocation(name);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) && declaration.parent.flags & ts.NodeFlags.Const)
    return declaration.initializer;
  if (ts.isPropertyDeclaration(declaration) && hasModifier(ts, declaration, ts.SyntaxKind.ReadonlyKeyword)) return declaration.initializer;
  return undefined;
}

/** `Symbol.asyncDispose`, written out. */
function isSymbolAsyncDispose(ts: typeof import("typescript"), expression: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(expression) &&
    ts.isIdentifier(expression.expression) &&
    expression.expression.text === "Symbol" &&
    expression.name.text === "asyncDispose"
  );
}

/** The registry's names of symbols that are `Symbol.asyncDispose` in some places: Node 18-22's, and the polyfills'. */
const REGISTRY_ASYNC_DISPOSE = ["nodejs.asyncDispose", "Symbol.asyncDispose"];

/**
 * `Symbol("x")` is a new symbol, and `Symbol.for("x")` the registry's: another key,
 * except `Symbol.for("nodejs.asyncDispose")`, which is `Symbol.asyncDispose` on
 * Node 18-22 only, `Symbol.for("Symbol.asyncDispose")`, which is `Symbol.asyncDispose`
 * where a polyfill (or esbuild's and oxc's helpers) made it so, and a `Symbol.for` of a
 * name not written out (unknown). Undefined for any other expression.
 */
function keyOfSymbolCall(ts: typeof import("typescript"), expression: ts.Expression): DisposeKey | undefined {
  if (!ts.isCallExpression(expression)) return undefined;
  const callee = skipParentheses(ts, expression.expression);
  if (ts.isIdentifier(callee) && callee.text === "Symbol") return "other";
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== "Symbol" || callee.name.text !== "for")
    return undefined;
  const key = expression.arguments[0];
  if (!key || !ts.isStringLiteralLike(key)) return "unknown";
  return REGISTRY_ASYNC_DISPOSE.includes(key.text) ? "registryAsyncDispose" : "other";
}

function keyOfType(ts: typeof import("typescript"), type: ts.Type): DisposeKey {
  if (type.isUnion()) {
    const kinds = new Set(type.types.map((part) => keyOfType(ts, part)));
    return kinds.size === 1 ? [...kinds][0] : "unknown";
  }
  if (type.flags & ts.TypeFlags.UniqueESSymbol) return uniqueSymbolKey(ts, type.getSymbol());
  if (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike)) return "other";
  return "unknown"; // symbol, any, unknown, or anything else a name cannot be made of
}

/**
 * A `unique symbol`: the `asyncDispose` of `interface SymbolConstructor` is the teardown's key;
 * another one named `asyncDispose` may hold it, and the type does not tell (a library's own,
 * typed as a symbol of its own, but `Symbol.asyncDispose` when it runs); any other is another key.
 *
 *     [Symbol.asyncDispose]                                  → asyncDispose
 *     [AsyncDisposable.asyncDispose]  (@esfx/disposable)     → unknown
 *     [inspect.custom], [kState]                             → other
 */
function uniqueSymbolKey(ts: typeof import("typescript"), symbol: ts.Symbol | undefined): DisposeKey {
  if (isAsyncDisposeProperty(ts, symbol)) return "asyncDispose";
  return symbol?.name === "asyncDispose" ? "unknown" : "other";
}

/** The `asyncDispose` of `interface SymbolConstructor` (lib.esnext.disposable.d.ts, or a polyfill's types). */
function isAsyncDisposeProperty(ts: typeof import("typescript"), symbol: ts.Symbol | undefined): boolean {
  return (
    symbol?.name === "asyncDispose" &&
    (symbol.declarations ?? []).some((d) => d.parent && ts.isInterfaceDeclaration(d.parent) && d.parent.name.text === "SymbolConstructor")
  );
}

/**
 * Without a checker: literals, `Symbol.x`, `Symbol()`, `Symbol.for()`, operators that make no symbol (`"a" + b`), and consts
 * of the same file that hold one of them,
 * also behind what only types them (`Symbol.asyncDispose!`, `… as typeof Symbol.asyncDispose`, `satisfies`).
 */
function keyOfSyntax(ts: typeof import("typescript"), expression: ts.Expression, seen: Set<ts.Node>): DisposeKey {
  expression = skipOuterExpressions(ts, expression) as ts.Expression;
  if (isSymbolAsyncDispose(ts, expression)) return "asyncDispose";
  if (ts.isStringLiteralLike(expression) || ts.isNumericLiteral(expression) || ts.isTemplateExpression(expression)) return "other";
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === "Symbol") return "other";
  if (ts.isCallExpression(expression)) return keyOfSymbolCall(ts, expression) ?? "unknown";
  if (ts.isIdentifier(expression)) {
    const initializer = constInitializer(ts, expression);
    if (!initializer || seen.has(initializer)) return "unknown";
    seen.add(initializer);
    return keyOfSyntax(ts, initializer, seen);
  }
  if (ts.isPrefixUnaryExpression(expression) || ts.isPostfixUnaryExpression(expression) || ts.isTypeOfExpression(expression) || ts.isVoidExpression(expression))
    return "other";
  if (ts.isConditionalExpression(expression))
    return either(keyOfSyntax(ts, expression.whenTrue, new Set(seen)), keyOfSyntax(ts, expression.whenFalse, new Set(seen)));
  if (ts.isBinaryExpression(expression)) return keyOfOperation(ts, expression, seen);
  return "unknown";
}

/**
 * An operator's result: what `+`, `-`, `<`, `in`… give is never a symbol (a string, a
 * number or a boolean); `,` and `=` give their right operand, `&&`, `||` and `??` either one.
 *
 *     ["comp" + "uted"], [`k${i}` + 1], [n * 2]   → other
 *     [flag ? Symbol.asyncDispose : "x"]          → unknown (of a conditional, too)
 */
function keyOfOperation(ts: typeof import("typescript"), expression: ts.BinaryExpression, seen: Set<ts.Node>): DisposeKey {
  const operator = expression.operatorToken.kind;
  if (operator === ts.SyntaxKind.CommaToken || operator === ts.SyntaxKind.EqualsToken) return keyOfSyntax(ts, expression.right, seen);
  const eitherOperand = [
    ts.SyntaxKind.AmpersandAmpersandToken,
    ts.SyntaxKind.BarBarToken,
    ts.SyntaxKind.QuestionQuestionToken,
    ts.SyntaxKind.AmpersandAmpersandEqualsToken,
    ts.SyntaxKind.BarBarEqualsToken,
    ts.SyntaxKind.QuestionQuestionEqualsToken,
  ];
  return eitherOperand.includes(operator) ? either(keyOfSyntax(ts, expression.left, new Set(seen)), keyOfSyntax(ts, expression.right, new Set(seen))) : "other";
}

/** The key of a value that is one of two: known when both say the same. */
const either = (a: DisposeKey, b: DisposeKey): DisposeKey => (a === b ? a : "unknown");
