import type * as ts from "typescript";
import { statementsOf } from "./bindings";
import { disposeKeyOf } from "./disposeKey";
import type { AnalysisFile } from "./file";
import { hasModifier, isAmbient } from "./syntax";

/**
 * A class without the tag whose type says it has a teardown that nothing gives it: what the
 * README declares beside a tagged class for TypeScript 7 and the editor, left behind when
 * the tag went. TypeScript takes the type at its word; the program throws when it runs.
 *
 *     class Db { async init() { … } }                 // the tag removed
 *     interface Db extends AsyncDisposable {}         // or, in the class: declare [Symbol.asyncDispose]: () => Promise<void>;
 *     await using db = new Db();                      // type-checks; TypeError: Object not disposable
 *
 * Only where nothing may give it one: a class that extends another (whose teardown it
 * may inherit), or a file that assigns a `…asyncDispose] =` (a prototype's, a mixin's), is
 * left alone.
 */
export function checkTypeOnlyTeardown(file: AnalysisFile, node: ts.ClassLikeDeclaration): void {
  const { ts, sourceFile } = file;
  if (node.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword) || isAmbient(ts, node)) return;
  // A member whose key is, or may be, Symbol.asyncDispose (a key imported from elsewhere) may be the teardown.
  const teardowns = node.members.filter((member) => disposeKeyOf(ts, file.checker, member.name) !== "other");
  if (teardowns.some((member) => !hasModifier(ts, member, ts.SyntaxKind.DeclareKeyword)) || ASSIGNS_TEARDOWN.test(sourceFile.text)) return;
  const name = node.name?.text ?? "(anonymous class)";
  const declared = teardowns.length > 0 ? "its member 'declare [Symbol.asyncDispose]'" : mergedInterfaceSaying(ts, node);
  if (declared) file.report("teardownOnlyInType", node.name ?? node, name, declared);
}

/** The text test before any class is looked at: the file may declare such a type. */
export const mayDeclareTeardownType = (text: string): boolean => text.includes("AsyncDisposable") || NAMES_TEARDOWN.test(text);

const NAMES_TEARDOWN = /\[\s*Symbol\.asyncDispose\s*\]/;
const ASSIGNS_TEARDOWN = /asyncDispose\s*\]\s*=(?!=)/;

/** An interface of the class's name beside it that extends AsyncDisposable or declares [Symbol.asyncDispose], as the message names it. */
function mergedInterfaceSaying(ts: typeof import("typescript"), node: ts.ClassLikeDeclaration): string | undefined {
  const name = node.name?.text;
  if (name === undefined) return undefined;
  for (const statement of statementsOf(ts, node.parent)) {
    if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== name) continue;
    const extendsIt = statement.heritageClauses?.some((clause) =>
      clause.types.some((type) => ts.isIdentifier(type.expression) && type.expression.text === "AsyncDisposable"),
    );
    if (extendsIt) return `its interface '${name} extends AsyncDisposable'`;
    if (statement.members.some((member) => disposeKeyOf(ts, undefined, member.name) === "asyncDispose")) return `its interface '${name}'`;
  }
  return undefined;
}
