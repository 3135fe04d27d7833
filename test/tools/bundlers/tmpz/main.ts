import { Db } from "./db";
const db = await new Db();
console.log("ready", db.ready);
