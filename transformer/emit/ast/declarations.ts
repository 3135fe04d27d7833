import type * as ts from "typescript";
import type { Analyzer } from "../../core/analyze";
import type { ClassPlan } from "../../core/plan";
import { extendsExpressionOf, hasModifier, isAmbient, skipParentheses } from "../../core/syntax";
import { findTag, findTags, mentionsTag, readTag } from "../../core/tag";

/**
 * The `afterDeclarations` transformer: makes the `.d.ts` of each rewritten
 * class say what its JavaScript does.
 *
 * Given (the declaration TypeScript emits for an `@asyncInit` class):
 *
 *     /** @asyncInit *\/
 *     export declare class Db {
 *         init(): Promise<void>;
 *     }
 *
 * Produces:
 *
 *     /** @asyncInit init *\/
 *     export declare class Db {
 *         init(): Promise<void>;
 *         [Symbol.asyncDispose](): Promise<void>;
 *     }
 *
 * - `[Symbol.asyncDispose]` is added unless TypeScript's declaration has the class's own.
 *   A teardown keyed by an alias, and a `declare [Symbol.asyncDispose]: () => Promise<void>;`
 *   property (the generated teardown's type), are declared as that method (see
 *   keyedAsWritten). Then plain `tsc` accepts `await using db = await new Db()` in a consumer.
 * - No `then` is ever declared: a `then` in the type would make `await new Db()`
 *   a type error (TS1320), and `await` already yields the instance's type.
 * - The tag stays on the class, so that a project compiled with this plugin finds it
 *   there and awaits `await using db = new Db()` on entry, and it names the init method,
 *   which that project reads from it whatever its own options (see withTagNamingInit).
 */
