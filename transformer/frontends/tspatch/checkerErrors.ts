import { dirname, relative } from "node:path";
import type * as ts from "typescript";
import type { Analyzer } from "../../core/analyze";
import { classNameOf, hasModifier, isAwaitUsing, objectFlags, skipParentheses } from "../../core/syntax";
import { findTag } from "../../core/tag";
import { baseTypes, instanceTypeOf, referenceTarget } from "../../core/types";
import { nodesAt } from "../../core/walk";

/** TS2851: "The initializer of an 'await using' declaration must be either an object with a '[Symbol.asyncDispose]()' … method". */
export const AWAIT_USING_NOT_DISPOSABLE = 2851;
/** TS80007: "'await' has no effect on the type of this expression." (a suggestion, with a quick fix that removes the `await`). */
export const AWAIT_HAS_NO_EFFECT = 80007;
/** TS6133: "'init' is declared but its value is never read." (an error under noUnusedLocals, else a suggestion that offers to delete it). */
export const DECLARED_NEVER_READ = 6133;

/**
 * The type checker runs before the transformer, so it sees an `@asyncInit`
 * class without the `then` and `[Symbol.asyncDispose]` the emit gives it. Two
 * of its messages are then untrue; this removes exactly those, and nothing else:
 *
 *     await using db = new Db();        // TS2851: Db has no [Symbol.asyncDispose]
 *     const db = await new Db();        // TS80007 (suggestion): 'await' has no effect
 *     private async init() { … }        // TS6133: 'init' is declared but its value is never read (the generated then calls it)
 *
 * A TS2851 goes only when every part of the initializer's type (null and
 * undefined aside) is either disposable already or an instance of a class the
 * transformer rewrites (or of a subclass of one). A class whose checks failed
 * (46001…) is emitted as written, so its TS2851 stays: it is true. It then says
 * why, as a tool that shows one file's diagnostics (ts-jest) does not show the
 * other file's TS46001:
 *
 *     test.ts(4,15): error TS2851: The initializer of an 'await using' declaration must be …
 *       'Db' has the @asyncInit tag but is not rewritten, for TS46001 at src/db.ts:3:14: …
 */
