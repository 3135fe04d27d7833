// A base class whose class decorator puts in place a constructor that hands back an
// object made before (an identity map): the compiler sees no `return` in the base's
// own constructor, but the derived tagged class's field initialiser would run on that
// object a second time. (ES2022 only, as decorator-initializer.ts.)
const made = new Map<string, object>();
function identityMap<T extends new (...args: any[]) => object>(Base: T, _context: ClassDecoratorContext<T>) {
  return class extends Base {
    constructor(...args: any[]) {
      super(args[0]);
      const known = made.get(args[0]);
      if (known) return known;
      made.set(args[0], this);
    }
  };
}
@identityMap
class Entity {
  constructor(readonly id: string) {}
}
/** @asyncInit */
class User extends Entity {
  static inits = 0;
  async init() { User.inits++; }
}
async function main() {
  const first = await new User("1");
  const again = await new User("1");
  console.log(`${first === again ? "same instance" : "another instance"}, ${User.inits} init`);
}
main().catch((error) => console.log("threw " + error.message));
