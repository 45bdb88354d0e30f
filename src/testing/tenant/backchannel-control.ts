import type { AuthState, BackchannelRequest } from "../auth/auth-state.js";
import type { BackchannelRequestInfo } from "./mock-tenant.js";

/** The test's side of CIBA: the user approving or denying on their device. */
export function decideBackchannel(auth: AuthState, decision: "approved" | "denied", authReqId?: string): void {
  const request = authReqId === undefined ? latestPending(auth) : auth.backchannel.get(authReqId);
  if (!request)
    throw new Error(authReqId === undefined ? "no pending backchannel request" : `unknown auth_req_id "${authReqId}"`);
  request.status = decision;
}

export function listBackchannel(auth: AuthState): BackchannelRequestInfo[] {
  return [...auth.backchannel.values()].map((request) => ({
    authReqId: request.authReqId,
    clientId: request.clientId,
    userId: request.userId,
    bindingMessage: request.bindingMessage,
    scopes: request.scopes,
    status: request.status,
  }));
}

function latestPending(auth: AuthState): BackchannelRequest | undefined {
  return [...auth.backchannel.values()].filter((request) => request.status === "pending").at(-1);
}
