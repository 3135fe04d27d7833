import type * as ts from "typescript";
import { classesNamedAround, statementsOf } from "./bindings";
import { disposeKeyOf } from "./disposeKey";
import type { AnalysisFile } from "./file";
import { RESERVED_INIT_NAMES } from "./options";
import {
  classNameOf,
  extendsExpressionOf,
  findInSameFileBases,
  hasModifier,
  isIdentifierName,
  isThenAtRunTime,
  memberName,
  skipOuterExpressions,
} from "./syntax";
import { type AsyncInitTag, findTag, type NearMiss } from "./tag";
import { baseTypes, findInBaseClasses } from "./types";
import { findDescendant } from "./walk";

/** What the rewrite needs to know about a tagged class that passed its checks. */
export interface TaggedClass {
  /** The init method awaited for its instances. */
  initName: string;
  /** The instance methods keyed by `Symbol.asyncDispose` (or an alias of it): the teardown, and its overloads or abstract declaration. */
  disposeMembers: ts.MethodDeclaration[];
  /** Whether a member's key may be `Symbol.asyncDispose` without a checker to tell (TS46021). */
  keyUnseen: boolean;
  /** The class's declaration of the generated teardown's type, if any: `declare [Symbol.asyncDispose]: () => Promise<void>;`. */
  disposeDeclared: ts.PropertyDeclaration | undefined;
}

/**
 * Checks one tagged class and returns what its rewrite needs, or undefined
 * when something is wrong (reported; the class is then emitted as written).
 */
export function checkTaggedClass(file: AnalysisFile, node: ts.ClassLikeDeclaration, tags: AsyncInitTag[]): TaggedClass | undefined {
  const { ts } = file;
  const className = classNameOf(ts, node);
  let initName = file.options.initMethod;
  let ok = true;

  // `@asyncInit setup` and `@asyncInit start` before one class: which init is meant is not known.
  const written = [...new Set(tags.map((tag) => (tag.argument ? `@asyncInit ${tag.argument.text}` : "@asyncInit")))];
  if (written.length > 1) {
    file.report("conflictingTags", node.name ?? node, className, written.map((w) => `'${w}'`).join(", "));
    return undefined;
  }
  const [tag] = tags;

  if (tag.argument) {
    const reserved = RESERVED_INIT_NAMES.get(tag.argument.text);
    if (reserved) {
      file.report("reservedName", { start: tag.argument.pos, length: tag.argument.text.length }, tag.argument.text, tag.argument.written, reserved);
      return undefined;
    }
    if (isIdentifierName(ts, tag.argument.text)) initName = tag.argument.text;
    else {
      file.report("badName", { start: tag.argument.pos, length: tag.argument.text.length }, tag.argument.text, tag.argument.written);
      return undefined;
    }
  }

  const disposeMembers: ts.MethodDeclaration[] = [];
  let keyUnseen = false;
  let disposeDeclared: ts.PropertyDeclaration | undefined;
  for (const member of node.members) {
    if (hasModifier(ts, member, ts.SyntaxKind.StaticKeyword)) continue;
    if (isThenAtRunTime(ts, member)) {
      file.report("ownThen", member, className);
      ok = false;
    }
    const key = disposeKeyOf(ts, file.checker, member.name);
    // declare [Symbol.asyncDispose]: () => Promise<void>;   a type, no member: it tells a checker that sees the
    // class as written (TypeScript 7's) about the teardown the rewrite generates. Emitted as nothing.
    if (hasModifier(ts, member, ts.SyntaxKind.DeclareKeyword)) {
      if (key === "asyncDispose" && ts.isPropertyDeclaration(member)) disposeDeclared ??= member;
      continue;
    }
    if (key === "asyncDispose" && ts.isMethodDeclaration(member) && member.asteriskToken) {
      // async *[Symbol.asyncDispose]() { … }: the generated dispose would call it, and run none of its body.
      file.report("teardownGenerator", member, className);
      ok = false;
    } else if (key === "asyncDispose" && ts.isMethodDeclaration(member)) disposeMembers.push(member);
    else if (key === "asyncDispose") {
      file.report("teardownNotMethod", member, className);
      ok = false;
    } else if (key === "registryAsyncDispose") {
      // Symbol.for("nodejs.asyncDispose") is Symbol.asyncDispose where the code may run (Node 18-22), and
      // Symbol.for("Symbol.asyncDispose") under a polyfill: syntax alone tells that, so it is an error without a checker too.
      file.report("teardownKeyRegistry", member.name!, className, member.name!.getText(file.sourceFile));
      ok = false;
    } else if (key === "unknown" && file.checker) {
      file.report("teardownKeyUnknown", member.name!, className, member.name!.getText(file.sourceFile));
      ok = false;
    } else if (key === "unknown") {
      keyUnseen = true;
      file.report("teardownKeyUnseen", member.name!, className, member.name!.getText(file.sourceFile));
    }
  }
  const teardownProperty = findTeardownPropertyOfBase(file, node);
  if (teardownProperty) {
    file.report("inheritedTeardownProperty", node.name ?? node, className, teardownProperty);
    ok = false;
  }
  const inheritedThen = findInheritedThen(file, node);
  if (inheritedThen) {
    file.report("inheritedThen", node.name ?? node, className, inheritedThen.name, inheritedThen.fromLibrary);
    ok = false;
  }

  const problem = file.checker ? findInitWithChecker(file, node, initName) : findInitInClass(file, node, initName);
  if (problem) {
    // The tag names the method already: the advice is to declare it, not to name it in the tag.
    // At the member when the class declares one (`init = async () => {}`, `static async init()`), else at the class's name.
    const own = problem === "missingInit" ? undefined : initMemberAt(ts, node, initName, problem)?.name;
    if (problem === "missingInit" && !tag.argument) file.report("missingInit", node.name ?? node, className, initName, initNameToOffer(file, node));
    else file.report(problem === "missingInit" && tag.argument ? "missingNamedInit" : problem, own ?? node.name ?? node, className, initName);
    ok = false;
  }
  const returning = !problem && findInitReturningInstance(file, node, initName);
  if (returning) {
    // An inherited init may be declared in another file: the class is to blame here.
    file.report("initReturnsInstance", returning.getSourceFile() === file.sourceFile ? returning : (node.name ?? node), className, initName);
    ok = false;
  }
  const parameter = !problem && findParameterNotGiven(file, node, initName);
  if (parameter) {
    const at = parameter.getSourceFile() === file.sourceFile ? parameter : (node.name ?? node);
    file.report("initParameterNotGiven", at, className, initName, parameter.getText(parameter.getSourceFile()));
    ok = false;
  }
  return ok ? { initName, disposeMembers, keyUnseen, disposeDeclared } : undefined;
}

