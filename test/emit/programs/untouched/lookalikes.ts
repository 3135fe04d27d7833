// Things that look like the tag or like `await using`, and are not.
// @asyncInit in a line comment is not a tag
export class Line {
  async init() {}
}

/** @asyncInitialize is another tag */
export class Longer {
  async init() {}
}

/* @asyncInit in a block comment that is not JSDoc */
export class Block {
  async init() {}
}

export const text = "/** @asyncInit */ class InAString {}";

export function using(value: number) {
  return value + 1;
}

export function sync() {
  using resource = { [Symbol.dispose]() {} };
  return using(1) + (resource ? 1 : 0);
}
