//go:build !windows

package owneronly

import "os"

func restrict(dir string) error { return os.Chmod(dir, 0o700) }
