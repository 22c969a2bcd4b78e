// Package torture holds Témoin's proofs that nothing is lost and nothing
// leaks, as tests anyone can rerun:
//
//   - crashes: a child process runs journal operations (add, amend, attach
//     20 MB, delete, passwd, backup, import, export) and reports each one
//     finished; it is killed with SIGKILL at random moments; after each
//     kill the vault must open, verify, and hold every acknowledged write;
//   - tampering: random byte flips, truncations and deletions across the
//     vault's files and a backup must be harmless or detected, never shown
//     as good, never a panic;
//   - disk full and I/O errors, through the vault's storage seam and a real
//     full tmpfs;
//   - leaks: a scripted session must leave its marker nowhere in clear;
//   - attacks (issue 10): without the keys on a vault at rest; forged
//     bundles, overlapping-entry ZIP bombs and SIGKILLs of the real binary
//     while it opens a bundle, on the representative's side;
//   - concurrency: two processes on one vault;
//   - secrets: no key or passphrase prints itself;
//   - fuzzing of the JSON given to add and amend.
//
// `make test` runs short versions; `make torture` (TORTURE=full) runs the
// long ones and prints a summary (lines starting with "TORTURE"). The
// package has no code outside its tests.
package torture