/**
 * A parameter of init that will not get what it asks for: init is called with one
 * argument, the AbortSignal that dispose aborts, and with nothing else.
 *
 *     async init(url: string)                  → url (a string: it gets an AbortSignal)
 *     async init(signal: AbortSignal, n: number) → n (required, and never given)
 *     async init(...names: string[])           → ...names (its first element is the AbortSignal)
 *     async init(retries = 3)                  → retries = 3 (a number, by its default)
 *     async init(signal?: AbortSignal), init(signal: unknown), init(signal), init(...rest: unknown[]), init(this: Db)  → fine
 *
 * The first parameter's type is judged by the checker (is an AbortSignal assignable to
 * it?); without one, only a primitive keyword (`string`, `number`…) is sure to be wrong,
 * and for a rest parameter, an array or tuple of one, or a tuple of no element (`...rest: []`).
 */
function findParameterNotGiven(file: AnalysisFile, node: ts.ClassLikeDeclaration, name: string): ts.ParameterDeclaration | undefined {
  const { ts, checker } = file;
  for (const declaration of initDeclarationsOf(file, node, name)) {
    if (!ts.isMethodDeclaration(declaration) || valueParameters(ts, declaration).length === 0) continue;
    const [first, ...rest] = valueParameters(ts, declaration);
    const required = rest.find((p) => !p.questionToken && !p.initializer && !p.dotDotDotToken);
    if (required) return required;
    // Untyped, with no default or one of nothing (`init(signal)`, `init(signal = undefined)`): it takes anything.
    if (!first.type && (!first.initializer || isNothing(ts, first.initializer))) continue;
    if (checker) {
      // Its type as written, or as its default gives it (`init(x = 1)`: number); a rest
      // parameter (`...names: string[]`) gets the signal as its first element.
      const type = checker.getTypeAtLocation(first);
      const given = first.dotDotDotToken ? type.getNumberIndexType() : type;
      if (given && !acceptsAbortSignal(ts, checker, given)) return first;
    } else if (first.type) {
      if (first.dotDotDotToken ? restTakesNoSignal(ts, first.type) : isPrimitiveKeyword(ts, first.type)) return first;
    } else if (first.initializer && isPrimitiveLiteral(ts, first.initializer)) return first;
  }
  return undefined;
}

