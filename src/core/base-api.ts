/**
 * The root of the package's API classes, under the name v4 and v5 give it: every client (`CoreClient` and its
 * subclasses), the Authentication API groups (`OAuth`, `Database`, `Passwordless`) and v4's managers are a `BaseAPI`.
 * It holds nothing: the behaviour lives in the core client and the classes built on it.
 */
export abstract class BaseAPI {}