export function createDeclarationTransformer(ts: typeof import("typescript"), analyze: Analyzer): ts.TransformerFactory<ts.SourceFile | ts.Bundle> {
  // A class of the sources that the rewrite changes (a `.d.ts` or `declare class` gets nothing).
  const isTransformed = (declaration: ts.ClassLikeDeclaration) =>
    !declaration.getSourceFile().isDeclarationFile && !isAmbient(ts, declaration) && analyze.isRewrittenClass(declaration);

  return (context) => {
    const { factory } = context;

    const visitor = (node: ts.Node): ts.VisitResult<ts.Node> => {
      if (ts.isClassDeclaration(node)) {
        const original = ts.getOriginalNode(node);
        return ts.isClassLike(original) && original !== node && isTransformed(original) ? visitClass(node, original) : node;
      }
      // `export const Db = /** @asyncInit *\/ class { … }` is declared as `const Db: { new (): { … } }`.
      if (ts.isVariableDeclaration(node)) {
        const original = ts.getOriginalNode(node);
        const initializer = ts.isVariableDeclaration(original) && original.initializer && skipParentheses(ts, original.initializer);
        return initializer && ts.isClassExpression(initializer) && isTransformed(initializer) && !declaresDispose(planOf(initializer))
          ? visitClassExpressionType(node)
          : node;
      }
      // Classes in `declare namespace N { … }` and `declare module "m" { … }`, and the declarations of a `const`.
      if (ts.isModuleDeclaration(node) || ts.isModuleBlock(node) || ts.isVariableStatement(node) || ts.isVariableDeclarationList(node)) {
        return ts.visitEachChild(node, visitor, context);
      }
      return node;
    };

    function visitClass(node: ts.ClassDeclaration, original: ts.ClassLikeDeclaration): ts.ClassDeclaration {
      const plan = planOf(original);
      const aliased = (plan?.disposeMembers ?? []).filter((member) => !isKeyedAsWritten(member.name));
      // TypeScript writes a member keyed by an alias of `symbol` type anew (no original): it is known by its key.
      const aliases = new Set(aliased.map((member) => keyText(member.name)).filter((key) => key !== undefined));
      const restated = new Set<ts.Node>([...aliased, ...(plan?.disposeDeclared ? [plan.disposeDeclared] : [])]);
      const isStatic = (member: ts.ClassElement) => hasModifier(ts, member, ts.SyntaxKind.StaticKeyword);
      const standsForTeardown = (member: ts.ClassElement) =>
        restated.has(ts.getOriginalNode(member)) || (member.name !== undefined && !isStatic(member) && aliases.has(keyText(member.name) ?? ""));
      const written = restated.size > 0 ? node.members.map((member) => (standsForTeardown(member) ? keyedAsWritten(member) : member)) : node.members;
      // The class's own teardown, as TypeScript declares it, or else the generated one's (also where TypeScript drops an alias's: `[(dispose)]`).
      const declaresTeardown =
        written.some((member) => !isStatic(member) && member.name !== undefined && isKeyedAsWritten(member.name)) || interfaceDeclaresTeardown(original);
      const members = declaresTeardown ? written : [...written, asyncDisposeSignature()];
      const updated = factory.updateClassDeclaration(
        node,
        node.modifiers,
        node.name,
        node.typeParameters,
        node.heritageClauses,
        factory.createNodeArray(members),
      );
      return plan ? withTagNamingInit(updated, original, plan.initName) : updated;
    }

    /**
     * The class's tag, with its init method named: a user's build reads from the `.d.ts`
     * which method runs, and would take a tag without a name for its own `initMethod`.
     * TypeScript copies the JSDoc comments that lead the class; they are written here
     * instead, the tag's with the name. A tag elsewhere (after `export` or a decorator) is
     * written again before the class.
     *
     *     /** Docs. @asyncInit *\/              /** Docs. @asyncInit init *\/
     *     export class Db { … }         →      export declare class Db { … }
     */
    function withTagNamingInit(updated: ts.ClassDeclaration, original: ts.ClassLikeDeclaration, initName: string): ts.ClassDeclaration {
      const sourceFile = original.getSourceFile();
      const text = sourceFile.text;
      const tag = findTag(ts, sourceFile, original);
      const own = ownLeadingComments(sourceFile, original, ts.getLeadingCommentRanges(text, original.pos) ?? []);
      // Elsewhere (after `export` or a decorator, at the file's top), the tag is written again, named, before the class.
      const copied = tag !== undefined && own.some((comment) => comment.pos === tag.comment.pos);
      // Where each tag without a name ends (a class may repeat the tag): the name goes there.
      const unnamed = findTags(ts, sourceFile, original)
        .filter((each) => !each.argument)
        .map((each) => each.end);
      if (copied && unnamed.length === 0) return updated;
      // The printer writes the comments before the class's first token: its own, and those of a modifier kept from the
      // source (`export default class`, `@dec /** @asyncInit *\/ export class`), which would write the tag again.
      const modifiers = updated.modifiers?.map((modifier) => (ts.isModifier(modifier) ? factory.createModifier(modifier.kind) : modifier));
      const restated = factory.updateClassDeclaration(updated, modifiers, updated.name, updated.typeParameters, updated.heritageClauses, updated.members);
      if (!copied) return ts.addSyntheticLeadingComment(restated, ts.SyntaxKind.MultiLineCommentTrivia, `* @asyncInit ${initName} `, true);
      ts.setCommentRange(restated, { pos: -1, end: ts.getCommentRange(updated).end });
      for (const comment of own.filter((each) => keptInDeclarations(text, each))) {
        let written = "";
        let from = comment.pos;
        for (const end of unnamed.filter((each) => each > comment.pos && each < comment.end)) {
          written += `${text.slice(from, end)} ${initName}`;
          from = end;
        }
        written += text.slice(from, comment.end);
        ts.addSyntheticLeadingComment(restated, ts.SyntaxKind.MultiLineCommentTrivia, outdented(written, text, comment.pos).slice(2, -2), true);
      }
      return restated;
    }

    /** The comments before a class that TypeScript writes as the class's: all of them, but the file's (see fileComments). */
    function ownLeadingComments(sourceFile: ts.SourceFile, node: ts.ClassLikeDeclaration, leading: ts.CommentRange[]): ts.CommentRange[] {
      return sourceFile.statements[0] === node ? leading.slice(fileComments(sourceFile).length) : leading;
    }

    /**
     * The file's first comments, which TypeScript writes at the top of the `.d.ts` as the
     * file's: those before the first statement up to a blank line, when a blank line follows them.
     *
     *     /** @file The pool. *\/      the file's
     *
     *     /** @asyncInit *\/           the class's
     *     export class Db { … }
     */
    function fileComments(sourceFile: ts.SourceFile): ts.CommentRange[] {
      const first = sourceFile.statements[0];
      const leading = first ? (ts.getLeadingCommentRanges(sourceFile.text, first.pos) ?? []) : [];
      if (leading.length === 0) return [];
      const lineOf = (pos: number) => sourceFile.getLineAndCharacterOfPosition(pos).line;
      let detached = 1;
      while (detached < leading.length && lineOf(leading[detached].pos) < lineOf(leading[detached - 1].end) + 2) detached++;
      return lineOf(first.getStart(sourceFile)) >= lineOf(leading[detached - 1].end) + 2 ? leading.slice(0, detached) : [];
    }

    /**
     * The file's first comments without a tag, where the class that the tag is for is not
     * the first declaration of the `.d.ts` (it is not exported): written at the top, the
     * tag would be read as the next class's.
     *
     *     /** @asyncInit *\/                          export declare class Plain { … }
     *                                        →
     *     class Internal { async init() {} }
     *     export class Plain { … }
     */
    function withoutStrayTag(declarations: ts.SourceFile): ts.SourceFile {
      const source = ts.getOriginalNode(declarations);
      if (!ts.isSourceFile(source) || source.isDeclarationFile || !mentionsTag(source.text)) return declarations;
      const first = declarations.statements[0];
      if (first === undefined || ts.getOriginalNode(first) === source.statements[0]) return declarations;
      const comments = fileComments(source);
      const tagged = comments.filter((comment) => readTag(source.text, comment, ts));
      if (tagged.length === 0) return declarations;
      const kept = comments.filter((comment) => keptInDeclarations(source.text, comment) && !tagged.includes(comment));
      // They are written where they were, as a statement of their own, before the first: then the first's comments follow them.
      const header = ts.setTextRange(factory.createNotEmittedStatement(first), { pos: -1, end: -1 });
      for (const comment of kept) {
        ts.addSyntheticLeadingComment(header, ts.SyntaxKind.MultiLineCommentTrivia, source.text.slice(comment.pos + 2, comment.end - 2), true);
      }
      // Statements that start nowhere: the printer writes no comments before them as the file's.
      const statements = ts.setTextRange(factory.createNodeArray([header, ...declarations.statements]), { pos: -1, end: declarations.statements.end });
      return factory.updateSourceFile(declarations, statements);
    }

    /** A comment that TypeScript keeps in a `.d.ts`: JSDoc (`/** … *\/`) or pinned (`/*! … *\/`). */
    function keptInDeclarations(text: string, comment: ts.CommentRange): boolean {
      return (text.startsWith("/**", comment.pos) && comment.end - comment.pos > 4) || text.startsWith("/*!", comment.pos);
    }

    /** A comment's lines after its first without the indentation of its first (the printer indents each line as the class is). */
    function outdented(comment: string, text: string, pos: number): string {
      const column = pos - (text.lastIndexOf("\n", pos - 1) + 1);
      return column === 0 ? comment : comment.replace(new RegExp(`\n[ \t]{0,${column}}`, "g"), "\n");
    }

    /**
     * The instance type of a class expression has no name to carry the tag, so
     * only the member is added:
     *
     *     const Db: { new (): { init(): Promise<void>; } }
     *   →
     *     const Db: { new (): { init(): Promise<void>; [Symbol.asyncDispose](): Promise<void>; } }
     */
    function visitClassExpressionType(node: ts.VariableDeclaration): ts.VariableDeclaration {
      const type = node.type;
      if (!type || !ts.isTypeLiteralNode(type)) return node;
      const members = type.members.map((member) => {
        if (!ts.isConstructSignatureDeclaration(member) || !member.type || !ts.isTypeLiteralNode(member.type)) return member;
        const instance = member.type;
        const withDispose = factory.updateTypeLiteralNode(instance, factory.createNodeArray([...instance.members, asyncDisposeSignature(undefined, true)]));
        return factory.updateConstructSignature(member, member.typeParameters, member.parameters, withDispose);
      });
      return factory.updateVariableDeclaration(
        node,
        node.name,
        node.exclamationToken,
        factory.updateTypeLiteralNode(type, factory.createNodeArray(members)),
        node.initializer,
      );
    }

    /**
     * An interface merged with the class, or with a class of the same scope that it extends,
     * declares the teardown (a property or a method), as the README's
     * form for TypeScript 7 does: the class's `.d.ts` type has it already, and a method added
     * to the class beside a property of the interface would be TS2300 (a duplicate), or
     * TS2425 in a subclass (a method over a property).
     *
     *     export interface Db { [Symbol.asyncDispose]: () => Promise<void> }
     */
    function interfaceDeclaresTeardown(original: ts.ClassLikeDeclaration, seen = new Set<ts.Node>()): boolean {
      const name = original.name?.text;
      const container = original.parent;
      if (name === undefined || seen.has(original) || !(ts.isSourceFile(container) || ts.isModuleBlock(container))) return false;
      seen.add(original);
      const declares = container.statements.some(
        (statement) =>
          ts.isInterfaceDeclaration(statement) &&
          statement.name.text === name &&
          statement.members.some((member) => member.name !== undefined && isKeyedAsWritten(member.name)),
      );
      if (declares) return true;
      const base = extendsExpressionOf(ts, original);
      const baseClass =
        base &&
        ts.isIdentifier(base) &&
        container.statements.find((statement): statement is ts.ClassDeclaration => ts.isClassDeclaration(statement) && statement.name?.text === base.text);
      return baseClass ? interfaceDeclaresTeardown(baseClass, seen) : false;
    }

    /** Whether a member's key is written `[Symbol.asyncDispose]`, as a `.d.ts` that a user's TypeScript reads must say it. */
    function isKeyedAsWritten(name: ts.PropertyName): boolean {
      if (!ts.isComputedPropertyName(name)) return false;
      const key = skipParentheses(ts, name.expression);
      return ts.isPropertyAccessExpression(key) && ts.isIdentifier(key.expression) && key.expression.text === "Symbol" && key.name.text === "asyncDispose";
    }

    /** A computed key written as a name or a chain of names (`[dispose]`, `[Keys.dispose]`), as text; undefined otherwise. */
    function keyText(name: ts.PropertyName): string | undefined {
      const entity = (key: ts.Node): string | undefined => {
        if (ts.isIdentifier(key)) return ts.idText(key);
        if (!ts.isPropertyAccessExpression(key) || !ts.isIdentifier(key.name)) return undefined;
        const object = entity(key.expression);
        return object === undefined ? undefined : `${object}.${ts.idText(key.name)}`;
      };
      return ts.isComputedPropertyName(name) ? entity(skipParentheses(ts, name.expression)) : undefined;
    }

    /**
     * A member of the `.d.ts` that stands for the teardown, keyed `[Symbol.asyncDispose]`:
     * the declared type of the generated one (a property, made a method, so that a
     * subclass may declare its teardown as a method: TS2425 over a property), and a
     * teardown keyed by an alias, whose `.d.ts` widens the alias to `symbol`:
     *
     *     const dispose = Symbol.asyncDispose;         declare const dispose: symbol;
     *     class Db { async [dispose]() {} }     →      declare class Db { [Symbol.asyncDispose](): Promise<void>; }
     *                                                  (TypeScript's own: `[dispose]: () => Promise<void>;`)
     */
    function keyedAsWritten(member: ts.ClassElement): ts.ClassElement {
      if (ts.isMethodDeclaration(member)) {
        return factory.updateMethodDeclaration(
          member,
          member.modifiers,
          member.asteriskToken,
          asyncDisposeKey(),
          member.questionToken,
          member.typeParameters,
          member.parameters,
          member.type,
          member.body,
        );
      }
      const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) : undefined;
      return asyncDisposeSignature(modifiers?.filter((m) => m.kind !== ts.SyntaxKind.ReadonlyKeyword && m.kind !== ts.SyntaxKind.DeclareKeyword));
    }

    /** `[Symbol.asyncDispose]` */
    function asyncDisposeKey(): ts.ComputedPropertyName {
      return factory.createComputedPropertyName(factory.createPropertyAccessExpression(factory.createIdentifier("Symbol"), "asyncDispose"));
    }

    /** `[Symbol.asyncDispose](): Promise<void>;`, a class's member (with its modifiers, if any) or a type literal's. */
    function asyncDisposeSignature(modifiers?: readonly ts.Modifier[]): ts.MethodDeclaration;
    function asyncDisposeSignature(modifiers: undefined, inTypeLiteral: true): ts.MethodSignature;
    function asyncDisposeSignature(modifiers?: readonly ts.Modifier[], inTypeLiteral = false): ts.MethodDeclaration | ts.MethodSignature {
      const promiseOfVoid = factory.createTypeReferenceNode("Promise", [factory.createKeywordTypeNode(ts.SyntaxKind.VoidKeyword)]);
      return inTypeLiteral
        ? factory.createMethodSignature(undefined, asyncDisposeKey(), undefined, undefined, [], promiseOfVoid)
        : factory.createMethodDeclaration(modifiers, undefined, asyncDisposeKey(), undefined, undefined, [], promiseOfVoid, undefined);
    }

    function planOf(original: ts.ClassLikeDeclaration): ClassPlan | undefined {
      return analyze(original.getSourceFile()).classes.find((c) => c.node === original);
    }

    /** The class declares a teardown of its own (or an abstract one), or the type of the generated one (`declare [Symbol.asyncDispose]: …`). */
    function declaresDispose(plan: ClassPlan | undefined): boolean {
      return plan !== undefined && (plan.disposeMembers.length > 0 || plan.disposeDeclared !== undefined);
    }

    const transformSourceFile = (sourceFile: ts.SourceFile) => withoutStrayTag(ts.visitEachChild(sourceFile, visitor, context));
    return (root) => (ts.isBundle(root) ? factory.updateBundle(root, root.sourceFiles.map(transformSourceFile)) : transformSourceFile(root));
  };
}
