// A mixin whose class's constructor hands back an object made before (an identity map),
// under a tagged class: the checker's base is an intersection (the mixin's class and what
// it extends), whose constructor the compiler must see through as for a plain base.
const made = new Map<string, any>();
class Entity {
  constructor(readonly id: string) {}
}
function Identified<T extends new (...args: any[]) => Entity>(Base: T) {
  return class extends Base {
    constructor(...args: any[]) {
      super(...args);
      const known = made.get(args[0]);
      if (known) return known;
      made.set(args[0], this);
    }
  };
}
/** @asyncInit */
class User extends Identified(Entity) {
  static inits = 0;
  async init() { User.inits++; }
}
async function main() {
  const first = await new User("1");
  const again = await new User("1");
  console.log(`${first === again ? "same instance" : "another instance"}, ${User.inits} init`);
}
main().catch((error) => console.log("threw " + error.message));
