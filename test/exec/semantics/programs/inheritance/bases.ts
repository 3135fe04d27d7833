import { settle } from "../checks.js";

export const log: string[] = [];

/** @asyncInit */
export class TaggedBase {
  constructor(readonly id: string) {
    log.push("Base constructor");
  }
  async init() {
    log.push("Base.init start");
    await settle();
    log.push("Base.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Base.dispose start");
    await settle();
    log.push("Base.dispose end");
  }
}

export class PlainBase {
  constructor(readonly id: string) {
    log.push("Base constructor");
  }
  async init() {
    log.push("Base.init start");
    await settle();
    log.push("Base.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Base.dispose start");
    await settle();
    log.push("Base.dispose end");
  }
}

/** @asyncInit */
export class TaggedMid extends TaggedBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}

export class PlainMid extends PlainBase {
  extra = log.push("Mid field");
  constructor(id: string) {
    super(id);
    log.push("Mid constructor");
  }
  async init() {
    log.push("Mid.init start");
    await super.init();
    log.push("Mid.init end");
  }
  async [Symbol.asyncDispose]() {
    log.push("Mid.dispose start");
    await super[Symbol.asyncDispose]();
    log.push("Mid.dispose end");
  }
}

