import type * as ts from "typescript";
import { hasModifier } from "./syntax";

/**
 * The names a file binds in its top-level scope, which hide globals of the same
 * name from every statement at the top level:
 *
 *     import Promise from "bluebird";   class WeakMap {}   if (x) { var Symbol = … }
 *       → Promise, WeakMap, Symbol
 *
 * Declarations, imports (`import type` and `declare` aside), and `var`s (and, in
 * sloppy scripts, functions) in blocks that are not inside a function.
 */
export function topLevelNames(ts: typeof import("typescript"), sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName | ts.DeclarationName | undefined): void => {
    if (!name) return;
    if (ts.isIdentifier(name)) names.add(name.text);
    else if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) {
      for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
    }
  };

  const visitTopLevel = (statement: ts.Statement): void => {
    if (hasModifier(ts, statement, ts.SyntaxKind.DeclareKeyword)) return;
    if (ts.isVariableStatement(statement)) statement.declarationList.declarations.forEach((d) => addBinding(d.name));
    else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) addBinding(statement.name);
    else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) addBinding(statement.name);
    else if (ts.isImportEqualsDeclaration(statement) && !statement.isTypeOnly) addBinding(statement.name);
    else if (ts.isImportDeclaration(statement)) visitImport(statement);
    else visitNested(statement);
  };

  const visitImport = (declaration: ts.ImportDeclaration): void => {
    const clause = declaration.importClause;
    if (!clause || clause.isTypeOnly) return;
    addBinding(clause.name);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) addBinding(bindings.name);
    else if (bindings) bindings.elements.filter((e) => !e.isTypeOnly).forEach((e) => addBinding(e.name));
  };

  // `var` is hoisted out of blocks, loops, `if`, `try`, `switch` and labels, not out of functions.
  const visitNested = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && !ts.isExternalModule(sourceFile)) addBinding(node.name);
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) node.declarations.forEach((d) => addBinding(d.name));
    if (ts.isStatement(node) || ts.isVariableDeclarationList(node) || ts.isCaseBlock(node) || ts.isCaseOrDefaultClause(node) || ts.isCatchClause(node)) {
      ts.forEachChild(node, visitNested);
    }
  };

  sourceFile.statements.forEach(visitTopLevel);
  return names;
}
