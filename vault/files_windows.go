//go:build windows

package vault

// restrictUmask does nothing on Windows: the vault's files inherit the
// access list of its folder, which Create and Restore restrict to the
// current user (internal/owneronly).
func restrictUmask() {}

// Windows cannot flush a folder handle; renames are durable through the
// journal of NTFS.
func isSyncUnsupported(error) bool { return true }
