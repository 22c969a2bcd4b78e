//go:build windows

package bundle

import "os"

// MarkFromInternet gives a file the Mark of the Web: a Zone.Identifier
// alternate data stream saying it came from the Internet zone (3), as a
// browser does for a download. Windows then opens office documents in
// Protected View, SmartScreen checks programs, and macros stay off. Every
// file extracted from a bundle carries it; the viewer marks the copies it
// writes.
func MarkFromInternet(path string) error {
	return os.WriteFile(path+":Zone.Identifier", []byte("[ZoneTransfer]\r\nZoneId=3\r\n"), 0o600)
}
