import { settle } from "../checks.js";

/** @asyncInit */
export default class NamedDefault {
  initCalls = 0;
  teardowns = 0;
  async init() {
    await settle();
    this.initCalls++;
  }
  async [Symbol.asyncDispose]() {
    this.teardowns++;
  }
}
