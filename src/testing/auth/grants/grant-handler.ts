import type { TenantContext } from "../../context.js";
import type { JsonObject } from "../../internal/json.js";
import type { ClientRecord } from "../../state/records.js";
import type { Params } from "../params.js";

/** One grant type of /oauth/token, for an already authenticated client. Returns the token response body. */
export type GrantHandler = (params: Params, client: ClientRecord, ctx: TenantContext) => Promise<JsonObject>;
