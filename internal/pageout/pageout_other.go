//go:build !linux

package pageout

// pageOut does nothing where the system has no MADV_PAGEOUT to ask for.
func pageOut(func(path string) bool) (int64, error) { return 0, nil }
