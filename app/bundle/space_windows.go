//go:build windows

package bundle

import "golang.org/x/sys/windows"

// freeSpace returns the bytes free for this user on the disk of dir, and
// whether the system said.
func freeSpace(dir string) (int64, bool) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, false
	}
	var free, total, totalFree uint64
	if err := windows.GetDiskFreeSpaceEx(p, &free, &total, &totalFree); err != nil {
		return 0, false
	}
	return int64(free), true
}
