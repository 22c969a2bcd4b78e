//go:build !windows

package bundle

// MarkFromInternet gives a file the Mark of the Web on Windows (see
// motw_windows.go); elsewhere there is no such mark and it does nothing.
func MarkFromInternet(string) error { return nil }
