import { Effect } from "effect";
export declare const program: (tags: string, max: number) => Effect.Effect<number, import("@effect-e621/core/E621Error").E621Error, import("@effect-e621/core/E621Client").E621Client>;
//# sourceMappingURL=stream.d.ts.map