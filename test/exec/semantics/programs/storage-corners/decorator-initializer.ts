// The same in one class: TypeScript runs a method decorator's instance initialisers
// (addInitializer) from the first field's initialiser, now the generated field's, so
// they run before that field exists. (ES2022 only: for ESNext TypeScript 5.9 leaves
// the decorators to the engine, and Node 24 does not parse them.)
const log: string[] = [];
function eager<T extends Db>(_method: unknown, context: ClassMethodDecoratorContext<T>) {
  context.addInitializer(function (this: T) { this.whenReady = (async () => await this)(); });
}
/** @asyncInit */
class Db {
  declare whenReady: Promise<Db>;
  async init() { log.push("init"); }
  @eager start() {}
}
async function main() {
  const x = new Db();
  const ready = await x.whenReady;
  await x;
  console.log((ready === x) + " " + log.join(","));
}
main().catch((error) => console.log("threw " + error.message));
