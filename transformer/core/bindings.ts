import type * as ts from "typescript";
import { forEachDescendant } from "./walk";

/**
 * What a name in the file refers to, without a checker: its nearest declaration,
 * looked up through the scopes that enclose where it is used, as JavaScript binds it
 * (a parameter, a loop's or a catch's variable, a declaration of the block, a `var`
 * hoisted from a nested block, an import). Declarations that bind no value (an
 * interface, a type alias, `import type`, a namespace of types only) are passed over.
 * Imports nothing else of the analysis.
 *
 *     const key = Symbol.asyncDispose;
 *     function f({ key }: Names) { class C { [key]() {} } }     → the parameter, not the const
 */
export type Declaration = ts.Statement | "binding";

/** The nearest declaration of `name` seen from `node`: the statement that declares it, "binding" for a parameter, a loop's or a catch's variable, or undefined. */
export function nearestDeclaration(ts: typeof import("typescript"), node: ts.Node, name: string): Declaration | undefined {
  for (let scope: ts.Node | undefined = node.parent; scope; scope = scope.parent) {
    if (scopeBinds(ts, scope, name) || mergedNamespaceExports(ts, scope, name)) return "binding";
    const statement = declarationsIn(ts, scope).get(name);
    if (statement) return statement;
  }
  return undefined;
}

/**
 * Whether another declaration of the namespace whose body this is exports the name, which
 * this body sees as its own: `namespace N { export const key = … }  namespace N { [key] }`.
 */
function mergedNamespaceExports(ts: typeof import("typescript"), scope: ts.Node, name: string): boolean {
  if (!ts.isModuleBlock(scope) || !ts.isIdentifier(scope.parent.name)) return false;
  const namespace = scope.parent;
  const sameName = (s: ts.Statement): s is ts.ModuleDeclaration =>
    s !== namespace && ts.isModuleDeclaration(s) && ts.isIdentifier(s.name) && s.name.text === (namespace.name as ts.Identifier).text;
  const exported = (s: ts.Statement) => ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  return statementsOf(ts, namespace.parent)
    .filter(sameName)
    .some((other) => other.body !== undefined && statementsOf(ts, other.body).some((s) => exported(s) && statementDeclares(ts, s, name)));
}

/** The initializer of the `const` an identifier names; undefined when its nearest declaration is anything else, or there is none. */
export function constInitializer(ts: typeof import("typescript"), identifier: ts.Identifier): ts.Expression | undefined {
  const found = nearestDeclaration(ts, identifier, identifier.text);
  if (!found || found === "binding" || !ts.isVariableStatement(found) || !(found.declarationList.flags & ts.NodeFlags.Const)) return undefined;
  return found.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === identifier.text)?.initializer;
}

/** The class declarations that these names refer to from a node (each name's nearest declaration, when it is a class). */
export function classesNamedAround(ts: typeof import("typescript"), node: ts.Node, names: ReadonlySet<string>): ts.ClassDeclaration[] {
  return [...names].flatMap((name) => {
    const found = nearestDeclaration(ts, node, name);
    return found && found !== "binding" && ts.isClassDeclaration(found) ? [found] : [];
  });
}

/** The statements of a block, a file, a namespace's body or a switch's cases; none for any other node. */
export function statementsOf(ts: typeof import("typescript"), node: ts.Node): readonly ts.Statement[] {
  if (ts.isCaseBlock(node)) return node.clauses.flatMap((clause) => clause.statements);
  return ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) ? node.statements : [];
}

/** Whether a scope binds the name itself: a function's parameters or own name, a loop's variables, a catch's. */
function scopeBinds(ts: typeof import("typescript"), scope: ts.Node, name: string): boolean {
  if (ts.isFunctionLike(scope)) {
    const own = (scope as ts.FunctionLikeDeclaration).name;
    return (
      scope.parameters.some((p) => boundNames(ts, p.name).includes(name)) ||
      (ts.isFunctionExpression(scope) && own !== undefined && ts.isIdentifier(own) && own.text === name)
    );
  }
  if (ts.isClassExpression(scope)) return scope.name?.text === name;
  if (ts.isCatchClause(scope)) return scope.variableDeclaration !== undefined && boundNames(ts, scope.variableDeclaration.name).includes(name);
  if (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) {
    const initializer = scope.initializer;
    return (
      initializer !== undefined && ts.isVariableDeclarationList(initializer) && initializer.declarations.some((d) => boundNames(ts, d.name).includes(name))
    );
  }
  return false;
}

