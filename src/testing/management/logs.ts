import type { TenantContext } from "../context.js";
import { invalidQuery, notFound } from "../errors.js";
import { json } from "../http/reply.js";
import type { JsonObject } from "../internal/json.js";
import type { LogRecord } from "../state/records.js";
import { listReply } from "./pagination.js";
import { project } from "./projection.js";
import { requireUser } from "./require.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { compileSearch } from "./search.js";

const MAX_TAKE = 100;

function logView(log: LogRecord): JsonObject {
  return { ...log };
}

/**
 * `GET /logs`: offset paging (newest first unless `sort=date:1`), or checkpoint with `from` = a log id: the events
 * after it, oldest first, `take` at a time, as a bare array.
 */
function listLogs(request: ManagementRequest, ctx: TenantContext) {
  const { query } = request;
  let logs = [...ctx.store.data.logs];
  const search = query.get("search") ?? query.get("q");
  if (search) {
    const matches = compileSearch(search, ["description", "type", "user_name", "client_name"]);
    logs = logs.filter((log) => matches(logView(log)));
  }
  const from = query.get("from");
  if (from !== null || query.has("take")) {
    const take = Number(query.get("take") ?? 50);
    if (!Number.isInteger(take) || take < 1 || take > MAX_TAKE) {
      throw invalidQuery(`'take' must be an integer between 1 and ${MAX_TAKE}.`);
    }
    const after = from ? logs.filter((log) => log.log_id > from) : logs;
    return json(
      200,
      after.slice(0, take).map((log) => project(logView(log), query)),
    );
  }
  if (query.get("sort") !== "date:1") logs.reverse();
  return listReply(logs, query, { itemsField: "logs", render: (log) => project(logView(log), query) });
}

function getLog(request: ManagementRequest, ctx: TenantContext) {
  const id = pathParam(request, "id");
  const log = ctx.store.data.logs.find((candidate) => candidate.log_id === id);
  if (!log) throw notFound.log();
  return json(200, logView(log));
}

function listUserLogs(request: ManagementRequest, ctx: TenantContext) {
  const user = requireUser(ctx, pathParam(request, "id"));
  const logs = ctx.store.data.logs.filter((log) => log.user_id === user.user_id);
  if (request.query.get("sort") !== "date:1") logs.reverse();
  return listReply(logs, request.query, { itemsField: "logs", render: logView });
}

export const logRoutes: readonly ManagementRoute[] = [
  {
    method: "GET",
    path: "/logs",
    scopes: ["read:logs", "read:logs_users"],
    summary: "Search log events",
    handle: listLogs,
  },
  {
    method: "GET",
    path: "/logs/{id}",
    scopes: ["read:logs", "read:logs_users"],
    summary: "Get a log event by id",
    handle: getLog,
  },
  {
    method: "GET",
    path: "/users/{id}/logs",
    scopes: ["read:logs", "read:logs_users"],
    summary: "Get user's log events",
    handle: listUserLogs,
  },
];
