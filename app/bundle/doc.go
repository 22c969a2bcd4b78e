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
// chosen, chain.json (the journal's history, hashes only, redacted to the
// events about what the bundle holds), the history's RFC 3161 time-stamps,
// manifest.json, its minisign signature by the journal's signing key with
// minisign.pub, and SHA256SUMS. Nothing readable touches the disk and no
// evidence file is held whole in memory. The vault's chain then records an
// "exported" event with the manifest's SHA-256.
//
//	res, err := bundle.Export(ctx, bundle.JournalSource(j), bundle.ExportOptions{
//		Out: "temoin-2026-03-03.zip.age",
//		To:  []string{rep.Key},
//		Progress: func(p bundle.Progress) { fyne.Do(func() { bar.SetValue(...) }) },
//	})
//
// # Receiving
//
// Open (OpenFile) decrypts and checks a bundle: the archive's layout (no
// overlapping entries, bounded expansion, free space), the age layer, the
// ZIP, the file names (exactly those the writer makes), every hash of the
// manifest and of SHA256SUMS, the signature, the history
// (vault.VerifyRedactedChain), that incidents.json matches them, and the
// time-stamps. A bundle that fails is refused with a *CheckError naming the
// check; with an output folder, files are extracted into a temporary
// folder renamed at the end, registered so that CleanInterrupted removes
// it if a crash interrupts the opening. Receive keeps a checked bundle in
// the representative's vault as a read-only case, says whose key signed
// it (CheckSigner, against the registry of colleagues' keys) and compares
// its history with the earlier bundles of the same colleague
// (CheckContinuity). SynthesisCases gives the cases the synthesis may
// count; WriteSynthesis combines bundles into an anonymous statistical
// PDF for the F3SCT.
//
// Anyone holding the representative's public key can make a bundle: the
// signature, once the representative compared its key's fingerprint with
// the colleague, says whether the colleague's journal made it; the checks
// prove that it is whole and consistent, continuity that a later bundle
// does not rewrite what an earlier one showed, and time-stamps when its
// history existed. The format is described in docs/bundle-format.md.
package bundle