/**
 * Without a checker, a rest parameter's type that is sure not to take the signal as its first element:
 * `...names: string[]` (`readonly string[]`, `Array<string>`, `ReadonlyArray<string>`), `...rest: []`
 * (no element at all), `...pair: [number, number]`.
 */
function restTakesNoSignal(ts: typeof import("typescript"), written: ts.TypeNode): boolean {
  // `readonly string[]`, `Array<string>`, `ReadonlyArray<string>` are arrays too.
  const type = ts.isTypeOperatorNode(written) && written.operator === ts.SyntaxKind.ReadonlyKeyword ? written.type : written;
  if (ts.isArrayTypeNode(type)) return isPrimitiveKeyword(ts, type.elementType);
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && ["Array", "ReadonlyArray"].includes(type.typeName.text))
    return type.typeArguments?.length === 1 && isPrimitiveKeyword(ts, type.typeArguments[0]);
  if (!ts.isTupleTypeNode(type)) return false;
  const [element] = type.elements;
  if (element === undefined) return true;
  return isPrimitiveKeyword(ts, ts.isNamedTupleMember(element) ? element.type : element);
}

/** `undefined`, `void 0`, `null`. */
function isNothing(ts: typeof import("typescript"), value: ts.Expression): boolean {
  return (ts.isIdentifier(value) && value.text === "undefined") || ts.isVoidExpression(value) || value.kind === ts.SyntaxKind.NullKeyword;
}

/** `1`, `"db://"`, `` `x` ``, `true`, `10n`: a default that says the parameter is no AbortSignal. */
function isPrimitiveLiteral(ts: typeof import("typescript"), value: ts.Expression): boolean {
  const { TrueKeyword, FalseKeyword } = ts.SyntaxKind;
  return (
    ts.isNumericLiteral(value) ||
    ts.isStringLiteral(value) ||
    ts.isNoSubstitutionTemplateLiteral(value) ||
    ts.isBigIntLiteral(value) ||
    [TrueKeyword, FalseKeyword].includes(value.kind)
  );
}

/** `string`, `number`, `boolean`, `bigint`, `symbol`: what an AbortSignal never is. */
function isPrimitiveKeyword(ts: typeof import("typescript"), type: ts.TypeNode): boolean {
  const { StringKeyword, NumberKeyword, BooleanKeyword, BigIntKeyword, SymbolKeyword } = ts.SyntaxKind;
  return [StringKeyword, NumberKeyword, BooleanKeyword, BigIntKeyword, SymbolKeyword].includes(type.kind);
}

/** Whether an AbortSignal may be passed for this type; true where it cannot be told (no AbortSignal in the program's lib, a TypeScript before 5.4). */
function acceptsAbortSignal(ts: typeof import("typescript"), checker: ts.TypeChecker, type: ts.Type): boolean {
  if (!checker.isTypeAssignableTo || !checker.resolveName) return true;
  const signal = checker.resolveName("AbortSignal", undefined, ts.SymbolFlags.Type, false);
  return !signal || checker.isTypeAssignableTo(checker.getDeclaredTypeOfSymbol(signal), type);
}

/**
 * The init method TS46001 offers to name in the tag: the one the tag of the nearest tagged
 * base names (`/** @asyncInit init *\/` in a library's `.d.ts`, for a user whose own
 * `initMethod` is another), else the class's first async instance method.
 */
