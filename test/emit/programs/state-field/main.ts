// Tagged classes over every kind of base; state-field.test.mjs says which get a private field.
import { TaggedElsewhere, PlainElsewhere } from "./library.js";

class Plain {}
class Identity {
  constructor(known?: object) {
    if (known) return known;
  }
}
class Frozen {
  constructor() {
    Object.freeze(this);
  }
}
class ReturnsInNestedFunction {
  constructor() {
    const f = () => { return 1; };
    f();
  }
}
const Mixin = <T extends new (...args: any[]) => object>(Base: T) => class extends Base {};

/** @asyncInit */ export class Root { async init() {} }
/** @asyncInit */ export class OverRoot extends Root {}
/** @asyncInit */ export class OverOverRoot extends OverRoot {}
/** @asyncInit */ export class OverPlain extends Plain { async init() {} }
/** @asyncInit */ export class OverIdentity extends Identity { async init() {} }
/** @asyncInit */ export class OverPlainOverIdentity extends (class extends Identity {}) { async init() {} }
/** @asyncInit */ export class OverFrozen extends Frozen { async init() {} }
/** @asyncInit */ export class OverNested extends ReturnsInNestedFunction { async init() {} }
/** @asyncInit */ export class OverTaggedElsewhere extends TaggedElsewhere {}
/** @asyncInit */ export class OverPlainElsewhere extends PlainElsewhere { async init() {} }
/** @asyncInit */ export class OverMixin extends Mixin(Plain) { async init() {} }
