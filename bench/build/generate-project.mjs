// Writes a realistic TypeScript project for the build benchmark: `modules` files
// in 20 feature folders, each with an interface, a generic class, a service that
// uses classes imported from earlier modules (some through a `@app/*` path alias,
// which typescript-transform-paths rewrites), a type alias, an enum now and then.
//   about 1%  of the modules declare an /** @asyncInit */ class
//   about 3%  use `await using` of such a class, imported from another module
//   about 5%  mention the word "using" in a comment only (a file the plugin has to look at, with nothing to do)
// The project is the same for every compiler being compared; only the tsconfig differs
// (`variants`: name → ts-patch plugin entries, written as tsconfig.<name>.json).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const FOLDERS = 20;

/** A small deterministic random source, so every run generates the same project. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const folderOf = (i) => `feature${i % FOLDERS}`;
const fileOf = (i) => `${folderOf(i)}/module${i}`;
const isTagged = (i) => i % 100 === 7; // 1%
const usesAwaitUsing = (i) => i > 200 && i % 33 === 5; // about 3%
const mentionsUsingOnly = (i) => !usesAwaitUsing(i) && i % 20 === 11; // about 5%

function moduleText(i, rand) {
  const lines = [];
  const imports = new Set();
  const count = Math.min(i, 1 + Math.floor(rand() * 3));
  while (imports.size < count) imports.add(Math.floor(rand() * i));
  const taggedSource = usesAwaitUsing(i) ? [...Array(i).keys()].filter(isTagged).at(-1 - Math.floor(rand() * 3)) : undefined;
  if (taggedSource !== undefined) imports.add(taggedSource);
  for (const j of imports) {
    const names = `Entity${j}, Repository${j}${isTagged(j) ? `, Resource${j}` : ""}`;
    const from = rand() < 0.3 ? `@app/${fileOf(j)}` : relativeImport(i, j);
    lines.push(`import { ${names} } from "${from}";`);
  }
  lines.push("");
  if (mentionsUsingOnly(i)) lines.push("// Entities are cached by id; using a Map keeps lookups cheap.");
  lines.push(`export enum Kind${i} { A = "a${i}", B = "b${i}", C = "c${i}" }`);
  lines.push("");
  lines.push(`/** An entity of feature ${i}. */`);
  lines.push(`export interface Entity${i} {`);
  lines.push(`  id: string;`);
  lines.push(`  kind: Kind${i};`);
  lines.push(`  createdAt: Date;`);
  for (const j of imports) lines.push(`  ref${j}?: Entity${j};`);
  lines.push("}");
  lines.push("");
  lines.push(`export class Repository${i}<T extends Entity${i} = Entity${i}> {`);
  lines.push(`  private readonly items = new Map<string, T>();`);
  lines.push(`  constructor(readonly name: string = "repo${i}") {}`);
  lines.push(`  get size(): number { return this.items.size; }`);
  lines.push(`  add(item: T): this { this.items.set(item.id, item); return this; }`);
  lines.push(`  find(id: string): T | undefined { return this.items.get(id); }`);
  lines.push("}");
  lines.push("");
  if (isTagged(i)) {
    lines.push(`/** A resource that needs asynchronous set-up. @asyncInit */`);
    lines.push(`export class Resource${i} {`);
    lines.push(`  private connected = false;`);
    lines.push(`  constructor(readonly url: string, readonly retries = 3) {}`);
    lines.push(`  async init(): Promise<void> { await Promise.resolve(); this.connected = true; }`);
    lines.push(`  query(sql: string): string[] { return this.connected ? [sql] : []; }`);
    lines.push(`  async [Symbol.asyncDispose](): Promise<void> { this.connected = false; }`);
    lines.push("}");
    lines.push("");
  }
  lines.push(`export class Service${i} {`);
  for (const j of imports) lines.push(`  readonly repo${j} = new Repository${j}<Entity${j}>();`);
  lines.push(`  constructor(private readonly log: (message: string) => void = () => {}) {}`);
  lines.push(`  async run(ids: string[]): Promise<number> {`);
  lines.push(`    const found = ids.filter((id) => ${[...imports].map((j) => `this.repo${j}.find(id)`).join(" || ") || "false"}).length;`);
  lines.push(`    this.log(\`service${i}: \${found}\`);`);
  lines.push(`    return found;`);
  lines.push(`  }`);
  if (taggedSource !== undefined) {
    lines.push(`  async withResource(url: string): Promise<string[]> {`);
    lines.push(`    await using resource = new Resource${taggedSource}(url);`);
    lines.push(`    return resource.query("select ${i}");`);
    lines.push(`  }`);
  }
  lines.push("}");
  lines.push("");
  lines.push(`export function make${i}(id: string): Entity${i} {`);
  lines.push(`  return { id, kind: Kind${i}.A, createdAt: new Date(0) };`);
  lines.push("}");
  lines.push("");
  lines.push(`export const defaults${i} = { pageSize: ${10 + (i % 50)}, label: "feature ${i}" };`);
  return lines.join("\n") + "\n";
}

function relativeImport(from, to) {
  const path = relative(folderOf(from), fileOf(to));
  return path.startsWith(".") ? path : `./${path}`;
}

/**
 * One tsconfig per compiler being compared, all with the same options; `variants`
 * maps a name to its ts-patch plugin entries (none for plain tsc / tspc with no plugin).
 */
function tsconfigs(variants) {
  const compilerOptions = {
    target: "ES2022",
    module: "commonjs",
    moduleResolution: "node10",
    lib: ["esnext"],
    types: [],
    strict: true,
    skipLibCheck: true,
    baseUrl: ".",
    paths: { "@app/*": ["src/*"] },
    rootDir: "src",
  };
  return Object.fromEntries(
    Object.entries(variants).map(([name, plugins]) => [
      `tsconfig.${name}.json`,
      { compilerOptions: { ...compilerOptions, outDir: `out/${name}`, ...(plugins.length ? { plugins } : {}) }, include: ["src"] },
    ]),
  );
}

/** Writes the project into `dir` (emptied first); returns what it wrote. */
export function generateProject(dir, { modules = 2000, variants = {}, seed = 4 } = {}) {
  rmSync(dir, { recursive: true, force: true });
  const rand = random(seed);
  const stats = { modules, tagged: 0, awaitUsing: 0, usingInCommentOnly: 0, lines: 0 };
  for (let i = 0; i < modules; i++) {
    const file = join(dir, "src", `${fileOf(i)}.ts`);
    mkdirSync(join(dir, "src", folderOf(i)), { recursive: true });
    const text = moduleText(i, rand);
    writeFileSync(file, text);
    stats.lines += text.split("\n").length - 1;
    if (isTagged(i)) stats.tagged++;
    if (text.includes("await using")) stats.awaitUsing++;
    if (mentionsUsingOnly(i)) stats.usingInCommentOnly++;
  }
  for (const [name, config] of Object.entries(tsconfigs(variants))) writeFileSync(join(dir, name), JSON.stringify(config, null, 2));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ private: true, type: "commonjs" }));
  return stats;
}
