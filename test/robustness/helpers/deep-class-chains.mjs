// Run by deep-trees.test.mjs in a Node process of its own: the main thread's stack is
// the one tspc, the bundlers and the register hook have (AVA's worker threads have a
// larger one, where the walks of the code before did not overflow).
//
//     node deep-class-chains.mjs <back end> <terms>   →   {"problems":[],"stdout":"ready …"}
import { buildAndRun } from "../../support/back-ends.mjs";
import { moduleOptions } from "../../support/project.mjs";

const [backEnd, terms] = [process.argv[2], Number(process.argv[3])];
const chain = Array(terms).fill('"a"').join(" + ");
const program = `/** @asyncInit */
class Db {
  chain = "";
  length: number;
  constructor() {
    this.length = (${chain}).length;
  }
  async init(): Promise<void> {
    this.chain = ${chain};
  }
  async [Symbol.asyncDispose](): Promise<void> {}
}
class Cache extends Db {
  more = "";
  override async init(): Promise<void> {
    this.more = ${chain};
    await super.init();
  }
}
{
  await using cache = new Cache();
  console.log("ready", cache.length, cache.chain.length, cache.more.length);
}
`;
try {
  const built = buildAndRun({ "main.ts": program }, { backEnd, compilerOptions: moduleOptions("ES2022", "nodenext") });
  console.log(JSON.stringify({ problems: built.problems, stdout: built.stdout.trim(), stderr: built.stderr }));
} catch (error) {
  console.log(JSON.stringify({ error: String(error instanceof Error ? error.message : error) }));
}
