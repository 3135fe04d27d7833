// A Proxy whose get trap drops the receiver runs the then getter on the target, then
// calls then on the proxy: awaiting it used to resolve with the (still thenable) proxy,
// again and again, until the process ran out of memory. It now rejects, saying why.
/** @asyncInit */
class Db {
  constructor() {
    return new Proxy(this, { get: (target, key) => Reflect.get(target, key) });
  }
  async init() {}
}
async function main() {
  const settled = await Promise.race([
    Promise.resolve(new Db() as unknown).then(() => "resolved", (error) => error.name + ": " + error.message.split(":")[0]),
    new Promise((resolve) => setTimeout(() => resolve("still pending"), 1000)),
  ]);
  console.log(settled);
}
main();
