// Imported first by each typescript<version>.test.mjs, as "./choose.mjs?<version>",
// so that TS_ASYNC_INIT_TYPESCRIPT is set before the shared tests load
// test/support/project.mjs. (The imports of a test file must be static: AVA takes
// every test as declared one tick after the first.)
process.env.TS_ASYNC_INIT_TYPESCRIPT = new URL(import.meta.url).search.slice(1);
