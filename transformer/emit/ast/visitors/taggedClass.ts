import type * as ts from "typescript";
import type { ClassPlan } from "../../../core/plan";
import { hasModifier } from "../../../core/syntax";
import { GENERATED, jsDocTrivia } from "../../comments";
import type { FileContext } from "../context";
import { visitAsyncFunctions } from "./asyncFunctions";

/**
 * Rewrites one `@asyncInit` class.
 *
 * Given:
 *
 *     /** @asyncInit *\/
 *     class Db {
 *         constructor(url) { this.url = url; }
 *         async init() { this.pool = await connect(this.url); }
 *         async [Symbol.asyncDispose]() { await this.pool.end(); }
 *     }
 *
 * Produces:
 *
 *     class Db {
 *         constructor(url) { this.url = url; }
 *         async init() {
 *             const asyncInitContext_1 = asyncInit_1.context();
 *             this.pool = await asyncInit_1.inside(asyncInitContext_1, () => connect(this.url));
 *         }
 *         [Symbol.asyncDispose]() {
 *             return asyncInit_1.dispose(this, void 0, async () => {
 *                 const asyncInitContext_1 = asyncInit_1.context();
 *                 await asyncInit_1.inside(asyncInitContext_1, () => this.pool.end());
 *             });
 *         }
 *         get then() { return asyncInit_1.then(this, "init"); }
 *         [asyncInit_1.tagged]() { }
 *     }
 *
 * A class that extends another passes `super[asyncInit_1.asyncDispose]` where `Db` passes
 * `void 0`. A class without its own teardown gets `[asyncInit_1.asyncDispose]() { return
 * asyncInit_1.dispose(this, void 0); }` (the plumbing's `Symbol.asyncDispose`: a `Symbol`
 * of the user's may be in scope). The async functions of the class carry the init
 * they are called from into their awaits (see visitAsyncFunctions). Compiled for ES2022
 * and up, the class usually also gets a private field that holds the state of each
 * instance (see createStateSlot, and ownsStateField for when). The constructor and
 * every other member stay as written.
 */
export function visitTaggedClass<T extends ts.ClassDeclaration | ts.ClassExpression>(
  file: FileContext,
  node: T,
  plan: ClassPlan,
  visitMember: (member: ts.ClassElement) => ts.VisitResult<ts.ClassElement | undefined>,
): T {
  const { ts, factory } = file;
  let hasTeardown = false;
  const inherited = inheritedDispose(file, plan);

  const members: ts.ClassElement[] = plan.stateField ? createStateSlot(file, plan.stateField) : [];
  const afterSlot = members.length;
  for (const visited of ts.visitNodes(node.members, visitMember, ts.isClassElement)) {
    const isDispose = (plan.disposeMembers as ts.Node[]).includes(ts.getOriginalNode(visited));
    const member = visitAsyncFunctions(file, visited, plan);
    if (isDispose && ts.isMethodDeclaration(member) && member.body) {
      hasTeardown = true;
      members.push(wrapTeardown(file, member, inherited));
    } else if (!isDispose) {
      members.push(member);
    } // else an overload or an abstract declaration: the generated dispose takes its place
  }
  // Before the members whose key may be Symbol.asyncDispose (TS46021): one that is, defined later, replaces it.
  if (!hasTeardown) members.splice(plan.disposeFirst ? afterSlot : members.length, 0, createDispose(file, inherited));
  members.push(createThenGetter(file, plan.initName, plan.withSignal), createMarker(file));

  if (ts.isClassDeclaration(node)) {
    return factory.updateClassDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members) as T;
  }
  return factory.updateClassExpression(node as ts.ClassExpression, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members) as T;
}

/**
 * `super[asyncInit_1.asyncDispose]`: the dispose this class overrides, if any. A class
 * with no `extends` overrides none, and gets `void 0`: below ES2015 TypeScript
 * lowers `super[…]` to `_super.prototype[…]`, and only a derived class has `_super`.
 */
function inheritedDispose(file: FileContext, plan: ClassPlan): ts.Expression {
  const { factory } = file;
  if (!plan.extendsSomething) return factory.createVoidZero();
  return factory.createElementAccessExpression(factory.createSuper(), asyncDisposeKey(file));
}

/** `asyncInit_1.asyncDispose`: the real `Symbol.asyncDispose`, whatever `Symbol` names where the class is. */
function asyncDisposeKey(file: FileContext): ts.Expression {
  return file.factory.createPropertyAccessExpression(file.plumbing(), "asyncDispose");
}

/** `return asyncInit_1.dispose(this, super[asyncInit_1.asyncDispose], teardown);` */
function disposeBody(file: FileContext, inherited: ts.Expression, teardown: ts.Expression | undefined): ts.Block {
  const { factory } = file;
  const args = [factory.createThis(), inherited, ...(teardown ? [teardown] : [])];
  const call = factory.createCallExpression(factory.createPropertyAccessExpression(file.plumbing(), "dispose"), undefined, args);
  return factory.createBlock([factory.createReturnStatement(call)], true);
}

const DISPOSE_COMMENT = jsDocTrivia(GENERATED.dispose);
const THEN_COMMENT = (name: string) => jsDocTrivia(GENERATED.then(name));

function withComment<T extends ts.Node>(file: FileContext, node: T, text: string): T {
  return file.ts.addSyntheticLeadingComment(node, file.ts.SyntaxKind.MultiLineCommentTrivia, text, true);
}

/**
 * Keeps the user's teardown, run by the plumbing:
 *
 *     async [Symbol.asyncDispose]() { await this.pool.end(); }
 *   →
 *     [Symbol.asyncDispose]() {
 *         return asyncInit_1.dispose(this, super[asyncInit_1.asyncDispose], async () => { await this.pool.end(); });
 *     }
 *
 * The name stays as written (an alias of `Symbol.asyncDispose` too); the body's awaits
 * were already rewritten by visitAsyncFunctions.
 */
