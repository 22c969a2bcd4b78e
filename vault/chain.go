package vault

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// ChainEvent is one entry of the vault's append-only history. Each event
// holds the ID of the one before it, so changing or removing any past event
// changes every ID after it, and the head (the last ID) with them.
//
// ID is the hex SHA-256 of these lines, each followed by "\n":
//
//	temoin-chain-v1
//	<seq in decimal>
//	<time, RFC 3339 in UTC with nanoseconds, trailing zeros removed>
//	<type>
//	<subject>
//	<key>
//	<hash>
//	<prev>
//
// so that anyone can recompute it with a few lines of any language.
type ChainEvent struct {
	Seq     uint64    `json:"seq"`
	Time    time.Time `json:"time"`
	Type    string    `json:"type"`
	Subject string    `json:"subject,omitempty"`
	// Key is the record written (the event's Hash is then the SHA-256 of
	// its value), the record removed (no Hash), the prefix erased (ending
	// with "/", no Hash), or empty for an event that writes nothing.
	Key  string `json:"key,omitempty"`
	Hash string `json:"hash,omitempty"`
	Prev string `json:"prev"`
	ID   string `json:"id"`
}

// ChainHead names the last event: its sequence number and ID. The head of
// an empty chain has Seq 0 and the ID of 64 zeros.
type ChainHead struct {
	Seq uint64 `json:"seq"`
	ID  string `json:"id"`
}

// GenesisID is the Prev of the first event.
var GenesisID = strings.Repeat("0", 64)

func (e *ChainEvent) computeID() string {
	// The lines are written into one buffer, on the stack for an event
	// of usual size (an import computes ten thousand of them).
	var buf [512]byte
	b := append(buf[:0], "temoin-chain-v1\n"...)
	b = append(strconv.AppendUint(b, e.Seq, 10), '\n')
	b = append(e.Time.UTC().AppendFormat(b, time.RFC3339Nano), '\n')
	for _, line := range [...]string{e.Type, e.Subject, e.Key, e.Hash, e.Prev} {
		b = append(append(b, line...), '\n')
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Valid reports whether the event's ID matches its content.
func (e *ChainEvent) Valid() bool { return e.ID == e.computeID() }

func chainKey(seq uint64) string { return fmt.Sprintf("%s%016x", spaceChain, seq) }

func (v *Vault) readHead(txn *badger.Txn) (ChainHead, error) {
	data, err := v.getSealed(txn, keyChainHead)
	if errors.Is(err, ErrNoRecord) {
		return ChainHead{ID: GenesisID}, nil
	}
	if err != nil {
		return ChainHead{}, err
	}
	var h ChainHead
	if err := json.Unmarshal(data, &h); err != nil {
		return ChainHead{}, corrupt("chain head", err)
	}
	return h, nil
}

// Head returns the current head of the chain: print it in reports and
// bundles, so that later ones can be shown to extend earlier ones.
func (v *Vault) Head() (ChainHead, error) {
	var h ChainHead
	err := v.View(func(r *Reader) error {
		var err error
		h, err = v.readHead(r.txn)
		return err
	})
	return h, err
}

// Events visits the chain from the first event to the last. A damaged
// event stops the visit with a *CorruptError.
func (r *Reader) Events(fn func(e *ChainEvent) error) error {
	err := r.scanBadger(spaceChain, func(bkey string, value Value) error {
		data, err := value()
		if err != nil {
			return err
		}
		var e ChainEvent
		if err := json.Unmarshal(data, &e); err != nil {
			return corrupt("chain event "+bkey, err)
		}
		return fn(&e)
	})
	if errors.Is(err, ErrStop) {
		return nil
	}
	return err
}

// Events returns the whole chain, oldest first.
func (v *Vault) Events() ([]ChainEvent, error) {
	var events []ChainEvent
	err := v.View(func(r *Reader) error {
		return r.Events(func(e *ChainEvent) error {
			events = append(events, *e)
			return nil
		})
	})
	return events, err
}

// VerifyChain checks a sequence of events, oldest first, against each other
// and against the expected head: sequence numbers without gaps, each ID
// matching its content, each Prev naming the event before. It is used by
// the vault's Verify and by readers of exported bundles.
func VerifyChain(events []ChainEvent, head ChainHead) error {
	return VerifyRedactedChain(events, nil, head)
}

// VerifyRedactedChain is VerifyChain for a history some of whose events
// are given by their place only (Seq, Prev and ID: a bundle carries in
// full only the events about what it holds). The events for which
// redacted(i) is true have no content to recompute their ID from; every
// other check holds for them: the sequence, each Prev naming the event
// before, the head. redacted may be nil.
func VerifyRedactedChain(events []ChainEvent, redacted func(i int) bool, head ChainHead) error {
	prev := GenesisID
	for i := range events {
		e := &events[i]
		if e.Seq != uint64(i)+1 {
			return fmt.Errorf("chain event %d is missing (found %d in its place)", i+1, e.Seq)
		}
		if redacted != nil && redacted(i) {
			if !isHexID(e.ID) {
				return fmt.Errorf("chain event %d has an invalid id", e.Seq)
			}
		} else if !e.Valid() {
			return fmt.Errorf("chain event %d was altered (its content no longer matches its hash)", e.Seq)
		}
		if e.Prev != prev {
			return fmt.Errorf("chain event %d does not follow event %d", e.Seq, e.Seq-1)
		}
		prev = e.ID
	}
	if head.Seq != uint64(len(events)) || head.ID != prev {
		return fmt.Errorf("chain head (event %d) does not match the last event (%d)", head.Seq, len(events))
	}
	return nil
}

// isHexID reports whether s is a lower-case hex SHA-256.
func isHexID(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}
