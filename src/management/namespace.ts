// The `Management` namespace: every request and response type of the API, the enum objects, and the typed error
// classes, as in v5.
export * from "./generated/types/index.js";
export {
  BadRequestError,
  ConflictError,
  ContentTooLargeError,
  ForbiddenError,
  GoneError,
  InternalServerError,
  NotFoundError,
  PaymentRequiredError,
  PreconditionFailedError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
} from "./errors.js";