function initNameToOffer(file: AnalysisFile, node: ts.ClassLikeDeclaration): string | undefined {
  const { ts, checker } = file;
  const symbol = classSymbol(file, node);
  // The nearest tagged base decides: a bare tag there names no method (it runs the project's own initMethod).
  const tagOfBase = (base: ts.ClassLikeDeclaration) => {
    const tag = findTag(ts, base.getSourceFile(), base);
    return tag && { named: tag.argument !== undefined && isIdentifierName(ts, tag.argument.text) ? tag.argument.text : undefined };
  };
  const nearest =
    checker && symbol ? findInBaseClasses(ts, checker, checker.getDeclaredTypeOfSymbol(symbol), tagOfBase) : findInSameFileBases(ts, node, tagOfBase);
  return nearest?.named ?? firstAsyncMethodName(ts, node);
}

/** The name of the class's first async instance method (`async open() { … }`). */
function firstAsyncMethodName(ts: typeof import("typescript"), node: ts.ClassLikeDeclaration): string | undefined {
  const method = node.members.find(
    (member): member is ts.MethodDeclaration & { name: ts.Identifier } =>
      ts.isMethodDeclaration(member) &&
      ts.isIdentifier(member.name) &&
      !member.asteriskToken &&
      hasModifier(ts, member, ts.SyntaxKind.AsyncKeyword) &&
      !hasModifier(ts, member, ts.SyntaxKind.StaticKeyword),
  );
  return method && ts.idText(method.name);
}

type InitProblem = "missingInit" | "staticInit" | "initNotMethod" | "initGenerator" | undefined;

/** The class's symbol (named or not), when there is a checker. */
export function classSymbol(file: AnalysisFile, node: ts.ClassLikeDeclaration): ts.Symbol | undefined {
  const { checker } = file;
  if (!checker) return undefined;
  return node.name ? checker.getSymbolAtLocation(node.name) : checker.getTypeAtLocation(node).getSymbol();
}

/** Looks the init method up on the instance type, inherited members included. */
function findInitWithChecker(file: AnalysisFile, node: ts.ClassLikeDeclaration, name: string): InitProblem {
  const { ts } = file;
  const checker = file.checker!;
  const symbol = classSymbol(file, node);
  if (!symbol) return findInitInClass(file, node, name);
  const declared = checker.getDeclaredTypeOfSymbol(symbol);
  const member = declared.getProperty(name);
  if (!member) {
    if (checker.getTypeOfSymbol(symbol).getProperty(name)) return "staticInit";
    // A base the checker sees as `any` (`class Sub extends AnyBase`, `AnyBase: any`) may have one when it runs; if not, the first await rejects.
    return extendsAny(ts, checker, declared) ? undefined : "missingInit";
  }
  if (!(member.flags & ts.SymbolFlags.Method)) return "initNotMethod";
  if (member.declarations?.some((declaration) => ts.isMethodDeclaration(declaration) && declaration.asteriskToken)) return "initGenerator";
  // `interface Db { init(): Promise<void> }` merged with the class: a type, with no method behind it.
  const declaredByMergedInterface = (declaration: ts.Declaration) =>
    ts.isInterfaceDeclaration(declaration.parent) && (symbol.declarations ?? []).includes(declaration.parent);
  return member.declarations?.length && member.declarations.every(declaredByMergedInterface) ? "missingInit" : undefined;
}

/** Whether a class, or a class it extends, has a base the checker types as `any`. */
function extendsAny(ts: typeof import("typescript"), checker: ts.TypeChecker, type: ts.Type, seen = new Set<ts.Type>()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  return baseTypes(ts, checker, type).some((base) => (base.flags & ts.TypeFlags.Any) !== 0 || extendsAny(ts, checker, base, seen));
}

/**
 * `async init() { …; return this; }`: init's promise would be resolved with a
 * thenable whose then waits for that very promise. Returns the node to blame:
 * a statement of init's body that does (whatever the declared type, `Promise<unknown>`
 * or `any` too), or else the init whose type says it resolves with the instance:
 *
 *     return this;    return Promise.resolve(this);    return new Promise((resolve) => resolve(this));
 *     async init(): Promise<this>
 *
 * With a checker, a value counts when its type is the `this` of the class that declares
 * init (`const self = this; return self;`), not merely an instance of that class:
 * `return this.parent` (a `Node` of a tagged `Node`) resolves with another instance,
 * whose own init it waits for, and settles.
 */
