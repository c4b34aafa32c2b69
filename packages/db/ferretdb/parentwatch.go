//go:build unix

// Added to FerretDB's command by the groupchat project's setup (docs/decisions/0007-ferretdb-exits-with-its-parent.md).
//
// The service starts FerretDB as its own child and names its pid in GROUPCHAT_FERRETDB_PARENT_PID. However the
// service ends (SIGKILL, the out-of-memory killer, a crash), the kernel gives us another parent, so getppid stops
// naming it; we then stop as if sent SIGTERM, which closes SQLite cleanly. Polling rather than Linux's
// PR_SET_PDEATHSIG: that is Linux-only and fires when the forking thread ends, not the process; one getppid every
// 200 ms costs nothing measurable. Checked from the start, so a parent that died before we ran is noticed too.

package main

import (
	"os"
	"strconv"
	"syscall"
	"time"
)

func init() {
	parent, err := strconv.Atoi(os.Getenv("GROUPCHAT_FERRETDB_PARENT_PID"))
	if err != nil || parent <= 1 {
		return
	}

	go func() {
		for os.Getppid() == parent {
			time.Sleep(200 * time.Millisecond)
		}

		_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)

		// A shutdown that hangs must not keep the database alive either.
		time.Sleep(5 * time.Second)
		os.Exit(1)
	}()
}
