import type * as ts from "typescript";
import type { ClassPlan } from "../../core/plan";
import { holderOf } from "../../core/syntax";
import { findDescendant } from "../../core/walk";
import { GENERATED, jsDoc } from "../comments";
import { endOfTokenBefore, indentAt, lineStartOf, restOfLineIsEmpty, startsLine, tokenAfter } from "./edits";
import type { TextFile } from "./file";

const DISPOSE_COMMENT = jsDoc(GENERATED.dispose);
const THEN_COMMENT = (name: string) => jsDoc(GENERATED.then(name));
const MARKER_COMMENT = jsDoc(GENERATED.marker);
const SLOT_COMMENT = jsDoc(GENERATED.slot);

/**
 * Rewrites one `@asyncInit` class in place, as the AST back end does (see
 * emit/ast/visitors/taggedClass.ts), keeping every line the user wrote.
 *
 * Given:
 *
 *     /** @asyncInit *\/
 *     export class Db {
 *       constructor(readonly url: string) {}
 *       async init() { … }
 *       async [Symbol.asyncDispose]() {
 *         await this.pool.end();
 *       }
 *     }
 *
 * Produces (TypeScript out, ES2022 and up):
 *
 *     /** @asyncInit *\/
 *     export class Db {
 *       /** ts-async-init: the state of the instance … *\/
 *       #asyncInit: unknown;
 *       static { asyncInit_1.slot(this, { has: (self: any) => #asyncInit in self, get: (self: any) => self.#asyncInit, set: (self: any, state: unknown) => { self.#asyncInit = state; } }); }
 *       constructor(readonly url: string) {}
 *       async init() { … }
 *       /** ts-async-init: waits for a pending init, … *\/
 *       [Symbol.asyncDispose](): Promise<void> { return asyncInit_1.dispose(this, void 0, async () => {
 *         // ts-async-init: the init or teardown this call is part of, if any
 *         const asyncInitContext_1 = asyncInit_1.context();
 *         await asyncInit_1.inside(asyncInitContext_1, () => this.pool.end());
 *       }); }
 *       /** ts-async-init: awaiting the instance runs init() once … *\/
 *       get ["then" as string]() { return asyncInit_1.then(this, "init"); }
 *       /** ts-async-init: marks instances of @asyncInit classes … *\/
 *       [asyncInit_1.tagged]() {}
 *     }
 *
 * A class without its own teardown gets
 * `[asyncInit_1.asyncDispose](): Promise<void> { return asyncInit_1.dispose(this, void 0); }`
 * (the plumbing's `Symbol.asyncDispose`: a `Symbol` of the user's may be in scope);
 * a class that extends another passes `super[asyncInit_1.asyncDispose as never]`
 * where `Db` passes `void 0`.
 *
 * The types of the generated members are chosen so that the class's declared type
 * stays what the user declared (what their type checker saw):
 *
 * - `then` has a computed key of type `string`, and the generated teardown and the
 *   marker the plumbing's keys of type `symbol`: TypeScript leaves members with such keys out
 *   of the class's type. A `then` in the type would make `Awaited<Db>` `never`
 *   (`Promise.all([db])`), and a tagged subclass would need `override` on it under
 *   `noImplicitOverride`, which without a checker cannot be known.
 * - `super[… as never]`: the base's type has no member of type-`symbol` key.
 * - Overloads and an abstract declaration of the teardown stay as written: they are
 *   types, and keep the class's type as declared (the AST back end drops them).
 */
