import type * as ts from "typescript";
import { classesNamedAround, constInitializer } from "./bindings";

/** Small questions about syntax that the public TypeScript API leaves to plugins. */

/** `init`, `setup`, `$start`, also reserved words, since any of them may name a method. */
export function isIdentifierName(ts: typeof import("typescript"), text: string): boolean {
  const chars = [...text];
  return chars.length > 0 && chars.every((ch, i) => (i === 0 ? ts.isIdentifierStart : ts.isIdentifierPart)(ch.codePointAt(0)!, ts.ScriptTarget.Latest));
}

/** `(x as T)!`, `<T>x`, `x satisfies T` → `x` */
export function skipOuterExpressions(ts: typeof import("typescript"), node: ts.Node): ts.Node {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isTypeAssertionExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isSatisfiesExpression(node)
  ) {
    node = node.expression;
  }
  return node;
}

/** `(((x)))` → `x` */
export function skipParentheses(ts: typeof import("typescript"), node: ts.Node): ts.Node {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

export function hasModifier(ts: typeof import("typescript"), node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** `declare class X {}`, or a class inside `declare namespace N {}`: it only describes a class made elsewhere. */
export function isAmbient(ts: typeof import("typescript"), node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node; at; at = at.parent) {
    if (hasModifier(ts, at, ts.SyntaxKind.DeclareKeyword)) return true;
  }
  return false;
}

/** `"use strict";`, `"use client";`: a string literal statement (at the start of a file or function, a directive). */
export function isDirective(ts: typeof import("typescript"), statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

export function objectFlags(ts: typeof import("typescript"), type: ts.Type): number {
  return type.flags & ts.TypeFlags.Object ? (type as ts.ObjectType).objectFlags : 0;
}

/** How many statements the directive prologue (`"use strict"`, `"use client"`) of a file or function body is. */
export function countLeadingDirectives(ts: typeof import("typescript"), statements: readonly ts.Statement[]): number {
  let at = 0;
  while (at < statements.length && isDirective(ts, statements[at])) at++;
  return at;
}

/**
 * How many statements stay before the generated plumbing: the directive prologue
 * (`"use strict"`, `"use client"`), then the leading imports.
 */
export function countLeadingDirectivesAndImports(ts: typeof import("typescript"), statements: readonly ts.Statement[]): number {
  let at = countLeadingDirectives(ts, statements);
  while (at < statements.length && (ts.isImportDeclaration(statements[at]) || ts.isImportEqualsDeclaration(statements[at]))) at++;
  return at;
}

/** `await using` (not plain `using`). */
export function isAwaitUsing(ts: typeof import("typescript"), list: ts.Node | undefined): list is ts.VariableDeclarationList {
  return list !== undefined && ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing;
}

/** `init`, `"init"`, `["init"]` → `init`; undefined for any other computed name. */
export function memberName(ts: typeof import("typescript"), member: ts.ClassElement | ts.TypeElement): string | undefined {
  const name = member.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (!ts.isComputedPropertyName(name)) return undefined;
  // ["init"], or [k] with `const k = "init"` in the file.
  const key = skipOuterExpressions(ts, name.expression);
  const held = ts.isIdentifier(key) ? constInitializer(ts, key) : key;
  const value = held && skipOuterExpressions(ts, held);
  return value && ts.isStringLiteralLike(value) ? value.text : undefined;
}

/**
 * A member that gives instances a `then` when the code runs. Not a static one, and not a
 * type alone (`declare then: undefined`, `then?: never` in an interface), which emits nothing:
 *
 *     then() {}   then = f;   then: undefined;   → true (the last one defines the field)
 *     declare then: undefined;                   → false
 */
export function isThenAtRunTime(ts: typeof import("typescript"), member: ts.Declaration): boolean {
  if (!(ts.isClassElement(member) || ts.isTypeElement(member))) return true; // `this.then = …` in a JavaScript file
  if (hasModifier(ts, member, ts.SyntaxKind.StaticKeyword) || memberName(ts, member) !== "then") return false;
  const typeOnly = ts.isPropertySignature(member) || (ts.isPropertyDeclaration(member) && hasModifier(ts, member, ts.SyntaxKind.DeclareKeyword));
  const type = typeOnly && (member as ts.PropertySignature | ts.PropertyDeclaration).type?.kind;
  return !(type === ts.SyntaxKind.UndefinedKeyword || type === ts.SyntaxKind.NeverKeyword);
}

/**
 * A class's name for a message: its own, or the name it is given (`const Db = class {}`),
 * or that of the function that returns it, as `Memo(…)` (a mixin: `function Memo(B) { return class extends B {} }`).
 */
export function classNameOf(ts: typeof import("typescript"), node: ts.ClassLikeDeclaration): string {
  if (node.name) return node.name.text;
  const parent = holderOf(ts, node);
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name))
    return parent.name.text;
  if (parent && ts.isExportAssignment(parent)) return "default";
  for (let scope = parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      const named = classNameOfFunction(ts, scope as ts.SignatureDeclaration);
      return named ? `${named}(…)` : "(anonymous)";
    }
  }
  return "(anonymous)";
}

