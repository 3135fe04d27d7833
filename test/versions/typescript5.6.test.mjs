// TypeScript 5.6 with ts-patch 3.3 (Node 20): the real tspc on projects with the packed package (the peer range's minors between the fully tested ones).
import "./choose.mjs?5.6";
import "../cli/tspc.test.mjs";
