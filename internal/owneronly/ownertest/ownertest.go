// Package ownertest checks, in tests, that a file or folder can be read by
// its owner only, saying what that means on each system.
//
// Unix: no permission bit for the group or others.
//
// Windows ignores those bits: a file is as private as the access list it
// gets. Private checks that the program gave no one else access: no
// entry of the file's own for anyone but the owner, SYSTEM or the
// administrators (entries inherited from the folder the person chose are
// that folder's business). OnlyMe, for the folders Témoin restricts itself
// (the vault, the viewer), checks that every entry, inherited or not,
// names the current user.
package ownertest

import "testing"

// Private fails the test when the program gave someone other than the
// owner access to path.
func Private(t testing.TB, path string) {
	t.Helper()
	if skipped(t, path) {
		return
	}
	if err := private(path); err != nil {
		t.Errorf("%s is not private: %v", path, err)
	}
}

// OnlyMe fails the test unless path gives access to the current user alone
// (Windows: the one entry owneronly.Folder writes; Unix: as Private).
func OnlyMe(t testing.TB, path string) {
	t.Helper()
	if skipped(t, path) {
		return
	}
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

// skipped says, under Wine, that access lists cannot be checked there:
// Wine accepts them and keeps none (every file shows the same synthesised
// list), so the check is meaningful on a real Windows only.
func skipped(t testing.TB, path string) bool {
	t.Helper()
	if underWine() {
		t.Logf("%s: not checked under Wine, which keeps no access lists (checked on Windows)", path)
		return true
	}
	return false
}
