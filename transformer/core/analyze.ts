import type * as ts from "typescript";
import { planAsyncFunctions } from "./asyncFunctions";
import { checkTaggedClass, initDeclaresParameter, reportNearMisses, reportStrayTags, type TaggedClass } from "./checks";
import { at, createDiagnostic } from "./diagnostics";
import { type AnalysisFile, createAnalysisFile, emitTarget } from "./file";
import { initNameOfDeclared } from "./library";
import type { Options } from "./options";
import type { AwaitMode, ClassPlan, FilePlan } from "./plan";
import { optionsOfReferencedSources } from "./referencedProjects";
import { ownsStateField, slotName } from "./stateField";
import { checkBaseInit, checkThenOverride, mayOverrideThen } from "./subclasses";
import { classNameOf, hasModifier, holderOf, isAmbient, isAwaitUsing, skipParentheses } from "./syntax";
import { AWAIT_USING_TEXT, allTagComments, findTags, isRewrittenFile, mentionsTag, mentionsTagInAnyCase, miscasedTags, tagsOutsideJsDoc } from "./tag";
import { createMayHoldObjectTest, createMayHoldTaggedTest, createTaggedTypeTest, instanceTypeOf } from "./types";
import { exportOfUnnamedInstances } from "./unnamedInstances";
import { forEachDescendant } from "./walk";

export interface AnalysisSetup {
  ts: typeof import("typescript");
  options: Options;
  /** The output's language level: decides whether a class may keep its state in a private field. */
  target: ts.ScriptTarget;
  /** With a checker, `await` and `await using` of tagged instances are found by type; without, `await using` is decided at run time. */
  checker?: ts.TypeChecker;
  /** The checker's program: its tagged classes tell which other types may hold one of their instances (see createMayHoldTaggedTest). */
  program?: ts.Program;
  /**
   * The build writes `.d.ts` files without comments (`declaration` and `removeComments`): they
   * lose the tags, and a tagged class that the module exports is warned about (TS46012).
   */
  declarationsLoseTags?: boolean;
  /**
   * The build writes `.d.ts` files (`declaration`): an exported tagged class expression,
   * which they declare as a `const` of an object type with no place for the tag, is
   * warned about (TS46013).
   */
  writesDeclarations?: boolean;
  /**
   * The options of the project a file belongs to, where the program reads a referenced
   * project's sources (see optionsOfReferencedSources); `options` where it is undefined.
   */
  optionsOf?: (sourceFile: ts.SourceFile) => Options;
  /**
   * The program may not hold every tagged class of the project (ts-jest's language service:
   * the files compiled so far): an `await using` of any value that may be an object is then
   * tested when it runs, whatever the program's tagged classes (see createMayHoldObjectTest).
   */
  partialProgram?: boolean;
}

/** The analysis of every file of one program (or of single files, without a checker), each computed once. */
export interface Analyzer {
  /**
   * Reads one source file and decides what to rewrite: the tagged classes, the
   * awaits and `await using` declarations of their instances, the diagnostics.
   *
   *     analyze(sourceFile)
   *       → { classes: [Db: init "init", state in #asyncInit, teardown wrapped], awaitUsings: {db: "typed"}, … }
   *
   * The plan is kept per source file object: a changed file is a new object, in the next program.
   */
  (sourceFile: ts.SourceFile): FilePlan;
  /** The file's diagnostics, without looking for await sites where they cannot add any: what `--noEmit` asks. */
  diagnosticsOf(sourceFile: ts.SourceFile): ts.Diagnostic[];
  /** Whether the rewrite gives this class `then` and `[Symbol.asyncDispose]`: a class of the sources that passed its checks, or a tagged class of a `.d.ts`. */
  isRewrittenClass(declaration: ts.ClassLikeDeclaration): boolean;
  /** With a checker: whether a type is, or derives from, a rewritten class. */
  isTaggedType: ((type: ts.Type) => boolean) | undefined;
}

