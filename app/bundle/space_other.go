//go:build !unix && !windows

package bundle

// freeSpace is unknown on this system: the extraction then fails, if the
// disk fills, as any write does, and nothing is left behind.
func freeSpace(string) (int64, bool) { return 0, false }
