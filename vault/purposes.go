package vault

import "errors"

// What each file the vault writes itself is for: the test hooks
// (hooks_on.go) can make the writes of one purpose fail.
const (
	purposeHeader  = "header"
	purposeBlob    = "blob"
	purposeBackup  = "backup"
	purposeRestore = "restore"
	purposeStaging = "staging"
)

// errSimulatedCrash is what a write returns when a test's crash point
// (hooks_on.go) says the process "died" there.
var errSimulatedCrash = errors.New("simulated crash")
