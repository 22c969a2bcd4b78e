// Package ownertest checks, in tests, that a file or folder can be read by
// its owner only: on Unix no permission bit for the group or others; on
// Windows no access list entry that lets anyone but the owner in (SYSTEM
// and the administrators, who can read every file of the machine anyway,
// are allowed where the file inherited them).
package ownertest

import "testing"

// Private fails the test when someone other than the owner could read
// path, and says what it checked.
func Private(t testing.TB, path string) {
	t.Helper()
	if err := private(path); err != nil {
		t.Errorf("%s is not private: %v", path, err)
	}
}

// OnlyMe fails the test unless path gives access to the current user alone
// (Windows: the one entry owneronly.Folder writes; Unix: as Private).
func OnlyMe(t testing.TB, path string) {
	t.Helper()
	if err := onlyMe(path); err != nil {
		t.Errorf("%s is not restricted to its owner: %v", path, err)
	}
}

// OpenToEveryone makes dir readable by every user of the machine: a
// shared folder, for tests that a private folder made inside stays private.
func OpenToEveryone(t testing.TB, dir string) {
	t.Helper()
	if err := openToEveryone(dir); err != nil {
		t.Fatal(err)
	}
}