/** `function Memo(…)`, `const Memo = (…) => …`. */
function classNameOfFunction(ts: typeof import("typescript"), fn: ts.SignatureDeclaration): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const holder = fn.parent;
  return holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
}

/** What holds an expression, past parentheses and type assertions: `const Db = (class {} as Ctor)` → the declaration of `Db`. */
export function holderOf(ts: typeof import("typescript"), node: ts.Node): ts.Node {
  let holder = node.parent;
  while (holder && (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder) || ts.isNonNullExpression(holder)))
    holder = holder.parent;
  return holder;
}

/** What a class's `extends` clause says: `Db` in `class Cached extends Db`, `Memo(Db)` in `… extends Memo(Db)`. */
export function extendsExpressionOf(ts: typeof import("typescript"), node: ts.ClassLikeDeclaration): ts.Expression | undefined {
  return node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
}

/**
 * Without a checker: the first answer `visit` gives for the classes of the file that a
 * class extends, nearest first, followed up their own `extends`. What `extends` names is
 * looked for in the scopes that enclose the class: `extends Db`, `extends Memo(Db)`,
 * `extends (cond ? A : B)` (what another file declares, only a checker sees).
 */
export function findInSameFileBases<T>(
  ts: typeof import("typescript"),
  node: ts.ClassLikeDeclaration,
  visit: (base: ts.ClassDeclaration) => T | undefined,
): T | undefined {
  const seen = new Set<ts.Node>();
  const search = (bases: ts.ClassDeclaration[]): T | undefined => {
    for (const base of bases) {
      if (seen.has(base)) continue;
      seen.add(base);
      const found = visit(base) ?? search(sameFileClassesNamedIn(ts, base));
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return search(sameFileClassesNamedIn(ts, node));
}

/** The classes of the file, in a scope that encloses the class, that its `extends` names. */
function sameFileClassesNamedIn(ts: typeof import("typescript"), node: ts.ClassLikeDeclaration): ts.ClassDeclaration[] {
  const heritage = extendsExpressionOf(ts, node);
  const names = new Set<string>();
  // Not a type argument (`Mixin<Query>(Base)`: Query is no base), nor a function's or class's body.
  const collect = (child: ts.Node): void => {
    if (ts.isIdentifier(child)) names.add(child.text);
    else if (ts.isPropertyAccessExpression(child)) collect(child.expression);
    else if (!ts.isFunctionLike(child) && !ts.isClassLike(child) && !ts.isTypeNode(child)) ts.forEachChild(child, collect);
  };
  if (heritage) collect(heritage);
  return classesNamedAround(ts, node, names).filter((found) => found !== node);
}
