// An untagged base whose constructor calls a method the tagged subclass overrides to
// await the instance: the subclass has a field of its own, which does not exist yet
// while the base constructor runs, so the state starts in the map and must still be
// found once the field exists.
const log: string[] = [];
class Base {
  constructor() { this.start(); }
  start() {}
}
/** @asyncInit */
class Derived extends Base {
  declare whenReady: Promise<Derived>;
  start() { this.whenReady = (async () => await this)(); }
  async init() { log.push("Derived.init"); }
}
async function main() {
  const x = new Derived();
  const ready = await x.whenReady;
  await x;
  console.log((ready === x) + " " + (typeof (x as any).then) + " " + log.join(","));
}
main().catch((error) => console.log("threw " + error.message));
