// Generates class hierarchies for the property-based test (generated-hierarchies.test.mjs):
// a fast-check arbitrary of a plain description, and the TypeScript program it stands for.
import fc from "fast-check";

/** One class of the hierarchy. Level 0 is the base; level i extends level i-1. */
const levelArbitrary = fc.record({
  tagged: fc.boolean(),
  fields: fc.integer({ min: 0, max: 2 }),
  accessor: fc.boolean(),
  statics: fc.integer({ min: 0, max: 2 }),
  privates: fc.integer({ min: 0, max: 2 }),
  parameterProperty: fc.boolean(),
  constructorKind: fc.constantFrom("none", "plain", "with-body"),
  generic: fc.boolean(),
  ownInit: fc.boolean(),
  ownDispose: fc.boolean(),
});

export const hierarchyArbitrary = fc
  .record({
    levels: fc.array(levelArbitrary, { minLength: 1, maxLength: 3 }),
    failingInit: fc.boolean(),
  })
  .map(({ levels, failingInit }) => {
    // At least one level is tagged, and a tagged level has an init of its own or inherited.
    if (!levels.some((l) => l.tagged)) levels = levels.map((l, i) => (i === levels.length - 1 ? { ...l, tagged: true } : l));
    const firstTagged = levels.findIndex((l) => l.tagged);
    if (!levels.slice(0, firstTagged + 1).some((l) => l.ownInit)) levels = levels.map((l, i) => (i === firstTagged ? { ...l, ownInit: true } : l));
    // A parameter property needs a constructor to declare it.
    levels = levels.map((l) => (l.parameterProperty && l.constructorKind === "none" ? { ...l, constructorKind: "plain" } : l));
    // A base with no constructor takes no arguments: give it one when a subclass passes some.
    if (levels[0].constructorKind === "none" && levels.some((l) => l.constructorKind !== "none"))
      levels = [{ ...levels[0], constructorKind: "plain" }, ...levels.slice(1)];
    // The init that fails is the leaf's own, which needs one.
    if (failingInit && !levels[levels.length - 1].ownInit) levels = levels.map((l, i) => (i === levels.length - 1 ? { ...l, ownInit: true } : l));
    return { levels, failingInit };
  });

const name = (i) => `L${i}`;