function findInitReturningInstance(file: AnalysisFile, node: ts.ClassLikeDeclaration, name: string): ts.Node | undefined {
  const { ts, checker } = file;
  for (const declaration of initDeclarationsOf(file, node, name)) {
    if (!ts.isMethodDeclaration(declaration)) continue;
    const thisType = checker && ts.isClassLike(declaration.parent) ? thisTypeOf(file, declaration.parent) : undefined;
    // `this` where it is the instance (init's own body, and arrows in it), or a value the checker types as that `this`.
    const isInstance = (expression: ts.Expression, thisIsInstance: boolean): boolean => {
      if (mayBeThis(ts, expression)) return thisIsInstance;
      return thisType !== undefined && resolvesWithType(checker!, checker!.getTypeAtLocation(expression), thisType);
    };
    // The statement first, where there is one: the place the text back end (no checker) reports too.
    const statement = declaration.body && findReturnOfInstance(ts, declaration.body, isInstance);
    if (statement) return statement;
    if (thisType) {
      const signature = checker!.getSignatureFromDeclaration(declaration);
      if (signature && resolvesWithType(checker!, checker!.getReturnTypeOfSignature(signature), thisType)) return declaration.name;
    } else if (declaration.type && promisesThis(ts, declaration.type)) return declaration.name;
  }
  return undefined;
}

/** The polymorphic `this` type of a class (what `this` is inside its methods). */
function thisTypeOf(file: AnalysisFile, node: ts.ClassLikeDeclaration): ts.Type | undefined {
  const symbol = classSymbol(file, node);
  return symbol ? ((file.checker!.getDeclaredTypeOfSymbol(symbol) as ts.InterfaceType).thisType ?? undefined) : undefined;
}

/** Whether a value of `type`, awaited, is (or may be, in a union) `thisType`: `this`, `Promise<this>`, `Promise<this | undefined>`. */
function resolvesWithType(checker: ts.TypeChecker, type: ts.Type, thisType: ts.Type): boolean {
  const awaited = checker.getAwaitedType(type);
  const parts = awaited?.isUnion() ? awaited.types : awaited ? [awaited] : [];
  return parts.includes(thisType);
}

/** Without a checker: `Promise<this>`, `Promise<this | undefined>` as init's declared type. */
function promisesThis(ts: typeof import("typescript"), type: ts.TypeNode): boolean {
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName) || type.typeName.text !== "Promise") return false;
  const [argument] = type.typeArguments ?? [];
  const parts = argument && ts.isUnionTypeNode(argument) ? argument.types : argument ? [argument] : [];
  return parts.some((part) => ts.isThisTypeNode(ts.isParenthesizedTypeNode(part) ? part.type : part));
}

/** A `return` of a function's own body that resolves its promise with the instance. */
function findReturnOfInstance(
  ts: typeof import("typescript"),
  body: ts.Block,
  isInstance: (e: ts.Expression, thisIsInstance: boolean) => boolean,
): ts.Node | undefined {
  return findDescendant(ts, body, (node) => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return "skip";
    return (
      ts.isReturnStatement(node) &&
      node.expression !== undefined &&
      (isInstance(node.expression, true) || resolvesWithInstance(ts, node.expression, isInstance))
    );
  });
}

/** `this`, or an expression whose value may be that `this`: `c ? this : undefined`, `a || this`, `a ?? this`, `a && this`, `(a, this)`. */
function mayBeThis(ts: typeof import("typescript"), expression: ts.Expression): boolean {
  const node = skipOuterExpressions(ts, expression);
  if (node.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isConditionalExpression(node)) return mayBeThis(ts, node.whenTrue) || mayBeThis(ts, node.whenFalse);
  if (!ts.isBinaryExpression(node)) return false;
  switch (node.operatorToken.kind) {
    case ts.SyntaxKind.BarBarToken:
    case ts.SyntaxKind.QuestionQuestionToken:
      return mayBeThis(ts, node.left) || mayBeThis(ts, node.right);
    case ts.SyntaxKind.AmpersandAmpersandToken: // `this && x` is x: an object is never falsy
    case ts.SyntaxKind.CommaToken:
      return mayBeThis(ts, node.right);
    default:
      return false;
  }
}

/**
 * `Promise.resolve(this)`, `new Promise((resolve) => { … resolve(this) … })` with the call
 * anywhere in the executor, or a promise that an arrow function's result settles (`this`
 * in an arrow is init's):
 *
 *     return connect().then(() => this);          p.catch(() => this) too
 *     return (async () => { …; return this; })();
 */
