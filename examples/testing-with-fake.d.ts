import { Effect } from "effect";
/** The program under test: the most frequent artists among the first `n` posts of a search. */
export declare const topArtists: (tags: string, n: number) => Effect.Effect<[string, number][], import("@effect-e621/core/E621Error").E621Error, import("@effect-e621/core/E621Client").E621Client>;
/** The test: run it against a seeded fake and check it against the fake's own data and request log. */
export declare const test: Effect.Effect<[string, number][], import("@effect-e621/core/E621Error").E621Error, never>;
//# sourceMappingURL=testing-with-fake.d.ts.map