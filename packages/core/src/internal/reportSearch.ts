/**
 * The search fields e621ng's ticket and appeal controllers share (`tickets_controller.rb`,
 * `appeals_controller.rb` `search_params`): `qtype`, `status` and `order` for everyone, `creatorId` with one's
 * own id, the rest for staff. Only the types (`qtype`) and the statuses differ.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import * as Params from "./params.ts"

/** The search schema of a report-like list, given its `qtype` and `status` values. */
export const search = <Type extends Schema.Top, const Status extends ReadonlyArray<string>>(qtype: Type, statuses: Status) =>
  Schema.Struct({
    id: Schema.optionalKey(Params.Range),
    createdAt: Schema.optionalKey(Params.Time),
    updatedAt: Schema.optionalKey(Params.Time),
    qtype: Schema.optionalKey(qtype),
    status: Schema.optionalKey(Schema.Literals(statuses)),
    creatorId: Schema.optionalKey(Params.Id),
    dispId: Schema.optionalKey(Params.Range),
    creatorName: Schema.optionalKey(Params.Text),
    accusedId: Schema.optionalKey(Params.Range),
    accusedName: Schema.optionalKey(Params.Text),
    claimantId: Schema.optionalKey(Params.Range),
    claimantName: Schema.optionalKey(Params.Text),
    reason: Schema.optionalKey(Params.Text),
    order: Schema.optionalKey(Schema.Literals(["id_asc", "id_desc"]))
  })
