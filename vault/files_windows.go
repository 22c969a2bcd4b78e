//go:build windows

package vault

import (
	"errors"

	"golang.org/x/sys/windows"
)

// restrictUmask does nothing on Windows: the vault's files inherit the
// access list of its folder, which Create and Restore restrict to the
// current user (internal/owneronly).
func restrictUmask() {}

// Windows cannot flush a folder handle; renames are durable through the
// journal of NTFS.
func isSyncUnsupported(error) bool { return true }

// heldByAnotherProgram reports a file another program holds open without
// sharing it (an antivirus, a synchronisation or backup program).
func heldByAnotherProgram(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
