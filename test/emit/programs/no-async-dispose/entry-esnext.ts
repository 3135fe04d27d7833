// The entry loaded at ESNext: main.ts only (see entry.ts).
export { probe } from "./main.js";
