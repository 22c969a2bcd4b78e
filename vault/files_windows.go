//go:build windows

package vault

// restrictUmask does nothing on Windows: files inherit the ACL of the
// user's profile folder, which only the user can read.
func restrictUmask() {}

// Windows cannot flush a folder handle; renames are durable through the
// journal of NTFS.
func isSyncUnsupported(error) bool { return true }
