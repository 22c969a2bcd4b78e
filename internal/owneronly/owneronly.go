// Package owneronly restricts a folder to the person who owns it: mode
// 0700 on Unix; on Windows an access list that gives the current user, and
// nobody else, access to the folder and to everything made in it (Windows
// ignores Unix modes: a vault made in D:\ or in a shared folder would
// otherwise inherit "Users: read").
package owneronly

// Folder restricts dir, which exists, to its owner (folder_unix.go,
// folder_windows.go).
func Folder(dir string) error { return restrict(dir) }