/** The TypeScript of one class. `tagged: false` writes the untagged twin. */
function classText(spec, i, withTags, privateNames) {
  const level = spec.levels[i];
  // `#x` needs ES2015; below, TypeScript's `private _x` stands in for it.
  const declare = (name) => (privateNames ? `#${name}` : `private _${name}`);
  const use = (name) => (privateNames ? `#${name}` : `_${name}`);
  const hasInitAbove = spec.levels.slice(0, i).some((l) => l.ownInit);
  const hasDisposeAbove = spec.levels.slice(0, i).some((l) => l.ownDispose || (withTags && l.tagged));
  const typeParams = level.generic ? "<T = number>" : "";
  const baseGeneric = i > 0 && spec.levels[i - 1].generic ? "<number>" : "";
  const heritage = i > 0 ? ` extends ${name(i - 1)}${baseGeneric}` : "";
  const lines = [];
  // A tagged class without its own teardown still gets one; declaring it lets subclasses call super.
  const declaredAbove = spec.levels.slice(0, i).some((l) => l.ownDispose);
  if (withTags && level.tagged && !level.ownDispose && !declaredAbove) lines.push(`export interface ${name(i)}${typeParams} extends AsyncDisposable {}`);
  if (withTags && level.tagged) lines.push("/** @asyncInit */");
  lines.push(`export class ${name(i)}${typeParams}${heritage} {`);
  for (let k = 0; k < level.fields; k++) lines.push(`  f${i}_${k} = ${i * 10 + k};`);
  for (let k = 0; k < level.privates; k++) lines.push(`  ${declare(`p${i}_${k}`)} = "secret${i}${k}";`);
  if (level.privates)
    lines.push(`  readPrivate${i}(): string { return [${[...Array(level.privates).keys()].map((k) => `this.${use(`p${i}_${k}`)}`).join(", ")}].join(","); }`);
  for (let k = 0; k < level.statics; k++) lines.push(`  static s${i}_${k} = "static${i}${k}";`);
  if (level.generic) lines.push(`  items${i}: T[] = [];`);
  if (level.accessor) {
    lines.push(`  ${declare(`backing${i}`)} = ${i};`);
    lines.push(`  get acc${i}(): number { return this.${use(`backing${i}`)} * 2; }`);
    lines.push(`  set acc${i}(value: number) { this.${use(`backing${i}`)} = value; }`);
  }
  if (level.constructorKind !== "none") {
    const param = level.parameterProperty ? `readonly pp${i}: number` : "a: number";
    const a = level.parameterProperty ? `pp${i}` : "a";
    const body = [];
    if (i > 0) body.push(`super(${a}, b);`);
    if (level.constructorKind === "with-body") body.push(`this.c${i} = b + ${i};`, `log.push("constructor ${name(i)}");`);
    if (level.constructorKind === "with-body") lines.push(`  c${i}: string;`);
    lines.push(`  constructor(${param}, b: string) { ${body.join(" ")} }`);
  }
  if (level.ownInit) {
    const fails = spec.failingInit && i === spec.levels.length - 1;
    lines.push(`  async init(): Promise<void> {`);
    if (hasInitAbove) lines.push(`    await super.init();`);
    lines.push(`    await Promise.resolve();`);
    lines.push(`    log.push("init ${name(i)}");`);
    if (fails) lines.push(`    throw failure;`);
    lines.push(`  }`);
  }
  if (level.ownDispose) {
    lines.push(`  async [Symbol.asyncDispose](): Promise<void> {`);
    lines.push(`    log.push("dispose ${name(i)}");`);
    if (hasDisposeAbove) lines.push(`    await super[Symbol.asyncDispose]();`);
    lines.push(`  }`);
  }
  lines.push("}");
  return lines.join("\n");
}

/**
 * The whole program: the classes, then a run that prints one JSON line with the
 * instance's visible shape and, for the tagged build, what the semantics table
 * says must hold. The untagged twin runs init by hand and prints the shape only.
 */
