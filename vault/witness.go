package vault

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
)

// The witness: the vault's last authenticated state (its change counter
// n, the multiset hash of its keys, the chain's head) kept outside the
// database, with an HMAC under a key derived from the master key, in two
// copies rewritten after every change:
//
//   - the file "head" in the vault folder;
//   - a file in the user's configuration folder (Options.WitnessDir),
//     named after the vault's id and folder, which also keeps a copy of
//     the header (see headercopy.go).
//
// The state inside the database says what the database must hold; the
// witness says how far this computer saw it go. A database cut back to an
// older state (the end of its log cut off, or the whole folder put back
// from a copy) is consistent with itself, but its n is lower than the
// witness's: the open stops with an IntegrityError of kind HistoryCut.
// Putting back the folder with its own "head" is noticed through the copy
// outside it; deleting "head" too is noticed the same way; deleting both
// copies is a loud Warning (WitnessMissing), never silence. Backups carry
// the state they hold (BackupInfo.State) and Vault.CompareBackup compares
// it with the vault's.
//
// The witness is written without waiting for the disk, after the change
// is durable: after a power cut it may lag behind the database (a higher
// n in the database is accepted), never run ahead of it.

const (
	witnessName     = "head"
	witnessFormat   = "temoin-witness-2"
	labelWitnessV2  = "temoin/v2/witness"
	labelWitnessV1  = "temoin/v1/head-witness" // format 1: the chain head only
	witnessDirName  = "witness"
	witnessSubdir   = "temoin"
	maxWitnessBytes = 1 << 20
)

// witnessEntry is one authenticated state. A file holds more than one
// only while the keys are renewed: one under the old key, one under the
// new, so that a crash at any moment leaves an entry the vault can check.
type witnessEntry struct {
	N     uint64    `json:"n"`
	Count uint64    `json:"count"`
	Sum   string    `json:"sum"`
	Head  ChainHead `json:"head"`
	MAC   []byte    `json:"mac"`
}

type witnessFile struct {
	Format  string            `json:"format"`
	VaultID string            `json:"vault_id"`
	Entries []witnessEntry    `json:"entries"`
	Headers []json.RawMessage `json:"headers,omitempty"` // the configuration folder's copy only
}

func witnessMAC(master []byte, vaultID string, e witnessEntry) []byte {
	k := deriveKey(master, vaultID, labelWitnessV2)
	defer clear(k)
	m := hmac.New(sha256.New, k)
	for _, line := range []string{witnessFormat, vaultID, strconv.FormatUint(e.N, 10), strconv.FormatUint(e.Count, 10), e.Sum,
		strconv.FormatUint(e.Head.Seq, 10), e.Head.ID} {
		m.Write([]byte(line + "\n"))
	}
	return m.Sum(nil)
}

// newWitnessEntry makes the entry of a state under master.
func newWitnessEntry(master []byte, vaultID string, s vaultState, head ChainHead) witnessEntry {
	e := witnessEntry{N: s.N, Count: s.Count, Sum: hex.EncodeToString(s.Sum[:]), Head: head}
	e.MAC = witnessMAC(master, vaultID, e)
	return e
}

func (e witnessEntry) state() vaultState {
	s := vaultState{N: e.N, Count: e.Count}
	sum, _ := hex.DecodeString(e.Sum)
	copy(s.Sum[:], sum)
	return s
}

// defaultWitnessDir is the folder of the copies outside the vault.
func defaultWitnessDir() string {
	d, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, witnessSubdir, witnessDirName)
}

// configWitnessPath names the copy outside the vault folder: by vault id
// and by folder, so that two copies of one vault in two folders do not
// take each other for a rollback.
func configWitnessPath(witnessDir, vaultDir, vaultID string) string {
	if witnessDir == "" {
		return ""
	}
	abs, err := filepath.Abs(vaultDir)
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(witnessDir, vaultID+"-"+hex.EncodeToString(sum[:8])+".json")
}

// readWitnessFile reads a witness file; a missing file is nil, nil.
func readWitnessFile(path, vaultID string) (*witnessFile, error) {
	if path == "" {
		return nil, nil
	}
	data, err := readFileLimited(path, maxWitnessBytes)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var w witnessFile
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, err
	}
	if w.Format != witnessFormat || w.VaultID != vaultID {
		return nil, errors.New("not a witness of this vault")
	}
	return &w, nil
}

// valid returns the entries that verify under master.
func (w *witnessFile) valid(master []byte) []witnessEntry {
	var out []witnessEntry
	for _, e := range w.Entries {
		if hmac.Equal(e.MAC, witnessMAC(master, w.VaultID, e)) {
			out = append(out, e)
		}
	}
	return out
}

// holdsHeader reports whether the file keeps a copy of header (the same
// JSON, whatever its spacing: copies are kept compact).
func (w *witnessFile) holdsHeader(header []byte) bool {
	var want bytes.Buffer
	if json.Compact(&want, header) != nil {
		return false
	}
	for _, h := range w.Headers {
		var got bytes.Buffer
		if json.Compact(&got, h) == nil && bytes.Equal(got.Bytes(), want.Bytes()) {
			return true
		}
	}
	return false
}

