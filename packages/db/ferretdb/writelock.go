// Added to FerretDB's handler by the groupchat project's setup (docs/decisions/0006-ferretdb-atomic-writes.md).
//
// Upstream v1.24 runs update, findAndModify and delete as a query followed by writes by _id, with nothing holding
// the documents in between: two concurrent $inc can both read 5 and write 6, two conditional updates can both
// match. MsgUpdate, MsgFindAndModify, MsgDelete and MsgInsert take this lock once their parameters are parsed,
// before they touch the backend, and release it when they return, so every write command's reads and writes are
// one step for every other write command, as each of them is on MongoDB for a single document. SQLite takes one
// writer at a time anyway. Reads (find, count, aggregate, distinct, getMore) do not take it.
//
// It cannot deadlock: a command takes it at most once and never while holding anything else, so a waiter holds
// nothing, and a holder only waits for SQLite and FerretDB's own locks, whose holders never wait for this one.
// The release is deferred, so it also runs when a handler panics. A waiter stops waiting when its connection's
// context ends (FerretDB shutting down); a waiter whose client has gone runs in its turn like any other, and
// FerretDB drops the connection when it writes the reply.

package handler

import (
	"context"
	"os"

	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
)

// GROUPCHAT_FERRETDB_UNLOCKED_WRITES=1 keeps upstream's behaviour (the comparison test starts an instance so).
var groupchatUnlockedWrites = os.Getenv("GROUPCHAT_FERRETDB_UNLOCKED_WRITES") == "1"

// A channel rather than a sync.Mutex so that waiting can end with the context.
var groupchatWriteLock = make(chan struct{}, 1)

// groupchatLockWrites waits for the write lock and returns its release, which the caller defers at once.
func groupchatLockWrites(ctx context.Context) (func(), error) {
	if groupchatUnlockedWrites {
		return func() {}, nil
	}

	select {
	case groupchatWriteLock <- struct{}{}:
		return func() { <-groupchatWriteLock }, nil
	case <-ctx.Done():
		return nil, lazyerrors.Error(context.Cause(ctx))
	}
}
