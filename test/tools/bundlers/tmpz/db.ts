/** @asyncInit */
export class Db { ready = false; async init(): Promise<void> { this.ready = true; } }
