package vault

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
)

// The head witness: a copy of the chain's head kept outside the database,
// in the file "head", rewritten after every change to the chain. The head
// inside Badger is what the chain must end with; the witness is what this
// computer last saw it end with. If the database loses its last
// transactions (the end of its log cut by damage), the records and the
// chain events go together and the chain still holds: only the witness
// shows that the history is shorter than it was, and Verify says so.
//
// The witness is written without waiting for the disk: after a power cut
// it may lag behind the database (which is harmless), never run ahead of
// what was committed. It carries an HMAC under a key derived from the
// master key, so damage to it is told from a real loss. It cannot stop
// someone who holds the vault's files from putting back an older copy of
// both: that needs a copy kept elsewhere (a backup, a bundle sent).

const (
	witnessName  = "head"
	labelWitness = "temoin/v1/head-witness"
)

type headWitness struct {
	ChainHead
	MAC []byte `json:"mac"`
}

func (v *Vault) witnessMAC(h ChainHead) []byte {
	k := deriveKey(v.master, v.header.ID, labelWitness)
	defer clear(k)
	m := hmac.New(sha256.New, k)
	m.Write([]byte(strconv.FormatUint(h.Seq, 10) + "\n" + h.ID))
	return m.Sum(nil)
}

// writeWitness records the head just committed. v.mu is held for reading
// and v.writeMu for writing. Errors are ignored: the witness is a check,
// not a copy, and the write it follows is already durable.
func (v *Vault) writeWitness(h ChainHead) {
	data, err := json.Marshal(&headWitness{ChainHead: h, MAC: v.witnessMAC(h)})
	if err != nil {
		return
	}
	name := filepath.Join(v.dir, witnessName)
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, filePerm); err != nil {
		return
	}
	os.Rename(tmp, name)
}

// checkWitness compares the witness with the chain read by Verify.
func (v *Vault) checkWitness(events []ChainEvent, add func(string, string, ...any), note func(string)) {
	data, err := os.ReadFile(filepath.Join(v.dir, witnessName))
	if os.IsNotExist(err) {
		return // a vault never changed, or just restored
	}
	var w headWitness
	if err == nil {
		err = json.Unmarshal(data, &w)
	}
	if err != nil || !hmac.Equal(w.MAC, v.witnessMAC(w.ChainHead)) {
		note("the file \"head\" (a copy of the history's end, kept as a check) is unreadable; it will be rewritten at the next change")
		return
	}
	switch {
	case w.Seq > uint64(len(events)):
		add("chain", "the history ends at event %d, but this computer had recorded up to event %d: the last %d change(s) are missing from the database",
			len(events), w.Seq, w.Seq-uint64(len(events)))
	case w.Seq > 0 && events[w.Seq-1].ID != w.ID:
		add("chain", "event %d is not the one this computer recorded: the history was rewritten", w.Seq)
	}
}
