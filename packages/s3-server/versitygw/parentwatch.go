//go:build unix

// Added to versitygw's command by the groupchat project's setup (docs/decisions/0009-embedded-s3-server.md), as
// packages/db/ferretdb/parentwatch.go is to FerretDB's.
//
// packages/s3-server starts versitygw as its own child and names its pid in GROUPCHAT_VERSITYGW_PARENT_PID.
// However that process ends (SIGKILL, the out-of-memory killer, a crash), the kernel gives us another parent, so
// getppid stops naming it; we then stop as if sent SIGTERM, versitygw's own clean shutdown. Checked from the start,
// so a parent that died before we ran is noticed too.

package main

import (
	"os"
	"strconv"
	"syscall"
	"time"
)

func init() {
	parent, err := strconv.Atoi(os.Getenv("GROUPCHAT_VERSITYGW_PARENT_PID"))
	if err != nil || parent <= 1 {
		return
	}

	go func() {
		for os.Getppid() == parent {
			time.Sleep(200 * time.Millisecond)
		}

		_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)

		// A shutdown that hangs must not keep the gateway alive either.
		time.Sleep(5 * time.Second)
		os.Exit(1)
	}()
}