export function rewriteTaggedClass(file: TextFile, cls: ClassPlan): void {
  const { ts, source, edits, plumbing, typed } = file;
  const { node } = cls;
  const open = node.members.pos; // just after `{`
  const close = node.getEnd() - 1; // the `}`
  const indent = memberIndent(file, node);
  nameAnonymousClass(file, node);

  const inherited = cls.extendsSomething ? `super[${plumbing}.asyncDispose${typed ? " as never" : ""}]` : "void 0";
  const dispose = cls.teardown
    ? []
    : [DISPOSE_COMMENT, `[${plumbing}.asyncDispose]()${file.promiseOfVoid()} { return ${plumbing}.dispose(this, ${inherited}); }`];
  // The state field and the static block come first, before any static initializer of the class; the generated
  // dispose too where a member's key may be Symbol.asyncDispose (TS46021): one that is, defined later, replaces it.
  const first = [
    ...(cls.stateField ? [SLOT_COMMENT, `${cls.stateField}${file.type("unknown")};`, `static { ${slotLender(file, cls.stateField)} }`] : []),
    ...(cls.disposeFirst ? dispose : []),
  ];
  if (first.length > 0) {
    const lineEnd = restOfLineIsEmpty(ts, source, open);
    if (lineEnd !== undefined && !file.keepLines) edits.insertLeft(lineEnd, first.map((line) => `\n${indent}${line}`).join(""));
    else edits.insertLeft(open, ` ${first.join(" ")}`);
  }

  if (cls.teardown) wrapTeardown(file, cls.teardown, inherited);
  // The generated members come after the last one; the first of them starts with `[` or `get`.
  endWithSemicolon(file, node.members[node.members.length - 1]);

  const generated = [
    ...(cls.disposeFirst ? [] : dispose),
    THEN_COMMENT(cls.initName),
    `get ${typed ? `["then" as string]` : "then"}() { return ${plumbing}.then(this, ${JSON.stringify(cls.initName)}${cls.withSignal ? ", true" : ""}); }`,
    MARKER_COMMENT,
    `[${plumbing}.tagged]() {}`,
  ];
  if (startsLine(source, close) && !file.keepLines) edits.insertRight(lineStartOf(source, close), generated.map((line) => `${indent}${line}\n`).join(""));
  else edits.insertRight(close, `${generated.join(" ")} `);
}

/**
 * Writes the name that an anonymous class expression takes from its place, where the
 * tool that takes the output lowers class fields with Oxc (Vite and Rolldown below
 * ES2022, see TextSetup.nameClassExpressions): it moves the generated computed keys out
 * before the class, in a comma expression, which loses the name the class would take.
 *
 *     export const Db = /** @asyncInit *\/ class { … }   →   export const Db = /** @asyncInit *\/ class Db { … }
 *
 * Not where the class's own code names it (there the name would mean the class, not the
 * binding it is assigned to), nor a name that a class cannot have (`default`, `eval`, `any`)
 * or that is written with escapes.
 */
function nameAnonymousClass(file: TextFile, node: ts.ClassLikeDeclaration): void {
  const { ts, sourceFile, edits } = file;
  if (!file.nameClassExpressions || !ts.isClassExpression(node) || node.name) return;
  const name = inferredName(ts, node);
  if (!name || !isWritableClassName(ts, name, sourceFile) || refersTo(ts, node, ts.idText(name))) return;
  // After the decorators, if any (`@dec class { … }`): the keyword is the first token after them.
  const keyword = node.modifiers?.length ? tokenAfter(ts, sourceFile, node.modifiers.end).end - "class".length : node.getStart(sourceFile);
  edits.insertLeft(keyword + "class".length, ` ${ts.idText(name)}`);
}

/** A name a class can be given as written: no keyword of any kind (reserved, strict mode's, TypeScript's types: TS2414), not `eval` or `arguments`, no escapes. */
function isWritableClassName(ts: typeof import("typescript"), name: ts.Identifier, sourceFile: ts.SourceFile): boolean {
  const text = ts.idText(name);
  return ts.identifierToKeywordKind(name) === undefined && text !== "eval" && text !== "arguments" && name.getText(sourceFile) === text;
}

/**
 * The name JavaScript gives an anonymous class from where it is (through parentheses and
 * TypeScript's `as`, `satisfies` and `!`): `const Db = class {}`, `Db = class {}`,
 * `{ Db: class {} }`, `static Db = class {}`, `(Db = class {}) => …`. Undefined elsewhere.
 */
function inferredName(ts: typeof import("typescript"), node: ts.ClassExpression): ts.Identifier | undefined {
  // The class is what the holder assigns: an initializer, or an assignment's right (no class can be the left).
  const holder = holderOf(ts, node);
  const named =
    ts.isVariableDeclaration(holder) ||
    ts.isParameter(holder) ||
    ts.isBindingElement(holder) ||
    ts.isPropertyDeclaration(holder) ||
    ts.isPropertyAssignment(holder)
      ? holder.name
      : ts.isBinaryExpression(holder) && namesByAssignment(ts, holder.operatorToken.kind)
        ? holder.left
        : undefined;
  return named && ts.isIdentifier(named) ? named : undefined;
}

/** `=`, `&&=`, `||=`, `??=`: the assignments that name an anonymous class. */
function namesByAssignment(ts: typeof import("typescript"), operator: ts.SyntaxKind): boolean {
  const { EqualsToken, AmpersandAmpersandEqualsToken, BarBarEqualsToken, QuestionQuestionEqualsToken } = ts.SyntaxKind;
  return operator === EqualsToken || operator === AmpersandAmpersandEqualsToken || operator === BarBarEqualsToken || operator === QuestionQuestionEqualsToken;
}

