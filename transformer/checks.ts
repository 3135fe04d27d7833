import type * as ts from "typescript";
import type { FileContext } from "./context";
import type { AsyncInitTag } from "./tag";
import { hasModifier, isIdentifierName } from "./syntax";
import { isAsyncDisposeName } from "./visitors/taggedClass";

/**
 * Checks one tagged class and returns the name of its init method, or
 * undefined when something is wrong (reported; the class is then emitted as written).
 */
export function checkTaggedClass(file: FileContext, node: ts.ClassLikeDeclaration, tag: AsyncInitTag): string | undefined {
  const { ts } = file;
  const className = node.name?.text ?? "(anonymous)";
  let initName = file.options.initMethod;
  let ok = true;

  if (tag.argument) {
    if (isIdentifierName(ts, tag.argument.text)) initName = tag.argument.text;
    else {
      file.report("badName", { start: tag.argument.pos, length: tag.argument.text.length }, tag.argument.text);
      return undefined;
    }
  }

  for (const member of node.members) {
    if (memberName(ts, member) === "then" && !hasModifier(ts, member, ts.SyntaxKind.StaticKeyword)) {
      file.report("ownThen", member, className);
      ok = false;
    }
    if (ts.isPropertyDeclaration(member) && isAsyncDisposeName(ts, member.name) && !hasModifier(ts, member, ts.SyntaxKind.StaticKeyword)) {
      file.report("teardownNotMethod", member, className);
      ok = false;
    }
  }

  const problem = file.checker ? findInitWithChecker(file, node, initName) : findInitInClass(file, node, initName);
  if (problem) {
    file.report(problem, node.name ?? node, className, initName);
    ok = false;
  }
  const returning = !problem && findInitReturningInstance(file, node, initName);
  if (returning) {
    file.report("initReturnsInstance", returning, className, initName);
    ok = false;
  }
  return ok ? initName : undefined;
}

type InitProblem = "missingInit" | "staticInit" | "initNotMethod" | undefined;

/** The class's symbol (named or not), when there is a checker. */
export function classSymbol(file: FileContext, node: ts.ClassLikeDeclaration): ts.Symbol | undefined {
  const { checker } = file;
  if (!checker) return undefined;
  return node.name ? checker.getSymbolAtLocation(node.name) : checker.getTypeAtLocation(node).getSymbol();
}

/** Looks the init method up on the instance type, inherited members included. */
function findInitWithChecker(file: FileContext, node: ts.ClassLikeDeclaration, name: string): InitProblem {
  const { ts } = file;
  const checker = file.checker!;
  const symbol = classSymbol(file, node);
  if (!symbol) return findInitInClass(file, node, name);
  const member = checker.getDeclaredTypeOfSymbol(symbol).getProperty(name);
  if (!member) return checker.getTypeOfSymbol(symbol).getProperty(name) ? "staticInit" : "missingInit";
  return member.flags & ts.SymbolFlags.Method ? undefined : "initNotMethod";
}

/**
 * `async init() { …; return this; }`: init's promise would be resolved with a
 * thenable whose then waits for that very promise. Returns the declaration to blame.
 */
function findInitReturningInstance(file: FileContext, node: ts.ClassLikeDeclaration, name: string): ts.Node | undefined {
  const { ts, checker } = file;
  const symbol = classSymbol(file, node);
  if (!checker || !symbol) return undefined;
  const instanceType = checker.getDeclaredTypeOfSymbol(symbol);
  for (const declaration of instanceType.getProperty(name)?.declarations ?? []) {
    if (!ts.isMethodDeclaration(declaration)) continue;
    const signature = checker.getSignatureFromDeclaration(declaration);
    const awaited = signature && checker.getAwaitedType(checker.getReturnTypeOfSignature(signature));
    if (awaited && isInstanceOf(ts, checker, awaited, instanceType)) return declaration.name;
  }
  return undefined;
}

/** `this`, the class itself, or a subclass of it. */
function isInstanceOf(ts: typeof import("typescript"), checker: ts.TypeChecker, type: ts.Type, instanceType: ts.Type): boolean {
  const nothing = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Never;
  return !(type.flags & nothing) && checker.isTypeAssignableTo(type, instanceType);
}

/** Without a checker: only the class's own members are known. */
function findInitInClass(file: FileContext, node: ts.ClassLikeDeclaration, name: string): InitProblem {
  const { ts } = file;
  const members = node.members.filter((m) => memberName(ts, m) === name);
  const instance = members.filter((m) => !hasModifier(ts, m, ts.SyntaxKind.StaticKeyword));
  if (instance.some((m) => ts.isMethodDeclaration(m))) return undefined;
  if (instance.length > 0) return "initNotMethod";
  if (members.length > 0) return "staticInit";
  return node.heritageClauses?.length ? undefined : "missingInit";
}

function memberName(ts: typeof import("typescript"), member: ts.ClassElement): string | undefined {
  const name = member.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/**
 * Whether the init method declares a parameter, so it is handed an AbortSignal.
 * At run time `init.length` says so too, except for a parameter with a default
 * value (`init(signal = fallback)`), which only the declaration shows.
 */
export function initDeclaresParameter(file: FileContext, node: ts.ClassLikeDeclaration, name: string): boolean {
  const { ts, checker } = file;
  const symbol = classSymbol(file, node);
  const declarations = symbol
    ? checker!.getDeclaredTypeOfSymbol(symbol).getProperty(name)?.declarations ?? []
    : node.members.filter((m) => memberName(ts, m) === name);
  return declarations.some((d) => ts.isMethodDeclaration(d) && d.parameters.length > 0);
}

/** `/** @asyncInit *\/` before a function, a variable, an interface…: a warning, and no change. */
export function reportStrayTags(file: FileContext, tags: AsyncInitTag[]): void {
  for (const tag of tags) file.report("notAClass", { start: tag.comment.pos, length: tag.comment.end - tag.comment.pos });
}
