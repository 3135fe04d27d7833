/*! my-lib v1.0.0 | MIT */
// Database access.

/** @asyncInit */
export class Db {
  async init() {} // set-up
  /* teardown */ async [Symbol.asyncDispose]() {}
}
