package vault

import "fmt"

// What the checks made at every open can find. An *IntegrityError stops
// the open (unless Options.AcceptIntegrityLoss); a Warning does not, and
// is listed by Vault.Warnings. Each says what was found in a way the user
// interface can turn into a sentence with what to do.

// IntegrityKind names what an IntegrityError found.
type IntegrityKind int

const (
	// RecordsChanged: the database's keys and values no longer add up to
	// its authenticated state: records were removed (a table dropped from
	// Badger's MANIFEST, say), added or put back from an older copy outside
	// Témoin. Records says how many keys are missing (negative: extra).
	RecordsChanged IntegrityKind = iota + 1
	// StateMissing: the authenticated state itself is missing from a vault
	// of format 2 or later.
	StateMissing
	// HistoryCut: the database is consistent but older than the witness
	// kept outside it: its last changes are missing (the end of its log cut
	// off, or the folder put back from an older copy). Missing says how
	// many changes, Events how many chain events.
	HistoryCut
	// HistoryDiverged: the database has as many changes as the witness says
	// but not the same ones.
	HistoryDiverged
	// KeysRolledBack: this computer saw the vault's keys renewed, and the
	// folder holds the vault as it was before (an older copy put back).
	KeysRolledBack
)

// IntegrityError reports that the vault is not in a state it can vouch
// for. The data it holds is not lost: Options.AcceptIntegrityLoss opens it
// anyway (and records that in the history), or a backup can be restored.
type IntegrityError struct {
	Kind IntegrityKind
	// Records is, for RecordsChanged, the number of keys missing from the
	// database (negative: added).
	Records int64
	// Missing is, for HistoryCut, the number of changes missing; Events
	// the number of chain events missing (0 when unknown).
	Missing, Events uint64
	// Witness names what showed it: "database" (the state inside it),
	// "folder" (the file head), "config" (the copy in the user's
	// configuration folder), "backup", or "head" (a witness of format 1).
	Witness string
}

func (e *IntegrityError) Error() string {
	switch e.Kind {
	case RecordsChanged:
		if e.Records > 0 {
			return fmt.Sprintf("the vault's database lost %d record(s) outside Témoin (a table removed, or records put back from an older copy)", e.Records)
		}
		if e.Records < 0 {
			return fmt.Sprintf("the vault's database holds %d record(s) Témoin did not write", -e.Records)
		}
		return "the vault's database holds records changed outside Témoin"
	case StateMissing:
		return "the vault's database lost the record that authenticates it"
	case HistoryCut:
		return fmt.Sprintf("the vault is older than the last state this computer saw (%s): its last %d change(s) are missing", e.Witness, e.Missing)
	case HistoryDiverged:
		return fmt.Sprintf("the vault's history is not the one this computer saw (%s)", e.Witness)
	case KeysRolledBack:
		return fmt.Sprintf("the vault folder holds the vault as it was before its keys were renewed on this computer (%s)", e.Witness)
	}
	return "the vault's integrity cannot be vouched for"
}

// Code is a short stable description of what was found, for the
// history ("records_changed 3", "history_cut 5", "keys_rolled_back").
func (e *IntegrityError) Code() string {
	switch e.Kind {
	case RecordsChanged:
		return fmt.Sprintf("records_changed %d", e.Records)
	case StateMissing:
		return "state_missing"
	case HistoryCut:
		return fmt.Sprintf("history_cut %d", e.Missing)
	case HistoryDiverged:
		return "history_diverged"
	case KeysRolledBack:
		return "keys_rolled_back"
	}
	return "unknown"
}

// WarningKind names what a Warning found.
type WarningKind int

const (
	// WitnessMissing: no copy of the witness was found, neither in the vault
	// folder nor outside it: a vault put back from an older copy could not
	// be noticed this time. Both copies are written again.
	WitnessMissing WarningKind = iota + 1
	// WitnessCopyMissing: one of the two copies was missing (Where says
	// which); the other vouched for the vault, and the missing one is
	// written again.
	WitnessCopyMissing
	// WitnessUnreadable: a copy does not verify with the vault's key
	// (damaged, or written by someone without it); Where says which.
	WitnessUnreadable
	// IntegrityAccepted: the vault was opened despite an IntegrityError
	// (Err), because Options.AcceptIntegrityLoss asked for it; the history
	// records it with the event "integrity_loss_accepted".
	IntegrityAccepted
)

// Warning is something the checks at open found that does not stop the
// open but must be shown.
type Warning struct {
	Kind  WarningKind
	Where string          // "folder" or "config", for the witness kinds
	Err   *IntegrityError // for IntegrityAccepted
}

func (w Warning) String() string {
	switch w.Kind {
	case WitnessMissing:
		return "no witness of the vault's last state was found: a vault put back from an older copy could not be noticed"
	case WitnessCopyMissing:
		return "a copy of the vault's witness (" + w.Where + ") was missing; it was written again"
	case WitnessUnreadable:
		return "a copy of the vault's witness (" + w.Where + ") does not verify; it was written again"
	case IntegrityAccepted:
		return "opened despite: " + w.Err.Error()
	}
	return "warning"
}

// Warnings returns what the checks made when the vault was opened found
// that did not stop the open. Show them: a missing witness is not silence.
func (v *Vault) Warnings() []Warning {
	v.warnMu.Lock()
	defer v.warnMu.Unlock()
	return append([]Warning(nil), v.warnings...)
}

func (v *Vault) warn(w Warning) {
	v.warnMu.Lock()
	v.warnings = append(v.warnings, w)
	v.warnMu.Unlock()
}