export function createAnalyzer(setup: AnalysisSetup): Analyzer {
  const { ts, checker } = setup;
  const classes = new WeakMap<ts.SourceFile, ClassesOfFile>();
  const plans = new WeakMap<ts.SourceFile, FilePlan>();

  const classesOf = (sourceFile: ts.SourceFile): ClassesOfFile => {
    let found = classes.get(sourceFile);
    if (!found) {
      classes.set(sourceFile, (found = findClasses(setup, sourceFile)));
      // Once the file's own tagged classes are known (the class a subclass extends may be one of them).
      for (const node of found.untaggedSubclasses) checkThenOverride(found.file!, node, isRewrittenClass);
      for (const facts of found.list.filter((c) => c.extendsSomething)) checkBaseInit(found.file!, facts.node, facts.initName, isRewrittenClass, initNameOf);
    }
    return found;
  };
  const isRewrittenClass = (declaration: ts.ClassLikeDeclaration): boolean => initNameOf(declaration) !== undefined;
  // The init a rewritten class runs: as its plan says, or, for a `.d.ts` (a library's), as its tag names it (./library.ts).
  const libraryInits = new WeakMap<ts.ClassLikeDeclaration, string | undefined>();
  const initNameOf = (declaration: ts.ClassLikeDeclaration): string | undefined => {
    const sourceFile = declaration.getSourceFile();
    if (!sourceFile.isDeclarationFile && !isAmbient(ts, declaration)) return classesOf(sourceFile).byNode.get(declaration)?.initName;
    if (!libraryInits.has(declaration)) libraryInits.set(declaration, initNameOfDeclared(ts, checker, declaration, setup.options.initMethod));
    return libraryInits.get(declaration);
  };
  const isTaggedType = checker && createTaggedTypeTest(ts, checker, isRewrittenClass);
  let taggedTypes: ts.Type[] | undefined;
  const mayHoldTagged =
    checker &&
    (setup.partialProgram
      ? createMayHoldObjectTest(ts)
      : createMayHoldTaggedTest(
          ts,
          checker,
          () => (taggedTypes ??= taggedClassesOf(setup, classesOf, isRewrittenClass).map((node) => instanceTypeOf(checker, node))),
        ));
  const typing: Typing | undefined = checker &&
    isTaggedType &&
    mayHoldTagged && {
      isTagged: (node) => isTaggedType(checker.getTypeAtLocation(node)),
      // await using db = …: "typed" where db's type is a tagged class, "runtime" where it may hold an instance of one.
      awaitUsingMode: (node) => {
        const type = checker.getTypeAtLocation(node);
        return isTaggedType(type) ? "typed" : mayHoldTagged(type) ? "runtime" : undefined;
      },
    };

  const analyze = (sourceFile: ts.SourceFile): FilePlan => {
    const text = sourceFile.text;
    // Rewritten already, by the text back end: its await sites too (its classes: findClasses).
    if (sourceFile.isDeclarationFile || isRewrittenFile(ts, sourceFile)) return emptyPlan(sourceFile);
    // Nothing to rewrite; with a checker, a class may still override the generated `then` (checkThenOverride).
    if (!mentionsTagInAnyCase(text) && !text.includes("await"))
      return checker ? { ...emptyPlan(sourceFile), diagnostics: classesOf(sourceFile).diagnostics } : emptyPlan(sourceFile);
    let plan = plans.get(sourceFile);
    if (!plan) {
      const { list, diagnostics } = classesOf(sourceFile);
      const found = [...diagnostics];
      const sites = findAwaitSites(ts, sourceFile, typing, (d) => found.push(d));
      const planned = list.map((facts): ClassPlan => ({ ...facts, asyncFunctions: planAsyncFunctions(ts, facts.node, sites) }));
      plan = { sourceFile, classes: planned, diagnostics: found, ...sites };
      plans.set(sourceFile, plan);
    }
    return plan;
  };
  // With a checker, the await sites add a diagnostic only in a `for (…; …; …)` head (TS46022): a file whose text has no
  // `await using` and no `for` is not searched for them (what a `--noEmit` build asks of every file).
  const mayReportSites = (text: string) => !checker || (AWAIT_USING_TEXT.test(text) && /\bfor\b/.test(text));
  const diagnosticsOf = (sourceFile: ts.SourceFile) => (mayReportSites(sourceFile.text) ? analyze(sourceFile).diagnostics : classesOf(sourceFile).diagnostics);
  return Object.assign(analyze, { diagnosticsOf, isRewrittenClass, isTaggedType });
}

