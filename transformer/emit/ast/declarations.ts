import type * as ts from "typescript";
import type { Analyzer } from "../../core/analyze";
import type { ClassPlan } from "../../core/plan";
import { isAmbient, skipParentheses } from "../../core/syntax";
import { findTag } from "../../core/tag";

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
 *     /** @asyncInit *\/
 *     export declare class Db {
 *         init(): Promise<void>;
 *         [Symbol.asyncDispose](): Promise<void>;
 *     }
 *
 * - `[Symbol.asyncDispose]` is added unless the class declares its own (written out
 *   or through an alias, as the analysis found it). A `declare [Symbol.asyncDispose]:
 *   () => Promise<void>;` property (the generated teardown's type) becomes that method,
 *   so that a subclass may declare its teardown as a method (TS2425 over a property). Then
 *   plain `tsc` accepts `await using db = await new Db()` in a consumer.
 * - No `then` is ever declared: a `then` in the type would make `await new Db()`
 *   a type error (TS1320), and `await` already yields the instance's type.
 * - The tag comment stays on the class, so that a project compiled with this
 *   plugin finds it there and awaits `await using db = new Db()` on entry.
 *   TypeScript copies it when it is the class's leading JSDoc; a tag elsewhere
 *   (after `export` or a decorator) is written again as `/** @asyncInit *\/`.
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
      const declared = plan?.disposeDeclared;
      const members = declared
        ? factory.createNodeArray(node.members.map((member) => (ts.getOriginalNode(member) === declared ? asyncDisposeSignature() : member)))
        : declaresDispose(plan)
          ? node.members
          : factory.createNodeArray([...node.members, asyncDisposeSignature()]);
      const updated = factory.updateClassDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
      if (!tagIsCopied(original)) {
        ts.addSyntheticLeadingComment(updated, ts.SyntaxKind.MultiLineCommentTrivia, "* @asyncInit ", true);
      }
      return updated;
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
        const withDispose = factory.updateTypeLiteralNode(instance, factory.createNodeArray([...instance.members, asyncDisposeSignature(true)]));
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

    /** `[Symbol.asyncDispose](): Promise<void>;` */
    function asyncDisposeSignature(inTypeLiteral: true): ts.MethodSignature;
    function asyncDisposeSignature(inTypeLiteral?: false): ts.MethodDeclaration;
    function asyncDisposeSignature(inTypeLiteral = false): ts.MethodDeclaration | ts.MethodSignature {
      const name = factory.createComputedPropertyName(factory.createPropertyAccessExpression(factory.createIdentifier("Symbol"), "asyncDispose"));
      const promiseOfVoid = factory.createTypeReferenceNode("Promise", [factory.createKeywordTypeNode(ts.SyntaxKind.VoidKeyword)]);
      return inTypeLiteral
        ? factory.createMethodSignature(undefined, name, undefined, undefined, [], promiseOfVoid)
        : factory.createMethodDeclaration(undefined, undefined, name, undefined, undefined, [], promiseOfVoid, undefined);
    }

    function planOf(original: ts.ClassLikeDeclaration): ClassPlan | undefined {
      return analyze(original.getSourceFile()).classes.find((c) => c.node === original);
    }

    /** The class declares a teardown of its own (or an abstract one), or the type of the generated one (`declare [Symbol.asyncDispose]: …`). */
    function declaresDispose(plan: ClassPlan | undefined): boolean {
      return plan !== undefined && (plan.disposeMembers.length > 0 || plan.disposeDeclared !== undefined);
    }

    /** TypeScript keeps the JSDoc comments that lead the class; the tag may sit elsewhere. */
    function tagIsCopied(original: ts.ClassLikeDeclaration): boolean {
      const sourceFile = original.getSourceFile();
      const tag = findTag(ts, sourceFile, original);
      const leading = ts.getLeadingCommentRanges(sourceFile.text, original.pos) ?? [];
      return tag !== undefined && leading.some((comment) => comment.pos === tag.comment.pos);
    }

    const transformSourceFile = (sourceFile: ts.SourceFile) => ts.visitEachChild(sourceFile, visitor, context);
    return (root) => (ts.isBundle(root) ? factory.updateBundle(root, root.sourceFiles.map(transformSourceFile)) : transformSourceFile(root));
  };
}