function wrapTeardown(file: FileContext, method: ts.MethodDeclaration, inherited: ts.Expression): ts.MethodDeclaration {
  const { ts, factory } = file;
  const isAsync = hasModifier(ts, method, ts.SyntaxKind.AsyncKeyword);
  const teardown = factory.createArrowFunction(
    isAsync ? [factory.createModifier(ts.SyntaxKind.AsyncKeyword)] : undefined,
    undefined,
    [],
    undefined,
    factory.createToken(ts.SyntaxKind.EqualsGreaterThanToken),
    method.body!,
  );
  const modifiers = method.modifiers?.filter((m) => m.kind !== ts.SyntaxKind.AsyncKeyword);
  // The signature stays as written, and an async teardown keeps saying it returns a
  // Promise: decorator metadata (`design:returntype`) is read off the signature.
  const wrapper = factory.updateMethodDeclaration(
    method,
    modifiers,
    undefined,
    method.name,
    method.questionToken,
    method.typeParameters,
    method.parameters,
    method.type ?? (isAsync ? factory.createTypeReferenceNode("Promise") : undefined),
    disposeBody(file, inherited, teardown),
  );
  return withComment(file, wrapper, DISPOSE_COMMENT);
}

/** `[asyncInit_1.asyncDispose]() { return asyncInit_1.dispose(this, super[asyncInit_1.asyncDispose]); }` */
function createDispose(file: FileContext, inherited: ts.Expression): ts.MethodDeclaration {
  const { factory } = file;
  const method = factory.createMethodDeclaration(
    undefined,
    undefined,
    factory.createComputedPropertyName(asyncDisposeKey(file)),
    undefined,
    undefined,
    [],
    undefined,
    disposeBody(file, inherited, undefined),
  );
  return withComment(file, method, DISPOSE_COMMENT);
}

/** `get then() { return asyncInit_1.then(this, "init"); }`, with `, true` after the name when init takes an AbortSignal. */
function createThenGetter(file: FileContext, initName: string, takesSignal: boolean): ts.GetAccessorDeclaration {
  const { factory } = file;
  const call = factory.createCallExpression(factory.createPropertyAccessExpression(file.plumbing(), "then"), undefined, [
    factory.createThis(),
    factory.createStringLiteral(initName),
    ...(takesSignal ? [factory.createTrue()] : []),
  ]);
  const getter = factory.createGetAccessorDeclaration(undefined, "then", [], undefined, factory.createBlock([factory.createReturnStatement(call)], true));
  return withComment(file, getter, THEN_COMMENT(initName));
}

/**
 * `[asyncInit_1.tagged]() { }`: a method on the prototype, keyed by a symbol of the
 * shared registry, by which code compiled without a type checker tells an instance of a
 * tagged class from any other value (`asyncInit_1.pending(x)`), reading nothing else.
 */
function createMarker(file: FileContext): ts.MethodDeclaration {
  const { factory } = file;
  const key = factory.createComputedPropertyName(factory.createPropertyAccessExpression(file.plumbing(), "tagged"));
  const method = factory.createMethodDeclaration(undefined, undefined, key, undefined, undefined, [], undefined, factory.createBlock([], false));
  return withComment(file, method, MARKER_COMMENT);
}

const MARKER_COMMENT = jsDocTrivia(GENERATED.marker);

const SLOT_COMMENT = jsDocTrivia(GENERATED.slot);

/**
 * The field that holds the state of each instance, and the static block that
 * lends it to the plumbing:
 *
 *     #asyncInit;
 *     static {
 *         asyncInit_1.slot(this, {
 *             has: (self) => #asyncInit in self,
 *             get: (self) => self.#asyncInit,
 *             set: (self, state) => { self.#asyncInit = state; }
 *         });
 *     }
 *
 * Both come first, so the class is registered before any static initializer of
 * its own could await an instance.
 */
function createStateSlot(file: FileContext, name: string): ts.ClassElement[] {
  const { ts, factory } = file;
  const field = () => factory.createPropertyAccessExpression(factory.createIdentifier("self"), factory.createPrivateIdentifier(name));
  const param = (text: string) => factory.createParameterDeclaration(undefined, undefined, text);
  const arrow = (params: string[], body: ts.ConciseBody) =>
    factory.createArrowFunction(undefined, undefined, params.map(param), undefined, factory.createToken(ts.SyntaxKind.EqualsGreaterThanToken), body);
  const lender = factory.createObjectLiteralExpression(
    [
      factory.createPropertyAssignment(
        "has",
        arrow(["self"], factory.createBinaryExpression(factory.createPrivateIdentifier(name), ts.SyntaxKind.InKeyword, factory.createIdentifier("self"))),
      ),
      factory.createPropertyAssignment("get", arrow(["self"], field())),
      factory.createPropertyAssignment(
        "set",
        arrow(
          ["self", "state"],
          factory.createBlock([factory.createExpressionStatement(factory.createAssignment(field(), factory.createIdentifier("state")))]),
        ),
      ),
    ],
    true,
  );
  const register = factory.createCallExpression(factory.createPropertyAccessExpression(file.plumbing(), "slot"), undefined, [factory.createThis(), lender]);
  const slot = factory.createPropertyDeclaration(undefined, factory.createPrivateIdentifier(name), undefined, undefined, undefined);
  const block = factory.createClassStaticBlockDeclaration(factory.createBlock([factory.createExpressionStatement(register)], true));
  return [withComment(file, slot, SLOT_COMMENT), block];
}