/** Whether the class's code has an identifier of that name (not in a string or a comment): there a name of the class would take its place. */
function refersTo(ts: typeof import("typescript"), node: ts.ClassLikeDeclaration, name: string): boolean {
  return findDescendant(ts, node, (each) => ts.isIdentifier(each) && ts.idText(each) === name) !== undefined;
}

/** `asyncInit_1.slot(this, { has: …, get: …, set: … });`: lends the private field to the plumbing (see the AST back end's createStateSlot). */
function slotLender(file: TextFile, field: string): string {
  const self = file.typed ? "self: any" : "self";
  const state = file.typed ? "state: unknown" : "state";
  // ["slot"] where the plumbing's code is below the class: TypeScript would take `.slot` in a static block
  // for a property used before its declaration (TS2729), although the function that holds it is hoisted.
  const slot = file.plumbingBelow ? `["slot"]` : ".slot";
  return `${file.plumbing}${slot}(this, { has: (${self}) => ${field} in self, get: (${self}) => self.${field}, set: (${self}, ${state}) => { self.${field} = state; } });`;
}

/**
 * Keeps the user's teardown, run by the plumbing:
 *
 *     async [Symbol.asyncDispose]() {
 *       await this.pool.end();
 *     }
 *   →
 *     /** ts-async-init: waits for a pending init, … *\/
 *     [Symbol.asyncDispose](): Promise<void> { return asyncInit_1.dispose(this, void 0, async () => {
 *       await this.pool.end();
 *     }); }
 *
 * An async teardown without a return type gets `: Promise<void>`, what it returned
 * before (and what decorator metadata reads, as with the AST back end).
 */
function wrapTeardown(file: TextFile, method: ts.MethodDeclaration, inherited: string): void {
  const { ts, source, edits, plumbing } = file;
  const body = method.body!;
  const asyncKeyword = ts.getModifiers(method)?.find((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  if (asyncKeyword) {
    // `[Symbol.asyncDispose]() {…}` without its `async` starts with `[`.
    const members = (method.parent as ts.ClassLikeDeclaration).members;
    endWithSemicolon(file, members[members.indexOf(method) - 1]);
    let end = asyncKeyword.getEnd();
    while (source[end] === " " || source[end] === "\t") end++;
    edits.remove(asyncKeyword.getStart(), end);
    if (!method.type && file.promiseOfVoid()) edits.insertLeft(endOfTokenBefore(source, body.getStart()), file.promiseOfVoid());
  }
  const start = method.getStart();
  if (startsLine(source, start) && !file.keepLines) edits.insertRight(lineStartOf(source, start), `${indentAt(source, start)}${DISPOSE_COMMENT}\n`);
  else edits.insertRight(start, `${DISPOSE_COMMENT} `);
  edits.insertLeft(body.getStart() + 1, ` return ${plumbing}.dispose(this, ${inherited}, ${asyncKeyword ? "async " : ""}() => {`);
  edits.insertRight(body.getEnd() - 1, "}); ");
}

/**
 * Ends a member written without `;` (a field, an index signature, or a method or accessor
 * with no body: abstract, or an overload), when what the rewrite puts after it starts with
 * `[` or a word, which would otherwise continue it (called for the last member and for the
 * one before an async teardown: never the same member, as the one before the teardown is
 * not the last):
 *
 *     y = 2                                    y = 2;
 *     [asyncInit_1.asyncDispose]() { … }  →    [asyncInit_1.asyncDispose]() { … }     (not `y = 2[…]() { … }`)
 *
 *     abstract close(): void }          →      abstract close(): void; [asyncInit_1.asyncDispose]() { … } … }
 */
function endWithSemicolon(file: TextFile, member: ts.ClassElement | undefined): void {
  const { ts, source, edits } = file;
  if (!member) return;
  const withoutBody =
    (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member) || ts.isConstructorDeclaration(member)) &&
    member.body === undefined;
  if (!(ts.isPropertyDeclaration(member) || ts.isIndexSignatureDeclaration(member) || withoutBody)) return;
  const end = member.getEnd();
  if (source[end - 1] !== ";") edits.insertLeft(end, ";");
}

/** The indentation of the class's first member, or two spaces more than the class's. */
function memberIndent(file: TextFile, node: ts.ClassLikeDeclaration): string {
  const first = node.members[0];
  if (first && startsLine(file.source, first.getStart())) return indentAt(file.source, first.getStart());
  return `${indentAt(file.source, node.getStart())}  `;
}