/** With a checker: what the types say of a value (an `await` operand, an `await using` initializer). */
interface Typing {
  isTagged(node: ts.Node): boolean;
  awaitUsingMode(node: ts.Node): AwaitMode | undefined;
}

/** What a class's plan says before the file's await sites are known. */
type ClassFacts = Omit<ClassPlan, "asyncFunctions">;

interface ClassesOfFile {
  list: ClassFacts[];
  byNode: Map<ts.Node, ClassFacts>;
  diagnostics: ts.Diagnostic[];
  /** Classes without the tag that extend another: whether one overrides the generated `then` is checked once the file's tagged classes are known (checkThenOverride). */
  untaggedSubclasses: ts.ClassLikeDeclaration[];
  /** Where those checks report; undefined for a file with nothing to search. */
  file?: AnalysisFile;
}

/**
 * Finds the tagged classes, checks them, and warns about tags that are not on a class; and
 * the classes without the tag that may override the generated `then` (with a checker, in
 * any file: a tagged class of another file may be their base).
 */
function findClasses(setup: AnalysisSetup, sourceFile: ts.SourceFile): ClassesOfFile {
  const { ts } = setup;
  const diagnostics: ts.Diagnostic[] = [];
  const byNode = new Map<ts.Node, ClassFacts>();
  const untaggedSubclasses: ts.ClassLikeDeclaration[] = [];
  const mentions = mentionsTagInAnyCase(sourceFile.text);
  // The text back end's output (ts-loader through ts-patch's compiler behind the webpack plugin's loader) has its classes rewritten already.
  if (sourceFile.isDeclarationFile || !(mentions || (setup.checker && mayOverrideThen(sourceFile.text))) || isRewrittenFile(ts, sourceFile))
    return { list: [], byNode, diagnostics, untaggedSubclasses };
  const options = setup.optionsOf?.(sourceFile) ?? setup.options;
  const file = createAnalysisFile(ts, sourceFile, { checker: setup.checker, options, target: setup.target }, (d) => diagnostics.push(d));
  const used = new Set<number>();
  const find = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      const tags = mentions ? findTags(ts, sourceFile, node) : [];
      for (const tag of tags) used.add(tag.comment.pos);
      if (tags.length === 0 && mentions) reportNearMisses(file, "tagNotInJsDoc", tagsOutsideJsDoc(ts, sourceFile, node));
      if (tags.length === 0 && extendsSomething(ts, node) && !isAmbient(ts, node)) untaggedSubclasses.push(node);
      // `declare class` only describes a class made elsewhere: nothing to generate.
      const checked = tags.length > 0 && !isAmbient(ts, node) ? checkTaggedClass(file, node, tags) : undefined;
      if (checked) byNode.set(node, planClass(file, node, checked));
      if (checked && setup.declarationsLoseTags && isExported(file, node))
        file.report("tagLostInDeclarations", node.name ?? node, node.name?.text ?? "default");
      const exportedAs = checked && setup.writesDeclarations && ts.isClassExpression(node) ? exportedNameOf(file, node) : undefined;
      if (exportedAs) file.report("tagLostOnClassExpression", exportedAs.at, exportedAs.name);
      const leaving = checked && setup.writesDeclarations && !exportedAs && !isExported(file, node) ? exportOfUnnamedInstances(file, node) : undefined;
      if (leaving) file.report("instancesLeaveUnnamed", node.name ?? node, classNameOf(ts, node), leaving.name);
    }
  };
  forEachDescendant(ts, sourceFile, find);
  if (mentions) {
    reportStrayTags(
      file,
      allTagComments(ts, sourceFile).filter((tag) => !used.has(tag.comment.pos)),
    );
    reportNearMisses(file, "tagMiscased", miscasedTags(ts, sourceFile));
  }
  return { list: [...byNode.values()], byNode, diagnostics, untaggedSubclasses, file };
}

