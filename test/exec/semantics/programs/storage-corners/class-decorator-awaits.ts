// A class decorator that makes and awaits an instance: TypeScript runs it before the
// static block that lends the field to the plumbing, so that instance's state starts
// in the map. (ES2022 only, as above.)
const log: string[] = [];
let early: Promise<Db> | undefined;
function eager(cls: new () => Db, _context: ClassDecoratorContext) {
  const x = new cls();
  early = (async () => { await x; await x; return x; })();
}
/** @asyncInit */
@eager
class Db {
  async init() { log.push("init"); }
}
async function main() {
  const x = await early!;
  await x;
  console.log((typeof (x as any).then) + " " + log.join(","));
}
main().catch((error) => console.log("threw " + error.message));