/** `privateNames`: whether the target has `#x` (ES2015 and up). */
export function programText(spec, withTags, privateNames = true) {
  const leaf = name(spec.levels.length - 1);
  const ownInits = spec.levels.map((l, i) => (l.ownInit ? `init ${name(i)}` : null)).filter(Boolean);
  const ownDisposes = spec.levels.map((l, i) => (l.ownDispose ? `dispose ${name(i)}` : null)).filter(Boolean);
  const statics = spec.levels.flatMap((l, i) => [...Array(l.statics).keys()].map((k) => `s${i}_${k}`));
  const args = (a, b) => (spec.levels.some((l) => l.constructorKind !== "none") ? `${a}, "${b}"` : "");
  return `
const log: string[] = [];
const failure = new Error("init failed");
${spec.levels.map((_, i) => classText(spec, i, withTags, privateNames)).join("\n\n")}

function shape(x: any) {
  const privates: unknown[] = [${spec.levels
    .map((l, i) => (l.privates ? `x.readPrivate${i}()` : null))
    .filter(Boolean)
    .join(", ")}];
  const accessors: unknown[] = [${spec.levels
    .map((l, i) => (l.accessor ? `x.acc${i}` : null))
    .filter(Boolean)
    .join(", ")}];
  return {
    keys: Object.keys(x),
    names: Object.getOwnPropertyNames(x),
    json: JSON.stringify(x),
    spread: Object.keys({ ...x }),
    instanceOf: [${spec.levels.map((_, i) => `x instanceof ${name(i)}`).join(", ")}],
    className: ${leaf}.name,
    statics: [${statics.map((s) => `(${leaf} as any).${s}`).join(", ")}],
    staticKeys: Object.keys(${leaf}),
    privates,
    accessors,
  };
}

const count = (entry: string) => log.filter((l) => l === entry).length;

async function tagged() {
  const out: Record<string, unknown> = {};
  const x = new ${leaf}(${args(7, "b")});
  out.initBeforeAwait = log.filter((l) => l.startsWith("init")).length;
  const waiters = [x, x, Promise.resolve(x), (async () => x)()].map((w) => Promise.resolve(w).then((v) => ({ ok: v === x }), (e) => ({ error: e === failure })));
  const awaited = await Promise.all(waiters);
  out.waiters = awaited;
  out.initCounts = ${JSON.stringify(ownInits)}.map(count);
  let again;
  try {
    again = (await x) === x ? "same instance" : "other value";
  } catch (e) {
    again = e === failure ? "same failure" : "other error: " + e;
  }
  out.again = again;
  out.initCountsAfterAgain = ${JSON.stringify(ownInits)}.map(count);
  out.thenAfter = typeof (x as any).then;
  out.shape = shape(x);
  const d1 = (x as any)[Symbol.asyncDispose]();
  const d2 = (x as any)[Symbol.asyncDispose]();
  out.samePromise = d1 === d2;
  await Promise.all([d1, d2, (x as any)[Symbol.asyncDispose]()]);
  out.disposeCounts = ${JSON.stringify(ownDisposes)}.map(count);
  try {
    await x;
    out.afterDispose = "resolved";
  } catch (e) {
    out.afterDispose = e === failure ? "init's failure" : e instanceof ReferenceError ? "ReferenceError" : "other: " + e;
  }
  const before = log.length; // y: dispose requested before anyone awaited: init never runs, awaiting rejects

  const y = new ${leaf}(${args(8, "c")});
  const disposing = (y as any)[Symbol.asyncDispose]();
  try {
    await y;
    out.disposedFirst = "resolved";
  } catch (e) {
    out.disposedFirst = e instanceof ReferenceError ? "ReferenceError" : "other: " + e;
  }
  await disposing;
  out.disposedFirstLog = log.slice(before).filter((l) => !l.startsWith("constructor"));
  return out;
}

async function twin() {
  const x: any = new ${leaf}(${args(7, "b")});
  ${spec.failingInit ? "try { await x.init(); } catch {}" : "await x.init();"}
  return { shape: shape(x) };
}

(${withTags ? "tagged" : "twin"})().then((out) => console.log(JSON.stringify(out)), (e) => { console.error(e); (globalThis as any).process.exitCode = 1; });
`;
}

/**
 * What the tagged run must print, given the description (shape aside: it is compared with the twin).
 * A teardown declared by an untagged class below the lowest tagged level is plain JavaScript,
 * which the transformer never touches: it runs on every dispose call (and returns its own
 * promise), then reaches the generated levels through super, which run theirs once.
 */
export function expectedTagged(spec) {
  const lowestTagged = spec.levels.findLastIndex((l) => l.tagged);
  const plain = (i) => i > lowestTagged;
  const ownInits = spec.levels.filter((l) => l.ownInit).length;
  const disposeLevels = spec.levels.map((l, i) => (l.ownDispose ? i : -1)).filter((i) => i >= 0);
  const failed = spec.failingInit;
  const disposeCalls = 3;
  return {
    initBeforeAwait: 0,
    waiters: Array(4).fill(failed ? { error: true } : { ok: true }),
    initCounts: Array(ownInits).fill(1),
    again: failed ? "same failure" : "same instance",
    initCountsAfterAgain: Array(ownInits).fill(1),
    thenAfter: failed ? "function" : "undefined",
    samePromise: !disposeLevels.some(plain),
    disposeCounts: disposeLevels.map((i) => (plain(i) ? disposeCalls : failed ? 0 : 1)),
    afterDispose: failed ? "init's failure" : "ReferenceError",
    disposedFirst: "ReferenceError",
    disposedFirstLog: disposeLevels
      .filter(plain)
      .reverse()
      .map((i) => `dispose L${i}`),
  };
}
