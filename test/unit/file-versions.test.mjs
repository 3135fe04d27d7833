// The file versions of a program that tspc's builders (--incremental, -b, --watch) compare
// with the last build's (frontends/tspatch/fileVersions.ts): a hash of the text, to which
// the plugin adds a hash of what its output depends on beyond the file. The builds
// themselves are test/cli/tspc-builds.test.mjs; here, what the suffix changes with, and
// that a language service's numbered versions are left alone.

import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import test from "ava";
import ts from "typescript";

const require = createRequire(import.meta.url);
const { versionFilesByTaggedClasses } = require("../../dist/frontends/tspatch/fileVersions.js");

const OPTIONS = { initMethod: "init", stateField: true };
const DB = "/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n";
const MAIN = 'import { Db } from "./db";\nexport const make = () => new Db();\n';

/** The versions of db.ts and main.ts in a program of `files`, each given `version` (a function of its text) as a builder's host or a language service's would. */
function versions(files, version, options = OPTIONS) {
  const host = ts.createCompilerHost({});
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, ...rest) => {
    const text = files[name.replace(/^\//, "")];
    if (text === undefined) return getSourceFile.call(host, name, ...rest);
    // `version`: internal to TypeScript, set by the hosts that tsc's builders make.
    return Object.assign(ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true), { version: version(text) });
  };
  host.fileExists = (name) => files[name.replace(/^\//, "")] !== undefined || ts.sys.fileExists(name);
  const program = ts.createProgram(["/db.ts", "/main.ts"], { noLib: true, types: [] }, host);
  versionFilesByTaggedClasses(ts, program, options);
  return ["/db.ts", "/main.ts"].map((name) => /** @type {{ version: string }} */ (/** @type {unknown} */ (program.getSourceFile(name))).version);
}

/** What tsc's host makes a file's version: SHA-256 of its text, in hex. */
const hashed = (text) => createHash("sha256").update(text).digest("hex");

test("a builder's hashed versions get one suffix for the whole program, which changes with a tag, a tagged class's members or the options, and not with a method's body", (t) => {
  const [db, main] = versions({ "db.ts": DB, "main.ts": MAIN }, hashed);
  t.is(db, `${hashed(DB)}${db.slice(db.indexOf("@"))}`);
  t.regex(db, /^[0-9a-f]{64}@ts-async-init:[0-9a-f]{16}$/);
  const suffix = (version) => version.slice(version.indexOf("@"));
  t.is(suffix(main), suffix(db), "every file: main.ts depends on db.ts's tag");

  const same = versions({ "db.ts": DB.replace("async init() {}", "async init() { await 0; }"), "main.ts": MAIN }, hashed);
  t.is(suffix(same[1]), suffix(main), "an edit inside init");
  const others = [
    DB.replace("/** @asyncInit */\n", ""),
    DB.replace("@asyncInit", "@asyncInit setup"),
    DB.replace("  async init() {}", "  async init() {}\n  close() {}"),
    DB.replace("export class Db", "export class Db extends Object"),
  ];
  for (const text of others) t.not(suffix(versions({ "db.ts": text, "main.ts": MAIN }, hashed)[1]), suffix(main), text);
  t.not(suffix(versions({ "db.ts": DB, "main.ts": MAIN }, hashed, { ...OPTIONS, stateField: false })[1]), suffix(main), "other options");
});

test("a suffix already there (a watch program's unchanged file) is replaced, not added to", (t) => {
  const [db] = versions({ "db.ts": DB, "main.ts": MAIN }, hashed);
  const [again] = versions({ "db.ts": DB, "main.ts": MAIN }, () => db);
  t.is(again, db);
});

test("a language service's numbered versions are left as they are", (t) => {
  t.deepEqual(
    versions({ "db.ts": DB, "main.ts": MAIN }, () => "3"),
    ["3", "3"],
  );
});
