import type * as ts from "typescript";

/**
 * What the analysis of one source file decided, for a back end to carry out:
 * the AST back end inside TypeScript's emit, or the text back end that edits
 * the source text. Nodes are the source file's own (original) nodes.
 */
export interface FilePlan {
  sourceFile: ts.SourceFile;
  /** The tagged classes to rewrite (tagged, not ambient, and without errors), in source order. */
  classes: ClassPlan[];
  /**
   * Each `await using` declarator, and each `for (await using x of …)` loop, whose
   * value is awaited on entry: "typed" where the checker knows the value is an
   * instance of a tagged class, "runtime" where that is decided when it runs
   * (no checker: every value is tested, and only tagged instances are awaited).
   */
  awaitUsings: Map<ts.VariableDeclaration, AwaitMode>;
  loops: Map<ts.ForOfStatement, AwaitMode>;
  /** `await x` where the checker knows x is an instance of a tagged class: awaited through the plumbing, in fewer turns. */
  typedAwaits: Set<ts.AwaitExpression>;
  /** This package's diagnostics for the file (46001 and up). */
  diagnostics: ts.Diagnostic[];
}

export type AwaitMode = "typed" | "runtime";

export interface ClassPlan {
  node: ts.ClassLikeDeclaration;
  /** The method awaited on the first await (`init`, or the tag's / option's name). */
  initName: string;
  /** Whether init is handed an AbortSignal (it declares a parameter). */
  withSignal: boolean;
  /** The private field that holds the state of each instance (`#asyncInit`), or undefined: the shared map. */
  stateField: string | undefined;
  /** The class's own teardown, which the generated `[Symbol.asyncDispose]` wraps; undefined: one is generated. */
  teardown: ts.MethodDeclaration | undefined;
  /** Every instance method keyed by `Symbol.asyncDispose` (or an alias of it): the teardown, its overloads or abstract declaration. */
  disposeMembers: ts.MethodDeclaration[];
  /**
   * The class's declaration of the type of the teardown the rewrite generates,
   * `declare [Symbol.asyncDispose]: () => Promise<void>;` (for a checker that sees the
   * class as written), if any: its `.d.ts` declares a method in its place.
   */
  disposeDeclared: ts.PropertyDeclaration | undefined;
  /** Whether the class has an `extends` clause (and so may inherit a teardown through `super`). */
  extendsSomething: boolean;
  /**
   * Whether the generated dispose (of a class without a teardown of its own) goes first,
   * before the members: a member's key may be `Symbol.asyncDispose` without a checker to
   * tell (TS46021). Defined after it, such a member takes its place if it is, and runs
   * as written, instead of being replaced by it and never running.
   */
  disposeFirst: boolean;
  /**
   * The async functions of the class that carry the init or teardown they are
   * called from into their awaits, in source order: its async methods (init and
   * the teardown among them) and the async functions and arrows inside its members,
   * not inside a nested class (a tagged one has a plan of its own), not generators,
   * and only those with an await to carry it into.
   */
  asyncFunctions: AsyncFunctionPlan[];
}

export type AsyncFunction = ts.MethodDeclaration | ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

/**
 * One async function of a tagged class, and its awaits that run inside the
 * context it was called in:
 *
 *     async connect() {                          async connect() {
 *         await open(this.url);           →          const asyncInitContext_1 = asyncInit_1.context();
 *     }                                              await asyncInit_1.inside(asyncInitContext_1, () => open(this.url));
 *                                                }
 *
 * "Its own" code is its body outside any nested function or class.
 */
export interface AsyncFunctionPlan {
  node: AsyncFunction;
  /** Its own `await x` whose operand does not await or yield itself (an operand that does keeps its await; the awaits inside it are listed). */
  awaits: ts.AwaitExpression[];
  /**
   * Its own `return x` whose value does not await or yield itself: returning x awaits x
   * (the function's promise reads x's then), which after the function's first await would
   * run outside the context. The value is handed over inside it, as an await's operand is:
   *
   *     return this;   →   return asyncInit_1.inside(asyncInitContext_1, () => this);
   */
  returns: ts.ReturnStatement[];
  /**
   * The values it returns that await before they are known: of its own `return x`, or an
   * arrow's expression body, where x awaits and is not itself an `await` (whose value is
   * never an instance still waiting for its init). Known only after those awaits, outside
   * the context, x is handed over inside it as a value made before:
   *
   *     return (await open(), this);
   *       →   return asyncInit_1.inside(asyncInitContext_1, ((value) => () => value)((await asyncInit_1.inside(asyncInitContext_1, () => open()), this)));
   *
   * (The text back end's TypeScript makes that function generic: `<T,>(value: T) => () => value`.)
   */
  lateValues: ts.Expression[];
  /**
   * Its own `await using` declarators (of FilePlan.awaitUsings) and `for (await using …)`
   * loops (of FilePlan.loops): the await the rewrite gives each runs inside the context too.
   */
  entries: (ts.VariableDeclaration | ts.ForOfStatement)[];
}

/** Which plumbing a file needs: all of it, only `ready` for awaiting instances made elsewhere, or none. */
export function plumbingNeeded(plan: FilePlan): "classes" | "await" | undefined {
  if (plan.classes.length) return "classes";
  const awaits = plan.typedAwaits.size + plan.awaitUsings.size + plan.loops.size;
  return awaits ? "await" : undefined;
}

/** Whether the back ends leave the file exactly as it is. */
export function changesNothing(plan: FilePlan): boolean {
  return plumbingNeeded(plan) === undefined;
}
