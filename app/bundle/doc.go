// Package bundle is the encrypted bundle a colleague sends to a staff
// representative, and the representative's side: open, verify, keep,
// compare, combine.
//
// # Sending
//
// Export writes one file, temoin-AAAA-MM-JJ.zip.age: a ZIP written straight
// into an age encryption (to the representatives' X25519 public keys, or to
// a passphrase), straight into the output file. Inside: LISEZ-MOI.txt,
// rapport.pdf, incidents.json (pseudonymised like the report), the evidence
// chosen, chain.json (the journal's history, hashes only), manifest.json
// and SHA256SUMS. Nothing readable touches the disk and no evidence file is
// held whole in memory. The vault's chain then records an "exported" event
// with the recipients' public keys and the manifest's SHA-256.
//
//	res, err := bundle.Export(ctx, bundle.JournalSource(j), bundle.ExportOptions{
//		Out: "temoin-2026-03-03.zip.age",
//		To:  []string{rep.Key},
//		Progress: func(p bundle.Progress) { fyne.Do(func() { bar.SetValue(...) }) },
//	})
//
// # Receiving
//
// Open (OpenFile) decrypts and checks a bundle: the age layer,
// the ZIP, the file names, every hash of the manifest and of SHA256SUMS,
// the history (vault.VerifyChain) and that incidents.json matches them. A
// bundle that fails is refused with a *CheckError naming the check; with
// an output folder, files are extracted into a temporary folder renamed at
// the end, so nothing half-written is ever left. Receive keeps a checked
// bundle in the representative's vault as a read-only case and compares
// its history with the earlier bundles of the same colleague
// (CheckContinuity). WriteSynthesis combines bundles into an anonymous
// statistical PDF for the F3SCT.
//
// Anyone holding the representative's public key can make a bundle: the
// checks prove that a bundle is whole and consistent, and continuity
// proves that a later bundle does not rewrite what an earlier one showed.
// The format is described in docs/bundle-format.md.
package bundle
