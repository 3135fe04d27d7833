// Declarations of another package: a tagged class and a plain one, extended by main.ts.
/** @asyncInit */
export declare class TaggedElsewhere { init(): Promise<void>; }
export declare class PlainElsewhere { constructor(); }