function resolvesWithInstance(
  ts: typeof import("typescript"),
  expression: ts.Expression,
  isInstance: (e: ts.Expression, thisIsInstance: boolean) => boolean,
): boolean {
  const made = skipOuterExpressions(ts, expression);
  if (ts.isCallExpression(made)) {
    if (isPromiseResolve(ts, made.expression)) return made.arguments[0] !== undefined && isInstance(made.arguments[0], true);
    const callee = skipOuterExpressions(ts, made.expression);
    const returnsInstance = (fn: ts.Node) => arrowReturnsInstance(ts, skipOuterExpressions(ts, fn), isInstance);
    if (ts.isPropertyAccessExpression(callee) && SETTLED_BY_CALLBACK.has(callee.name.text)) return made.arguments.some(returnsInstance);
    return returnsInstance(callee);
  }
  if (!ts.isNewExpression(made) || !ts.isIdentifier(made.expression) || made.expression.text !== "Promise") return false;
  const executor = made.arguments?.[0] && skipOuterExpressions(ts, made.arguments[0]);
  const resolve = executor && (ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) ? executor.parameters[0]?.name : undefined;
  if (!executor || !resolve || !ts.isIdentifier(resolve)) return false;
  const body = (executor as ts.ArrowFunction | ts.FunctionExpression).body;
  // Inside a function of the executor (not an arrow), `this` is another value; in a function executor, too.
  const thisIsInstanceAt = (node: ts.Node): boolean => {
    if (!ts.isArrowFunction(executor)) return false;
    for (let outer = node.parent; outer && outer !== executor; outer = outer.parent) {
      if (ts.isFunctionLike(outer) && !ts.isArrowFunction(outer)) return false;
    }
    return true;
  };
  const resolvesThis = (node: ts.Node): boolean =>
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === resolve.text &&
    node.arguments[0] !== undefined &&
    isInstance(node.arguments[0], thisIsInstanceAt(node));
  return findDescendant(ts, body, resolvesThis) !== undefined;
}

/** The methods of a promise whose result a callback's result settles. */
const SETTLED_BY_CALLBACK = new Set(["then", "catch"]);

/** An arrow function whose result may be the instance: `() => this`, `async () => { …; return this; }`, `() => p.then(() => this)`. */
function arrowReturnsInstance(ts: typeof import("typescript"), fn: ts.Node, isInstance: (e: ts.Expression, thisIsInstance: boolean) => boolean): boolean {
  if (!ts.isArrowFunction(fn)) return false;
  if (ts.isBlock(fn.body)) return findReturnOfInstance(ts, fn.body, isInstance) !== undefined;
  return isInstance(fn.body, true) || resolvesWithInstance(ts, fn.body, isInstance);
}

/** `Promise.resolve`, written out. */
function isPromiseResolve(ts: typeof import("typescript"), callee: ts.Expression): boolean {
  const node = skipOuterExpressions(ts, callee);
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "Promise" && node.name.text === "resolve";
}

/** The class or interface a tagged class gets a `then` from, other than itself. */
function findInheritedThen(file: AnalysisFile, node: ts.ClassLikeDeclaration): ThenOwner | undefined {
  const { ts, checker } = file;
  const symbol = classSymbol(file, node);
  if (!checker || !symbol) {
    const name = findThenOfSameFileBase(ts, node);
    return name === undefined ? undefined : { name, fromLibrary: false };
  }
  const then = checker.getDeclaredTypeOfSymbol(symbol).getProperty("then");
  const inherited = (then?.declarations ?? []).find((declaration) => declaration.parent !== node && isThenAtRunTime(ts, declaration));
  return inherited && thenOwner(file, then!, inherited);
}

/** Where a declaration of `then` is: its class (`Base`, `WithThen(…)` for a mixin's), its interface, or else its type; and whether a declaration file declares it (`Promise`). */
export interface ThenOwner {
  name: string;
  fromLibrary: boolean;
}