/** `class Cached extends Db`: a class with an `extends` clause. */
function extendsSomething(ts: typeof import("typescript"), node: ts.ClassLikeDeclaration): boolean {
  return node.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword) ?? false;
}

function planClass(file: AnalysisFile, node: ts.ClassLikeDeclaration, checked: TaggedClass): ClassFacts {
  const { ts } = file;
  return {
    node,
    initName: checked.initName,
    withSignal: initDeclaresParameter(file, node, checked.initName),
    stateField: ownsStateField(file, node) ? slotName(file, node) : undefined,
    teardown: checked.disposeMembers.find((m) => m.body !== undefined),
    disposeMembers: checked.disposeMembers,
    disposeDeclared: checked.disposeDeclared,
    extendsSomething: extendsSomething(ts, node),
    disposeFirst: checked.keyUnseen,
  };
}

/**
 * The `await` and `await using` sites to rewrite. With a checker (`typing`), those
 * whose value is a tagged instance ("typed") or may be one ("runtime": a value typed
 * `any`, `AsyncDisposable`…); without one, every `await using` and
 * `for (await using …)` ("runtime": the generated code tests each value).
 * An initializer that is already `await …` is left as written.
 */
function findAwaitSites(ts: typeof import("typescript"), sourceFile: ts.SourceFile, typing: Typing | undefined, report: (d: ts.Diagnostic) => void) {
  const awaitUsings = new Map<ts.VariableDeclaration, AwaitMode>();
  const loops = new Map<ts.ForOfStatement, AwaitMode>();
  const typedAwaits = new Set<ts.AwaitExpression>();
  const mode = (node: ts.Node): AwaitMode | undefined => (typing ? typing.awaitUsingMode(node) : "runtime");

  const visit = (node: ts.Node): boolean => {
    // A site the rewrite cannot take is left as written. With a checker, TypeScript reports its error;
    // without one, no one else does: it is reported here, with TypeScript's code and words.
    const grammar = isAwaitUsing(ts, node) ? grammarErrorsOf(ts, sourceFile, node, typing !== undefined) : [];
    if (grammar.length > 0) {
      if (!typing) grammar.forEach(report);
      return false;
    }
    // for (await using db of dbs) { … }
    if (ts.isForOfStatement(node) && isAwaitUsing(ts, node.initializer)) {
      // Its head's errors, if any, are reported when the head is visited.
      const declaration = node.initializer.declarations[0];
      const refused = grammarErrorsOf(ts, sourceFile, node.initializer, typing !== undefined).length > 0;
      const found = declaration && !refused ? mode(declaration.name) : undefined;
      if (found) loops.set(node, found);
    }
    // await using db = openDb(), log = openLog();
    else if (isAwaitUsing(ts, node) && !ts.isForOfStatement(node.parent)) {
      const inLoopHead = ts.isForStatement(node.parent);
      node.declarations.forEach((declaration, i) => {
        const init = declaration.initializer;
        const found = init && !ts.isAwaitExpression(skipParentheses(ts, init)) ? mode(init) : undefined;
        if (!found) return;
        // for (await using a = …, b = …; …): a value tested at run time can be awaited only for the first, before the next is made.
        if (found === "runtime" && inLoopHead && i > 0)
          report(createDiagnostic(ts, "loopHeadUnchecked", at(sourceFile, declaration.name), declaration.name.getText(sourceFile)));
        else awaitUsings.set(declaration, found);
      });
    }
    // await db
    else if (typing && ts.isAwaitExpression(node) && typing.isTagged(node.expression)) typedAwaits.add(node);
    return true;
  };
  if (sourceFile.text.includes("await")) forEachDescendant(ts, sourceFile, visit);
  return { awaitUsings, loops, typedAwaits };
}

