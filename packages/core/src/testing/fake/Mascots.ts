/**
 * The fake's mascots (`/mascots`), seeded on first use.
 *
 * @since 0.1.0
 */
import * as Api from "../../api/Mascots.ts"
import type * as FakeContext from "./Handler.ts"
import * as Random from "./Random.ts"
import * as Serve from "./Serve.ts"
import * as SiteEpoch from "./SiteEpoch.ts"
import * as FakeTable from "./Table.ts"

interface Mascot {
  readonly id: number
  readonly creator_id: number
  readonly display_name: string
  readonly md5: string
  readonly file_ext: string
  readonly background_color: string
  readonly foreground_color: string
  readonly artist_url: string
  readonly artist_name: string
  readonly active: boolean
  readonly is_layered: boolean
  readonly available_on: ReadonlyArray<string>
  readonly url_path: string
  readonly created_at: string
  readonly updated_at: string
}

const mascots = SiteEpoch.fixed<string, Mascot>(
  "site.mascots",
  ["Esix", "Keeper", "Night Sky", "Gryphon"],
  90,
  (name, { at, id, index: i, store }) => {
    const md5 = Random.md5Of(store.seed, 0x3a5c07 + i)
    return {
      id,
      creator_id: 1,
      display_name: name,
      md5,
      file_ext: "jpg",
      background_color: ["#012e57", "#1f3c67", "#0b1a2b", "#20304a"][i]!,
      foreground_color: "#0f0f0f80",
      artist_url: `https://art.example.com/mascot_${id}`,
      artist_name: `mascot_artist_${id}`,
      active: i !== 3,
      is_layered: i === 2,
      available_on: i === 1 ? ["e621", "e926"] : ["e621"],
      url_path: `https://static1.e621.net/data/mascot/${md5}.jpg`,
      created_at: at,
      updated_at: at
    }
  }
)

const mascotIndex: FakeContext.Handler = (ctx) =>
  FakeTable.search(Api.routes.search)(ctx, mascots(ctx.store).rows, { defaultOrder: (a, b) => a.id - b.id })

/**
 * The routes of `/mascots` (declared in `api/Mascots.ts`).
 *
 * @since 0.1.0
 */
export const routes: ReadonlyArray<FakeContext.Route> = Serve.serve(Api.routes, { search: mascotIndex })
