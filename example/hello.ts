// The TypeScript form of a well-known Python pattern:
//
//     class Hello:
//         def __init__(self): print("init")
//         def __await__(self): ...             # async set-up, prints "await"
//         async def __aenter__(self): ...      # awaits the object itself
//         async def __aexit__(self, *exc): print("exit")
//
//     async with Hello() as h:                 # init, await
//         print("context")
//         h.a_method()                         # a_method
//                                              # exit
//
// Build and run it with `npm start`.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** @asyncInit */
class Hello {
  constructor() {
    console.log("init"); // synchronous set-up only
  }

  async init() {
    await sleep(10); // async set-up: runs once, on the first await
    console.log("await");
  }

  aMethod() {
    console.log("a_method");
  }

  async [Symbol.asyncDispose]() {
    await sleep(10); // async teardown: runs once, when the block is left
    console.log("exit");
  }
}

async function main() {
  await using h = new Hello(); // compiled as: await using h = await new Hello()
  console.log("context");
  h.aMethod();
}

main();
