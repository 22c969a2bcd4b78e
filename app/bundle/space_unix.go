//go:build unix

package bundle

import "golang.org/x/sys/unix"

// freeSpace returns the bytes free for this user on the disk of dir, and
// whether the system said.
func freeSpace(dir string) (int64, bool) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return int64(st.Bavail) * int64(st.Bsize), true //nolint:unconvert // the field types differ by system
}
