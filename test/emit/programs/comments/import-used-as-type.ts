/*! my-lib v1.0.0 | MIT */
// Database access.

import { Options } from "./types.js";

/** @asyncInit */
export class Db {
  constructor(readonly options: Options) {}
  async init() {}
}