/**
 * TypeScript's grammar errors of an `await using` that its checker reports and the rewrite
 * cannot take, with its codes, at its places:
 *
 *     function f() { await using r = x; }             TS2852 at `await`: not in an async function
 *     class C { static { await using r = x; } }       TS18054: in a class static block
 *     if (c) await using r = x;                       TS1156: not in a block
 *     await using { a } = x;                          TS1492 at `{ a }`: a binding pattern
 *     async function f() { await using await = x; }   TS1359 at the second `await` (TS1262 at a module's top level)
 *     await using a = x, b;                           TS1155 at `b`: no value
 *     case 1: await using r = x;                      TS1548, without a checker (see isInCaseClause)
 *
 * At a module's top level, and in an async function, arrow, method or generator, `await using` is legal.
 */
function grammarErrorsOf(ts: typeof import("typescript"), sourceFile: ts.SourceFile, list: ts.VariableDeclarationList, withChecker: boolean): ts.Diagnostic[] {
  const container = awaitContainerOf(ts, list);
  const errors: ts.Diagnostic[] = [];
  const place = placeErrorOf(ts, sourceFile, list, container);
  if (place) errors.push(place);
  for (const declaration of list.declarations) errors.push(...declarationErrorsOf(ts, sourceFile, declaration, container));
  if (!withChecker && isInCaseClause(ts, list)) errors.push(createDiagnostic(ts, "awaitUsingInCaseClause", at(sourceFile, list)));
  return errors;
}

/** Where an `await using` may not be: outside an async function (TS2852), in a class static block (TS18054), outside a block (TS1156). */
function placeErrorOf(
  ts: typeof import("typescript"),
  sourceFile: ts.SourceFile,
  list: ts.VariableDeclarationList,
  container: ts.Node | undefined,
): ts.Diagnostic | undefined {
  if (container && ts.isClassStaticBlockDeclaration(container)) return createDiagnostic(ts, "awaitUsingInStaticBlock", at(sourceFile, list));
  // TypeScript puts it on the `await` keyword.
  if (container && !isAsyncFunctionLike(ts, container)) {
    const start = list.getStart(sourceFile);
    return createDiagnostic(ts, "awaitUsingNotAsync", { file: sourceFile, start, length: "await".length });
  }
  const statement = list.parent;
  const inBlock = (node: ts.Node) => ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseOrDefaultClause(node);
  if (ts.isVariableStatement(statement) && !inBlock(statement.parent)) return createDiagnostic(ts, "awaitUsingOutsideBlock", at(sourceFile, statement));
  return undefined;
}

/**
 * An `await using` directly in a `case` or `default` clause, which JavaScript refuses: TS1548
 * without a checker (TypeScript reports it from 6 on; TypeScript 5 lowers it, and with a
 * checker it is left to the TypeScript at hand). Rewritten, the engine's error would quote
 * the generated code.
 *
 *     case 1: await using db = open();        →  TS1548; write  case 1: { await using db = open(); … }
 */
function isInCaseClause(ts: typeof import("typescript"), list: ts.VariableDeclarationList): boolean {
  return ts.isVariableStatement(list.parent) && ts.isCaseOrDefaultClause(list.parent.parent);
}

/** What one declaration of an `await using` may not be: a binding pattern (TS1492), named `await` (TS1359, TS1262), without a value (TS1155). */
function declarationErrorsOf(
  ts: typeof import("typescript"),
  sourceFile: ts.SourceFile,
  declaration: ts.VariableDeclaration,
  container: ts.Node | undefined,
): ts.Diagnostic[] {
  const { name } = declaration;
  if (!ts.isIdentifier(name)) return [createDiagnostic(ts, "awaitUsingPattern", at(sourceFile, name))];
  const errors: ts.Diagnostic[] = [];
  // `await` is a keyword, not a name, at a module's top level, in an async function and in a static block
  // (elsewhere, TS2852 says what is wrong).
  if (name.text === "await" && !container) errors.push(createDiagnostic(ts, "awaitUsingNamedAwaitAtTopLevel", at(sourceFile, name)));
  else if (name.text === "await" && container && (ts.isClassStaticBlockDeclaration(container) || isAsyncFunctionLike(ts, container)))
    errors.push(createDiagnostic(ts, "awaitUsingNamedAwait", at(sourceFile, name)));
  // for (await using db of dbs): the loop gives the value (a `for…in` head is another error, TypeScript's alone).
  const loop = declaration.parent.parent;
  if (!declaration.initializer && !ts.isForOfStatement(loop) && !ts.isForInStatement(loop))
    errors.push(createDiagnostic(ts, "awaitUsingNotInitialized", at(sourceFile, name)));
  return errors;
}