// writeWitnessFile replaces a witness file, without waiting for the disk.
// Errors are ignored: the witness is a check, not a copy, and the change
// it follows is already durable.
func writeWitnessFile(path string, w *witnessFile) {
	if path == "" {
		return
	}
	data, err := json.Marshal(w)
	if err != nil {
		return
	}
	os.MkdirAll(filepath.Dir(path), dirPerm)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, filePerm); err != nil {
		return
	}
	os.Rename(tmp, path)
}

// writeWitnesses writes both copies of the witness with the given
// entries, and the header copies into the one outside the folder. v.mu is
// held, for reading at least, and v.writeMu.
func (v *Vault) writeWitnesses(entries []witnessEntry) {
	w := &witnessFile{Format: witnessFormat, VaultID: v.header.ID, Entries: entries}
	writeWitnessFile(filepath.Join(v.dir, witnessName), w)
	if v.configWitness == "" {
		return
	}
	c := *w
	for _, h := range v.headerCopies {
		c.Headers = append(c.Headers, json.RawMessage(h))
	}
	writeWitnessFile(v.configWitness, &c)
}

// witnessState records a committed state in both copies.
func (v *Vault) witnessState(s vaultState, head ChainHead) {
	v.writeWitnesses([]witnessEntry{newWitnessEntry(v.master, v.header.ID, s, head)})
}

// compareWitnesses compares the database's state s (and chain head) with
// the two copies of the witness. It returns an *IntegrityError when the
// database is older than, or not the one, the witness saw, and a Warning
// for each missing or unreadable copy.
func (v *Vault) compareWitnesses(s vaultState, head ChainHead, currentHeader []byte) (*IntegrityError, []Warning) {
	var warnings []Warning
	var best *witnessEntry
	var where string
	present := 0
	for _, c := range []struct{ where, path string }{{"folder", filepath.Join(v.dir, witnessName)}, {"config", v.configWitness}} {
		if c.path == "" {
			continue
		}
		w, err := readWitnessFile(c.path, v.header.ID)
		if w == nil && err == nil {
			warnings = append(warnings, Warning{Kind: WitnessCopyMissing, Where: c.where})
			continue
		}
		present++
		var valid []witnessEntry
		if err == nil {
			valid = w.valid(v.master)
		}
		if len(valid) == 0 {
			if err == nil && c.where == "config" && len(w.Entries) > 0 && !w.holdsHeader(currentHeader) {
				// Entries under another key, and a header copy that is
				// not this one: the keys were renewed after this folder.
				return &IntegrityError{Kind: KeysRolledBack, Witness: c.where}, warnings
			}
			warnings = append(warnings, Warning{Kind: WitnessUnreadable, Where: c.where})
			continue
		}
		for i := range valid {
			if best == nil || valid[i].N > best.N {
				best, where = &valid[i], c.where
			}
		}
	}
	if present == 0 {
		warnings = []Warning{{Kind: WitnessMissing}}
	}
	if best == nil {
		return nil, warnings
	}
	switch ws := best.state(); {
	case s.N < ws.N:
		e := &IntegrityError{Kind: HistoryCut, Missing: ws.N - s.N, Witness: where}
		if best.Head.Seq > head.Seq {
			e.Events = best.Head.Seq - head.Seq
		}
		return e, warnings
	case s.N == ws.N && (!s.sameContent(ws) || best.Head != head):
		return &IntegrityError{Kind: HistoryDiverged, Witness: where}, warnings
	}
	return nil, warnings
}

// headWitnessV1 is the witness of format 1: the chain head only.
type headWitnessV1 struct {
	ChainHead
	MAC []byte `json:"mac"`
}

// checkWitnessV1 compares the chain with a witness of format 1, when a
// vault of format 1 is opened for the first time: a history cut before the
// upgrade is noticed too.
func (v *Vault) checkWitnessV1(events []ChainEvent) *IntegrityError {
	data, err := readFileLimited(filepath.Join(v.dir, witnessName), maxWitnessBytes)
	if os.IsNotExist(err) {
		if len(events) > 0 {
			v.warn(Warning{Kind: WitnessMissing})
		}
		return nil
	}
	var w headWitnessV1
	if err == nil {
		err = json.Unmarshal(data, &w)
	}
	k := deriveKey(v.master, v.header.ID, labelWitnessV1)
	defer clear(k)
	m := hmac.New(sha256.New, k)
	m.Write([]byte(strconv.FormatUint(w.Seq, 10) + "\n" + w.ID))
	if err != nil || !hmac.Equal(w.MAC, m.Sum(nil)) {
		v.warn(Warning{Kind: WitnessUnreadable, Where: "folder"})
		return nil
	}
	switch {
	case w.Seq > uint64(len(events)):
		n := w.Seq - uint64(len(events))
		return &IntegrityError{Kind: HistoryCut, Missing: n, Events: n, Witness: "head"}
	case w.Seq > 0 && events[w.Seq-1].ID != w.ID:
		return &IntegrityError{Kind: HistoryDiverged, Witness: "head"}
	}
	return nil
}

// readFileLimited reads a small file, refusing one larger than limit.
func readFileLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() > limit {
		return nil, errors.New("file too large")
	}
	var b bytes.Buffer
	_, err = b.ReadFrom(f)
	return b.Bytes(), err
}
