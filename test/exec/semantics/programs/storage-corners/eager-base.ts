// A tagged base whose constructor awaits the instance (eager start), under a tagged
// subclass: the state is made while the subclass's field does not exist yet (map),
// then the field appears and hides it.
const log: string[] = [];
/** @asyncInit */
class Base {
  whenReady: Promise<this>;
  constructor() { this.whenReady = this.open(); }
  private async open() { return await this; }
  async init() { log.push("Base.init"); }
}
/** @asyncInit */
class Derived extends Base {
  async init() { log.push("Derived.init"); await super.init(); }
}
async function main() {
  const x = new Derived();
  const ready = await x.whenReady;
  await x;
  console.log((ready === x) + " " + log.join(","));
}
main().catch((error) => console.log("threw " + error.message));