/**
 * What decides whether `await` may be used where a node is: the function, class static block
 * or namespace it is in; undefined at the file's top level.
 *
 *     async function f() { const g = () => { await using r = x; }; }   → the arrow
 */
function awaitContainerOf(ts: typeof import("typescript"), node: ts.Node): ts.Node | undefined {
  for (let scope = node.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope) || ts.isClassStaticBlockDeclaration(scope) || ts.isModuleDeclaration(scope)) return scope;
  }
  return undefined;
}

/**
 * `async function f() {}`, `async () => {}`, `async m() {}`, `async function* g() {}`: where
 * `await` may be written (asyncFunctions.ts's isAsyncFunction, which plans the awaits
 * the rewrite carries init through, leaves generators and bodiless ones out).
 */
function isAsyncFunctionLike(ts: typeof import("typescript"), node: ts.Node): boolean {
  return ts.isFunctionLike(node) && hasModifier(ts, node, ts.SyntaxKind.AsyncKeyword);
}

/**
 * The tagged classes of the checker's program: those of its sources that pass their
 * checks, and those its `.d.ts` files declare (classes compiled by this package).
 */
function taggedClassesOf(
  setup: AnalysisSetup,
  classesOf: (sourceFile: ts.SourceFile) => ClassesOfFile,
  isRewrittenClass: (declaration: ts.ClassLikeDeclaration) => boolean,
): ts.ClassLikeDeclaration[] {
  const { ts, program } = setup;
  const found: ts.ClassLikeDeclaration[] = [];
  for (const sourceFile of program?.getSourceFiles() ?? []) {
    if (!mentionsTag(sourceFile.text)) continue;
    if (!sourceFile.isDeclarationFile) {
      found.push(...classesOf(sourceFile).list.map((facts) => facts.node));
      continue;
    }
    forEachDescendant(ts, sourceFile, (node) => {
      if (ts.isClassDeclaration(node) && isRewrittenClass(node)) found.push(node);
    });
  }
  return found;
}

function emptyPlan(sourceFile: ts.SourceFile): FilePlan {
  return { sourceFile, classes: [], awaitUsings: new Map(), loops: new Map(), typedAwaits: new Set(), diagnostics: [] };
}

/** One analysis of a program's files, with its checker (none for a program of one file that resolves nothing: see seesOtherFiles). */
export function analyzeProgram(ts: typeof import("typescript"), program: ts.Program, options: Options, partialProgram = false): Analyzer {
  const checker = seesOtherFiles(program) ? program.getTypeChecker() : undefined;
  const compilerOptions = program.getCompilerOptions();
  return createAnalyzer({
    ts,
    options,
    target: emitTarget(ts, compilerOptions),
    checker,
    program: checker && program,
    partialProgram,
    optionsOf: optionsOfReferencedSources(ts, program, options),
    ...declarationOutput(compilerOptions),
  });
}

/**
 * What the analysis warns about from the `.d.ts` the build writes (TS46012, TS46013). TypeScript
 * keeps a file's diagnostics across a change of these options (they change only its output):
 * the program transformer puts them in the files' versions (frontends/tspatch/fileVersions.ts).
 * Under `noEmit` too (`tsc --noEmit`, `ts-async-init check`), as tsc reports the errors of the
 * `.d.ts` there: what is checked is what the project's build writes.
 */
