// A tagged class that extends the previous script's.
/** @asyncInit */
class Beta extends Alpha {
  async init() { await super.init(); log.push(this.name + " beta init"); }
}
