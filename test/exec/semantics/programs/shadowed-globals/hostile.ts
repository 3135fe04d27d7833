// What the generated modules import under the name of a global: a value that throws when touched.
const own: any = new Proxy(function () {}, { get() { throw new Error("an imported value"); } });
export default own;
