//go:build !windows

package ownertest

import (
	"fmt"
	"os"
)

func private(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("mode %v: the group or others have access", st.Mode().Perm())
	}
	return nil
}

func onlyMe(path string) error { return private(path) }

func openToEveryone(dir string) error { return os.Chmod(dir, 0o777) }

func underWine() bool { return false }