export function createCheckerErrorFilter(ts: typeof import("typescript"), program: ts.Program, analyze: Analyzer) {
  const checker = program.getTypeChecker();
  // Without a checker of its own (a program of one file that resolves nothing), nothing is known to be rewritten.
  const isTransformedType = analyze.isTaggedType ?? (() => false);

  // The checker's own test for the other parts: assignable to the global AsyncDisposable or Disposable.
  // (Both checker methods are public since TypeScript 5.4; before, only rewritten classes count.)
  let disposableTypes: ts.Type[] | undefined;
  const isDisposable = (type: ts.Type): boolean => {
    if (!checker.isTypeAssignableTo || !checker.resolveName) return false;
    disposableTypes ??= ["AsyncDisposable", "Disposable"]
      .map((name) => checker.resolveName(name, undefined, ts.SymbolFlags.Type, false))
      .flatMap((symbol) => (symbol ? [checker.getDeclaredTypeOfSymbol(symbol)] : []));
    return disposableTypes.some((target) => checker.isTypeAssignableTo(type, target));
  };

  /** Every non-nullish part of the type is disposable once emitted. */
  function isDisposableOnceEmitted(type: ts.Type): boolean {
    const parts = type.isUnion() ? type.types : [type];
    return parts.every(
      (part) => part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined) || isTransformedType(part) || isDisposable(part) || isWholeCopyOfTagged(part),
    );
  }

  /**
   * A mapped type of a rewritten class that keeps each of its members, with its type,
   * none made optional (`Readonly<Db>`, `Required<Db>`): mapped over the emitted class,
   * it has the generated `[Symbol.asyncDispose]` too. Not `Partial<Db>`, `Pick<Db, "query">`
   * or `{ [K in keyof Db]: string }`; and not for a class with private or protected members,
   * which `keyof` leaves out, so that a plain object fits the mapped type.
   */
  function isWholeCopyOfTagged(part: ts.Type): boolean {
    if (!(objectFlags(ts, part) & ts.ObjectFlags.Mapped)) return false;
    const properties = checker.getPropertiesOfType(part);
    // The class that declares the first property: its parent, or a parameter property's constructor's.
    const declaration = properties[0]?.declarations?.[0];
    const owner = declaration && ts.isParameter(declaration) ? declaration.parent.parent : declaration?.parent;
    if (!owner || !ts.isClassLike(owner)) return false;
    const tagged = instanceTypeOf(checker, owner);
    if (!isTransformedType(tagged)) return false;
    const members = checker.getPropertiesOfType(tagged);
    if (!members.every(isPublic)) return false;
    const copied = new Map(properties.map((p) => [p.escapedName, p]));
    return members.every((member) => {
      const copy = copied.get(member.escapedName);
      return copy !== undefined && (copy.flags & ts.SymbolFlags.Optional) <= (member.flags & ts.SymbolFlags.Optional) && sameType(copy, member);
    });
  }

  /** Whether two properties have the same type (each assignable to the other). */
  const sameType = (a: ts.Symbol, b: ts.Symbol): boolean => {
    const [typeOfA, typeOfB] = [checker.getTypeOfSymbol(a), checker.getTypeOfSymbol(b)];
    return checker.isTypeAssignableTo(typeOfA, typeOfB) && checker.isTypeAssignableTo(typeOfB, typeOfA);
  };

  /** A member that `keyof` sees: not private, protected or `#private`. */
  const isPublic = (member: ts.Symbol): boolean =>
    !(member.declarations ?? []).some(
      (d) =>
        (ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0 ||
        ((d as ts.NamedDeclaration).name !== undefined && ts.isPrivateIdentifier((d as ts.NamedDeclaration).name!)),
    );

  /**
   * The `await using` initializer a TS2851 points at: the checker reports it on the whole
   * initializer, or on part of it (`new Db() satisfies Db`: from `satisfies` on). The
   * innermost one that holds the error: an initializer may hold a function with an
   * `await using` of its own.
   */
  function awaitUsingInitializerAt(sourceFile: ts.SourceFile, start: number, length: number): ts.Expression | undefined {
    const holdsError = (initializer: ts.Expression | undefined) =>
      initializer !== undefined && initializer.getStart(sourceFile) <= start && start + length <= initializer.getEnd();
    const declarations = nodesAt(ts, sourceFile, start).filter(
      (node): node is ts.VariableDeclaration => ts.isVariableDeclaration(node) && isAwaitUsing(ts, node.parent) && holdsError(node.initializer),
    );
    return declarations[declarations.length - 1]?.initializer;
  }

  /** The operand of the `await` a TS80007 points at. */
  function awaitOperandAt(sourceFile: ts.SourceFile, start: number): ts.Expression | undefined {
    const found = nodesAt(ts, sourceFile, start).find((node) => ts.isAwaitExpression(node) && node.getStart(sourceFile) === start);
    return (found as ts.AwaitExpression | undefined)?.expression;
  }

  /**
   * The diagnostic as the emitted code makes it: undefined where the transformer makes it
   * untrue; a TS2851 that stays for a tagged class whose checks failed says why (withReason).
   */
  function corrected<D extends ts.Diagnostic>(diagnostic: D): D | undefined {
    const { file, start, length } = diagnostic;
    if (!file || start === undefined || length === undefined || file.isDeclarationFile) return diagnostic;
    if (diagnostic.code === AWAIT_USING_NOT_DISPOSABLE) {
      const initializer = awaitUsingInitializerAt(file, start, length);
      if (!initializer) return diagnostic;
      const type = checker.getTypeAtLocation(initializer);
      return isDisposableOnceEmitted(type) ? undefined : withReason(diagnostic, type);
    }
    if (diagnostic.code === AWAIT_HAS_NO_EFFECT) {
      const operand = awaitOperandAt(file, start);
      return operand !== undefined && isTransformedType(checker.getTypeAtLocation(skipParentheses(ts, operand))) ? undefined : diagnostic;
    }
    if (diagnostic.code === DECLARED_NEVER_READ) return isInitOfRewrittenClass(file, start) ? undefined : diagnostic;
    return diagnostic;
  }

  /** Whether the name at `start` is the init method of a class the rewrite changes (`private async init()`), which the generated `then` calls. */
  function isInitOfRewrittenClass(sourceFile: ts.SourceFile, start: number): boolean {
    const method = nodesAt(ts, sourceFile, start).find(
      (node): node is ts.MethodDeclaration => ts.isMethodDeclaration(node) && node.name.getStart(sourceFile) === start,
    );
    if (!method || !ts.isClassLike(method.parent) || hasModifier(ts, method, ts.SyntaxKind.StaticKeyword)) return false;
    const cls = method.parent;
    // `init`, `"init"`, `["init"]`.
    const key = ts.isComputedPropertyName(method.name) ? skipParentheses(ts, method.name.expression) : method.name;
    const name = ts.isIdentifier(key) || ts.isStringLiteralLike(key) ? key.text : undefined;
    return name !== undefined && analyze(sourceFile).classes.some((plan) => plan.node === cls && name === plan.initName);
  }

  /**
   * A class of the sources in the type (or that it derives from) that has the tag but is not
   * rewritten: its checks failed. Not past a class that is rewritten (a tagged subclass of it is disposable).
   */
  function notRewrittenTaggedClassIn(type: ts.Type, seen = new Set<ts.Type>()): ts.ClassLikeDeclaration | undefined {
    if (seen.has(type)) return undefined;
    seen.add(type);
    const classes = (referenceTarget(ts, type).getSymbol()?.declarations ?? []).filter(ts.isClassLike);
    if (classes.some(analyze.isRewrittenClass)) return undefined;
    const own = classes.find((d) => !d.getSourceFile().isDeclarationFile && findTag(ts, d.getSourceFile(), d) !== undefined);
    if (own) return own;
    const related = type.isUnionOrIntersection() ? type.types : baseTypes(ts, checker, type);
    for (const part of related) {
      const found = notRewrittenTaggedClassIn(part, seen);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * The folder the note's path is relative to: the tsconfig.json's, where there is one
   * (ts-loader's current directory is the entry module's folder, not the project's).
   */
  function projectFolder(): string {
    const configFile = program.getCompilerOptions().configFilePath;
    return typeof configFile === "string" ? dirname(configFile) : program.getCurrentDirectory();
  }

  /** A TS2851 that stays because a tagged class of the value's type failed its checks, with the first error of those checks added to its message. */
  function withReason<D extends ts.Diagnostic>(diagnostic: D, type: ts.Type): D {
    const declaration = notRewrittenTaggedClassIn(type);
    if (!declaration) return diagnostic;
    const classFile = declaration.getSourceFile();
    const failure = analyze
      .diagnosticsOf(classFile)
      .find((d) => d.category === ts.DiagnosticCategory.Error && d.start !== undefined && declaration.pos <= d.start && d.start <= declaration.end);
    if (!failure || failure.start === undefined) return diagnostic;
    const { line, character } = classFile.getLineAndCharacterOfPosition(failure.start);
    const where = relative(projectFolder(), classFile.fileName).replaceAll("\\", "/");
    const reason: ts.DiagnosticMessageChain = {
      messageText: `'${classNameOf(ts, declaration)}' has the @asyncInit tag but is not rewritten, for TS${failure.code} at ${where}:${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(failure.messageText, " ")}`,
      category: ts.DiagnosticCategory.Message,
      code: failure.code,
    };
    const message = diagnostic.messageText;
    const chain: ts.DiagnosticMessageChain =
      typeof message === "string"
        ? { messageText: message, category: diagnostic.category, code: diagnostic.code, next: [reason] }
        : { ...message, next: [...(message.next ?? []), reason] };
    return { ...diagnostic, messageText: chain };
  }

  return <D extends ts.Diagnostic>(diagnostics: readonly D[]): D[] => diagnostics.flatMap((d) => corrected(d) ?? []);
}
