// Tells an unreachable database from every other failure: the driver's and mongoose's names for it. After one, any
// further write in the same request would only wait out another server-selection timeout before failing too,
// doubling the time the caller waits for its 503; the HTTP layer answers it with 503 service_unavailable.
// The pool's own errors are not exported by the driver, so they are known by name too: a pool cleared by the
// server monitor fails the operations waiting in it with `PoolClearedOnNetworkError`, which carries no `Mongo`.
const UNREACHABLE =
  /^(Mongo(ose)?(ServerSelection|Network|NetworkTimeout|NotConnected|TopologyClosed|ServerClosed|PoolCleared|PoolClosed|WaitQueueTimeout|NotPrimary)|PoolClearedOnNetwork)Error$/;

export function isDatabaseUnreachable(error: unknown): boolean {
  return error instanceof Error && UNREACHABLE.test(error.name);
}
