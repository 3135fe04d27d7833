// The entry loaded below ESNext (Node 20 cannot parse native `await using`, so uses.ts joins the lowered targets only).
export { probe } from "./main.js";
export { useDb } from "./uses.js";