export function thenOwner(file: AnalysisFile, then: ts.Symbol, declaration: ts.Declaration): ThenOwner {
  const { ts, checker } = file;
  const owner = declaration.parent;
  const fromLibrary = declaration.getSourceFile().isDeclarationFile;
  if (ts.isClassLike(owner)) return { name: classNameOf(ts, owner), fromLibrary };
  return { name: ts.isInterfaceDeclaration(owner) ? owner.name.text : checker!.typeToString(checker!.getTypeOfSymbol(then)), fromLibrary };
}

/**
 * Without a checker: a `then` of the base classes that the same file declares, followed
 * up their own `extends`, through a mixin's call too, as the subclass check follows them
 * (what another file declares, only a checker sees).
 *
 *     class Base { then() {} }
 *     /** @asyncInit *\/ class Db extends Base {}            → "Base"
 *     /** @asyncInit *\/ class Db extends Memo(Base) {}      → "Base"
 */
function findThenOfSameFileBase(ts: typeof import("typescript"), node: ts.ClassLikeDeclaration): string | undefined {
  return findInSameFileBases(ts, node, (base) => (base.members.some((member) => isThenAtRunTime(ts, member)) ? base.name?.text : undefined));
}

/** The class's own member that the init problem is about: a static one for "staticInit", else an instance one (the first, if several). */
function initMemberAt(ts: typeof import("typescript"), node: ts.ClassLikeDeclaration, name: string, problem: InitProblem): ts.ClassElement | undefined {
  const named = node.members.filter((member) => memberName(ts, member) === name);
  const isStatic = (member: ts.ClassElement) => hasModifier(ts, member, ts.SyntaxKind.StaticKeyword);
  const ofKind = named.filter((member) => isStatic(member) === (problem === "staticInit"));
  if (problem === "initGenerator") return ofKind.find((member) => ts.isMethodDeclaration(member) && member.asteriskToken) ?? ofKind[0];
  if (problem === "initNotMethod") return ofKind.find((member) => !ts.isMethodDeclaration(member)) ?? ofKind[0];
  return ofKind[0];
}

/**
 * A base class of the sources whose teardown is a property (a field): its constructor gives
 * each instance a teardown of its own, which hides the generated one on the prototype, so
 * dispose would not wait for init, and would run the teardown each time. A field of any
 * base counts, under a method of a nearer one too. Followed through the checker's base
 * types, or without one through the bases the same file declares. A `.d.ts` cannot tell a
 * field from a `declare` property: its classes are not read.
 *
 *     class Pool { [Symbol.asyncDispose] = async () => { … }; }
 *     /** @asyncInit *\/ class Db extends Pool { … }          → "Pool"
 */
function findTeardownPropertyOfBase(file: AnalysisFile, node: ts.ClassLikeDeclaration): string | undefined {
  const { ts, checker } = file;
  // With a value: one without (`[Symbol.asyncDispose]?: …`) is a type only where fields are assigned, and where they are
  // defined it makes the instance's teardown undefined, which `await using` refuses aloud. An `accessor` is on the prototype.
  const isTeardownField = (member: ts.ClassElement) =>
    ts.isPropertyDeclaration(member) &&
    member.initializer !== undefined &&
    !hasModifier(ts, member, ts.SyntaxKind.StaticKeyword) &&
    !hasModifier(ts, member, ts.SyntaxKind.AccessorKeyword) &&
    disposeKeyOf(ts, checker, member.name) === "asyncDispose";
  const owning = (base: ts.ClassLikeDeclaration) =>
    !base.getSourceFile().isDeclarationFile && base.members.some(isTeardownField) ? classNameOf(ts, base) : undefined;
  const symbol = classSymbol(file, node);
  if (!checker || !symbol) return findInSameFileBases(ts, node, owning);
  return findInBaseClasses(ts, checker, checker.getDeclaredTypeOfSymbol(symbol), owning);
}

/** Without a checker: the class's own members are known, and those of the bases its file declares. */
function findInitInClass(file: AnalysisFile, node: ts.ClassLikeDeclaration, name: string): InitProblem {
  const { ts } = file;
  const members = node.members.filter((m) => memberName(ts, m) === name);
  const instance = members.filter((m) => !hasModifier(ts, m, ts.SyntaxKind.StaticKeyword));
  const methods = instance.filter((m) => ts.isMethodDeclaration(m));
  if (methods.length > 0) return methods.some((m) => m.asteriskToken) ? "initGenerator" : undefined;
  if (instance.length > 0) return "initNotMethod";
  if (members.length > 0) return "staticInit";
  return noSameFileBaseDeclares(ts, node, name) ? "missingInit" : undefined;
}

