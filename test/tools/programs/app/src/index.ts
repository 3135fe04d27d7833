import { main } from "./main";

main().then(console.log);