/**
 * Each name a scope declares, with the statement that declares it: the first of its
 * statements, else a `var` it hoists. Made once for each scope: a file of a thousand
 * classes asks it about every class's base.
 */
const declarationsOfScope = new WeakMap<ts.Node, Map<string, ts.Statement>>();

const NO_DECLARATIONS: ReadonlyMap<string, ts.Statement> = new Map();

function declarationsIn(ts: typeof import("typescript"), scope: ts.Node): ReadonlyMap<string, ts.Statement> {
  if (!(ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseBlock(scope))) return NO_DECLARATIONS;
  let declarations = declarationsOfScope.get(scope);
  if (declarations) return declarations;
  declarations = new Map();
  const declared = statementsOf(ts, scope).flatMap((statement) => namesDeclaredBy(ts, statement).map((name) => [name, statement] as const));
  for (const [name, statement] of [...declared, ...hoistedVars(ts, scope)]) if (!declarations.has(name)) declarations.set(name, statement);
  declarationsOfScope.set(scope, declarations);
  return declarations;
}

/** Whether a statement declares the name, as a value, in the scope it is in. */
function statementDeclares(ts: typeof import("typescript"), statement: ts.Statement, name: string): boolean {
  return namesDeclaredBy(ts, statement).includes(name);
}

/** The names a statement declares as values in the scope it is in (not a `var` of a nested statement's: see hoistedVars). */
function namesDeclaredBy(ts: typeof import("typescript"), statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => boundNames(ts, d.name));
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement))
    return statement.name ? [statement.name.text] : [];
  if (ts.isImportEqualsDeclaration(statement)) return statement.isTypeOnly ? [] : [statement.name.text];
  if (ts.isModuleDeclaration(statement)) return ts.isIdentifier(statement.name) && holdsValues(ts, statement) ? [statement.name.text] : [];
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) return [];
    const bindings = clause.namedBindings;
    const named = !bindings
      ? []
      : ts.isNamespaceImport(bindings)
        ? [bindings.name.text]
        : bindings.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text);
    return clause.name ? [clause.name.text, ...named] : named;
  }
  return [];
}

/** Whether a namespace makes a value: it holds something other than types (`namespace key { export type T = string }` does not). */
function holdsValues(ts: typeof import("typescript"), namespace: ts.ModuleDeclaration): boolean {
  const body = namespace.body;
  if (!body) return false;
  if (ts.isModuleDeclaration(body)) return holdsValues(ts, body);
  if (!ts.isModuleBlock(body)) return false;
  return body.statements.some((s) => !ts.isInterfaceDeclaration(s) && !ts.isTypeAliasDeclaration(s) && !(ts.isModuleDeclaration(s) && !holdsValues(ts, s)));
}

/**
 * The `var`s that a function's body (a class's static block, a namespace's, the file)
 * hoists, each with the statement that holds it, in source order: `for (var key in o) {}`,
 * `if (x) { var key = … }`. Not one inside a nested function, class, static block or namespace.
 */
function hoistedVars(ts: typeof import("typescript"), scope: ts.Node): (readonly [string, ts.Statement])[] {
  const hoists =
    ts.isSourceFile(scope) ||
    ts.isModuleBlock(scope) ||
    (ts.isBlock(scope) && (ts.isFunctionLike(scope.parent) || ts.isClassStaticBlockDeclaration(scope.parent)));
  if (!hoists) return [];
  const found: (readonly [string, ts.Statement])[] = [];
  forEachDescendant(ts, scope, (node) => {
    if (node === scope) return true;
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isClassStaticBlockDeclaration(node) || ts.isModuleDeclaration(node)) return false;
    // The statement that holds it: a `var` statement, or the loop whose head declares it.
    if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) {
      for (const declaration of node.declarations) found.push(...boundNames(ts, declaration.name).map((name) => [name, node.parent as ts.Statement] as const));
    }
    return true;
  });
  return found;
}

/** The names a binding name binds: an identifier's, or each of a destructuring pattern's. */
function boundNames(ts: typeof import("typescript"), binding: ts.BindingName): string[] {
  if (ts.isIdentifier(binding)) return [binding.text];
  return binding.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(ts, e.name)));
}
