//go:build !windows

package vault

import (
	"errors"
	"syscall"
)

// restrictUmask makes every file created by this process, Badger's
// included, readable by its owner only. Témoin is a single-purpose
// program, so a process-wide setting is the honest place for it.
func restrictUmask() { syscall.Umask(0o077) }

func isSyncUnsupported(err error) bool { return errors.Is(err, syscall.EINVAL) }

// heldByAnotherProgram: Unix lets a program keep a file from others only
// by a lock it asks for, which the vault's own lock covers (acquireLock).
func heldByAnotherProgram(error) bool { return false }
