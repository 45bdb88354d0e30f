/**
 * The types of v4 methods, one per calling convention: `(requestParameters?, bodyParameters?, initOverrides?)` with
 * the arguments the endpoint takes, resolving to `{ data, headers, status, statusText }`. The generated manager
 * interfaces apply them: `get: PathMethod<"id", Management.GetUserResponseContent>`.
 */
import type { ApiResponse } from "auth0";
import type { InitOverride } from "./init-overrides.js";
import type { QueryParameters } from "./generated/models.js";

/**
 * v4 request parameters: the path params `P` (required strings) and the query params `Q` (optional, typed by
 * `QueryParameters`). `GetUsersByIdRequest` is `Params<"id", "fields" | "include_fields">`.
 */
export type Params<P extends string, Q extends keyof QueryParameters = never> = { [K in P]: string } & { [K in Q]?: QueryParameters[K] };

/** `(initOverrides?)`. */
export type Method<R> = (initOverrides?: InitOverride) => Promise<ApiResponse<R>>;

/** `(requestParameters, initOverrides?)`. */
export type ParamsMethod<P, R> = (requestParameters: P, initOverrides?: InitOverride) => Promise<ApiResponse<R>>;

/** `(requestParameters, initOverrides?)` where the parameters are the path params `K`. */
export type PathMethod<K extends string, R> = (requestParameters: Params<K>, initOverrides?: InitOverride) => Promise<ApiResponse<R>>;

/** `(requestParameters?, initOverrides?)`. */
export type OptionalParamsMethod<P, R> = (requestParameters?: P, initOverrides?: InitOverride) => Promise<ApiResponse<R>>;

/** `(bodyParameters, initOverrides?)`. */
export type BodyMethod<B, R> = (bodyParameters: B, initOverrides?: InitOverride) => Promise<ApiResponse<R>>;

/** `(requestParameters, bodyParameters, initOverrides?)`. */
export type ParamsBodyMethod<P, B, R> = (requestParameters: P, bodyParameters: B, initOverrides?: InitOverride) => Promise<ApiResponse<R>>;

/** `(requestParameters, bodyParameters, initOverrides?)` where the parameters are the path params `K`. */
export type PathBodyMethod<K extends string, B, R> = (requestParameters: Params<K>, bodyParameters: B, initOverrides?: InitOverride) => Promise<ApiResponse<R>>;

/** A list with v4's `include_totals` overloads: the page object `T` with `include_totals: true`, else the items `A`. */
export interface ListMethod<P, T, A> {
  (requestParameters: P & { include_totals: true }, initOverrides?: InitOverride): Promise<ApiResponse<T>>;
  (requestParameters?: P, initOverrides?: InitOverride): Promise<ApiResponse<A>>;
}

/** `ListMethod` whose request parameters are required (they carry a path param). */
export interface ParamsListMethod<P, T, A> {
  (requestParameters: P & { include_totals: true }, initOverrides?: InitOverride): Promise<ApiResponse<T>>;
  (requestParameters: P, initOverrides?: InitOverride): Promise<ApiResponse<A>>;
}
