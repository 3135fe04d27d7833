// A base class whose constructor hands back an object it made before (a singleton,
// an identity map): the derived tagged class's field initialiser runs on that object
// a second time, and a private field cannot be added twice.
const made = new Map<string, object>();
class Entity {
  constructor(id: string) {
    const known = made.get(id);
    if (known) return known;
    made.set(id, this);
  }
}
/** @asyncInit */
class User extends Entity {
  constructor(readonly id: string) { super(id); }
  async init() {}
}
async function main() {
  const first = await new User("1");
  const again = new User("1");
  console.log(first === again ? "same instance" : "another instance");
}
main().catch((error) => console.log("threw " + error.message));