export function declarationOutput(compilerOptions: ts.CompilerOptions): { writesDeclarations: boolean; declarationsLoseTags: boolean } {
  const writesDeclarations = Boolean(compilerOptions.declaration || compilerOptions.composite);
  return { writesDeclarations, declarationsLoseTags: writesDeclarations && compilerOptions.removeComments === true };
}

/**
 * The name under which a module exports a class expression, and where to report it:
 *
 *     export const Db = /** @asyncInit *\/ class { … };       → Db
 *     const Db = /** @asyncInit *\/ class { … }; export { Db };  → Db (with a checker)
 *     export default (/** @asyncInit *\/ class { … });        → default
 */
function exportedNameOf(file: AnalysisFile, node: ts.ClassExpression): { name: string; at: ts.Node } | undefined {
  const { ts, checker } = file;
  const holder = holderOf(ts, node);
  if (ts.isExportAssignment(holder)) return { name: "default", at: holder };
  if (!ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name)) return undefined;
  const statement = holder.parent.parent;
  if (ts.isVariableStatement(statement) && hasModifier(ts, statement, ts.SyntaxKind.ExportKeyword)) return { name: holder.name.text, at: holder.name };
  const exported = exportOf(file, checker?.getSymbolAtLocation(holder.name));
  return exported && { name: exported.name, at: holder.name };
}

/**
 * Whether a module exports the class (and so its `.d.ts` declares it): `export class`, or,
 * with a checker, an `export { Db }` or `export default Db` of it.
 */
function isExported(file: AnalysisFile, node: ts.ClassLikeDeclaration): boolean {
  const { ts, checker } = file;
  return hasModifier(ts, node, ts.SyntaxKind.ExportKeyword) || exportOf(file, node.name && checker?.getSymbolAtLocation(node.name)) !== undefined;
}

/** With a checker, the module's export of a symbol of it: `export { Db }`, `export { Db as Renamed }`, `export default Db`. */
function exportOf(file: AnalysisFile, own: ts.Symbol | undefined): ts.Symbol | undefined {
  const { ts, checker, sourceFile } = file;
  const module = checker?.getSymbolAtLocation(sourceFile);
  if (!module || !own) return undefined;
  return checker!
    .getExportsOfModule(module)
    .find((exported) => (exported.flags & ts.SymbolFlags.Alias ? checker!.getAliasedSymbol(exported) : exported) === own);
}

/**
 * Whether the program's checker can see the files a file imports. `ts.transpileModule`
 * (and so ts-node's and ts-loader's `transpileOnly` through ts-patch) makes a program of
 * one file with `noResolve` and `noLib`: there an imported class has no type, so its files
 * are analysed as without a checker, and each `await using` value is tested when it runs.
 */
export function seesOtherFiles(program: ts.Program): boolean {
  const options = program.getCompilerOptions();
  return !(options.noResolve && options.noLib);
}

/** Whether any file of the program mentions the tag: if none does, no file has anything to rewrite. Asked once. */
export function programMentionsTag(program: ts.Program): () => boolean {
  // A program of one file that resolves nothing cannot tell: the tagged classes are in files it does not see.
  if (!seesOtherFiles(program)) return () => true;
  let mentions: boolean | undefined;
  return () => (mentions ??= program.getSourceFiles().some((f) => mentionsTag(f.text)));
}

/** Without a program (`transpileModule`): files are analysed alone, for the target of the emit at hand. */
export function analyzeSingleFiles(ts: typeof import("typescript"), options: Options): (compilerOptions: ts.CompilerOptions) => Analyzer {
  const byTarget = new Map<ts.ScriptTarget, Analyzer>();
  return (compilerOptions) => {
    const target = emitTarget(ts, compilerOptions);
    let analyzer = byTarget.get(target);
    if (!analyzer) byTarget.set(target, (analyzer = createAnalyzer({ ts, options, target })));
    return analyzer;
  };
}

/** One file, on its own: the analysis without a program. */
export function analyzeFile(setup: AnalysisSetup, sourceFile: ts.SourceFile): FilePlan {
  return createAnalyzer(setup)(sourceFile);
}