/**
 * Without a checker: whether the class's `extends`, followed up the classes the file
 * declares, ends with none of them declaring `name`. Not so when a base may add it
 * unseen: one from another file, a mixin's call, a class expression.
 *
 *     class Base {}
 *     /** @asyncInit *\/ class Db extends Base {}                 → true
 *     /** @asyncInit *\/ class Db implements Service {}           → true (implements gives no method)
 *     /** @asyncInit *\/ class Db extends Imported {}             → false
 */
function noSameFileBaseDeclares(ts: typeof import("typescript"), node: ts.ClassLikeDeclaration, name: string): boolean {
  const seen = new Set<ts.Node>();
  for (let cls = node; ; ) {
    // interface Base extends Connectable {}: a base's merged interface may declare it, and a mixin's helper add
    // it (applyMixins). The tagged class's own interface does not count: its init must be a method of its own.
    if (cls !== node && hasMergedInterface(ts, cls)) return false;
    const heritage = extendsExpressionOf(ts, cls);
    if (!heritage) return true;
    if (!ts.isIdentifier(heritage)) return false;
    const [base] = classesNamedAround(ts, cls, new Set([heritage.text]));
    if (!base || seen.has(base) || base.members.some((m) => memberName(ts, m) === name)) return false;
    seen.add(base);
    cls = base;
  }
}

/** Whether an interface of the class's name, beside it, merges with it. */
function hasMergedInterface(ts: typeof import("typescript"), cls: ts.ClassLikeDeclaration): boolean {
  const name = cls.name?.text;
  return name !== undefined && statementsOf(ts, cls.parent).some((s) => ts.isInterfaceDeclaration(s) && s.name.text === name);
}

/**
 * Whether the init method declares a parameter, so it is handed an AbortSignal.
 * At run time `init.length` says so too, except for a parameter with a default
 * value (`init(signal = fallback)`), which only the declaration shows.
 */
export function initDeclaresParameter(file: AnalysisFile, node: ts.ClassLikeDeclaration, name: string): boolean {
  const { ts } = file;
  return initDeclarationsOf(file, node, name).some((d) => ts.isMethodDeclaration(d) && valueParameters(ts, d).length > 0);
}

/**
 * A method's parameters as JavaScript has them: without a leading `this` parameter,
 * which only types `this` and is erased (`init(this: Db, signal?: AbortSignal)` takes one).
 */
function valueParameters(ts: typeof import("typescript"), method: ts.MethodDeclaration): readonly ts.ParameterDeclaration[] {
  const [first, ...rest] = method.parameters;
  return first && ts.isIdentifier(first.name) && first.name.text === "this" ? rest : method.parameters;
}

/** The declarations of the class's init: with a checker, of its instance type (inherited ones too); without, its own members of that name. */
function initDeclarationsOf(file: AnalysisFile, node: ts.ClassLikeDeclaration, name: string): readonly ts.Declaration[] {
  const { ts, checker } = file;
  const symbol = classSymbol(file, node);
  return symbol ? (checker!.getDeclaredTypeOfSymbol(symbol).getProperty(name)?.declarations ?? []) : node.members.filter((m) => memberName(ts, m) === name);
}

/** `/** @asyncInit *\/` before a function, a variable, an interface…: a warning, and no change. */
export function reportStrayTags(file: AnalysisFile, tags: AsyncInitTag[]): void {
  for (const tag of tags) file.report("notAClass", { start: tag.comment.pos, length: tag.comment.end - tag.comment.pos });
}

/**
 * Near misses of the tag, each a warning at its comment, and no change: `/** @asyncinit *\/`,
 * `/** @ asyncInit *\/` ("tagMiscased"); `// @asyncInit` or `/* @asyncInit *\/` before a class,
 * which is no JSDoc block and so holds no tag ("tagNotInJsDoc").
 */
export function reportNearMisses(file: AnalysisFile, kind: "tagMiscased" | "tagNotInJsDoc", tags: NearMiss[]): void {
  for (const { comment, written } of tags) file.report(kind, { start: comment.pos, length: comment.end - comment.pos }, written);
}
