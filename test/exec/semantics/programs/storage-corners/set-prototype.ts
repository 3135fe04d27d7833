// Moving a ready instance to a tagged subclass's prototype: the state is looked up
// in the subclass's field, which the instance does not have, so it is found nowhere.
let runs = 0;
/** @asyncInit */
class A { async init() { runs++; } }
/** @asyncInit */
class B extends A {}
async function main() {
  const a = await new A();
  Object.setPrototypeOf(a, B.prototype);
  const thenAfter = typeof (a as any).then;
  await a;
  console.log(thenAfter + " " + runs);
}
main().catch((error) => console.log("threw " + error.message));
