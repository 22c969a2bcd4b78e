package present

import (
	"errors"
	"strings"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
)

// sayBundle says what exporting, opening and receiving a bundle can meet,
// and what signing and time-stamping them can.
func sayBundle(err error, w Where) (string, bool) {
	var ce *bundle.CheckError
	var ns *bundle.NoSpaceError
	switch {
	case errors.As(err, &ns):
		return i18n.X("bundle.error.no_space", map[string]any{"Need": i18n.Size(ns.Need), "Free": i18n.Size(ns.Free)}), true
	case errors.Is(err, bundle.ErrNoSpace):
		return i18n.X("bundle.error.no_space_unknown"), true
	case errors.Is(err, app.ErrNoSigner):
		return i18n.X("bundle.error.no_signer"), true
	case errors.Is(err, app.ErrInvalidSigner):
		return i18n.X("bundle.error.invalid_signer"), true
	case errors.Is(err, app.ErrSignerName):
		return i18n.X("bundle.error.signer_name"), true
	case errors.Is(err, app.ErrColleagueNote):
		return i18n.X("bundle.error.colleague_note"), true
	case errors.Is(err, app.ErrNoColleagueNote):
		return i18n.X("bundle.error.no_colleague_note"), true
	case errors.Is(err, app.ErrNoAuthorityReached):
		return i18n.X("timestamp.error.unreachable"), true
	case errors.Is(err, app.ErrInvalidAuthority):
		return i18n.X("timestamp.error.invalid_authority"), true
	case errors.Is(err, app.ErrNothingToStamp):
		return i18n.X("timestamp.error.nothing"), true
	case errors.Is(err, bundle.ErrWrongKey):
		return i18n.X("bundle.error.wrong_key"), true
	case errors.Is(err, bundle.ErrUnsupportedVersion):
		return i18n.X("bundle.error.version"), true
	case errors.Is(err, bundle.ErrZipBomb):
		return i18n.X("bundle.error.zip_bomb"), true
	case errors.As(err, &ce):
		name := ""
		if ce.Name != "" {
			name = " (" + ce.Name + ")"
		}
		return i18n.X("bundle.error.check", map[string]any{"Check": i18n.X("bundle.check." + string(ce.Check)), "Name": name}), true
	case errors.Is(err, bundle.ErrOutExists):
		return i18n.X("bundle.error.out_exists"), true
	case errors.Is(err, bundle.ErrExists):
		return fileExists(w.File), true
	case errors.Is(err, bundle.ErrVaultPassphrase):
		return i18n.X("bundle.error.vault_passphrase"), true
	case errors.Is(err, bundle.ErrPassphraseAndKeys):
		return i18n.X("bundle.error.passphrase_and_keys"), true
	case errors.Is(err, bundle.ErrNoRecipient):
		return i18n.X("error.no_recipient"), true
	case errors.Is(err, bundle.ErrAlreadyReceived):
		return i18n.X("bundle.error.already_received"), true
	}
	return "", false
}

// sayReport says what making a document can meet.
func sayReport(err error, _ Where) (string, bool) {
	var none *report.NoLetterError
	switch {
	case errors.As(err, &none):
		return report.LetterNote(i18n.Language(), none.Choice), true
	case errors.Is(err, report.ErrNoLetter):
		return i18n.X("report.letter.none"), true
	case errors.Is(err, report.ErrNoIncident):
		return i18n.X("error.no_incident"), true
	case errors.Is(err, report.ErrNoIncidentChosen):
		return i18n.X("error.no_incident_chosen"), true
	case errors.Is(err, report.ErrNoPreview):
		return i18n.X("error.no_preview"), true
	}
	return "", false
}

// Continuity says in full how a bundle received continues the earlier
// ones of the same colleague.
func Continuity(c bundle.Continuity) string {
	var s string
	data := continuityData(c)
	switch c.Verdict {
	case bundle.VerdictSame:
		s = i18n.X("bundle.continuity.same", data)
	case bundle.VerdictExtends:
		s = i18n.X("bundle.continuity.extends", data)
	case bundle.VerdictOlder:
		s = i18n.X("bundle.continuity.older", data)
	case bundle.VerdictDiverged:
		s = i18n.X("bundle.continuity.diverged", data)
	default:
		s = i18n.X("bundle.continuity.first")
	}
	if c.ExportRecorded {
		s += " " + i18n.X("bundle.continuity.recorded")
	}
	return s
}

// ContinuityShort says it in a line, for a list of bundles. when says
// when the earlier bundle was made ("": to the minute; a list that holds
// two bundles of the same minute says it to the second).
func ContinuityShort(c bundle.Continuity, when string) string {
	data := continuityData(c)
	if when != "" {
		data["Date"] = when
	}
	switch c.Verdict {
	case bundle.VerdictSame:
		return i18n.X("gui.share.verdict.same", data)
	case bundle.VerdictExtends:
		return i18n.X("gui.share.verdict.extends", data)
	case bundle.VerdictOlder:
		return i18n.X("gui.share.verdict.older", data)
	case bundle.VerdictDiverged:
		return i18n.X("gui.share.verdict.diverged", data)
	}
	return i18n.X("gui.share.verdict.first")
}

func continuityData(c bundle.Continuity) map[string]any {
	var when string
	if c.Against != nil {
		when = i18n.DateTime(c.Against.ExportedAt.Local()) // two bundles may come the same day
	}
	return map[string]any{"Date": when, "Seq": c.FirstDifference}
}

// ReportWarning says what the person may want to fix in a document made.
func ReportWarning(w report.Warning) string {
	switch w.Kind {
	case report.WarnNoProfile:
		return i18n.X("report.warn.no_profile")
	case report.WarnNoPeople:
		return i18n.X("report.warn.no_people")
	case report.WarnThumbnail:
		return i18n.X("report.warn.thumbnail", map[string]any{"ID": w.Evidence})
	}
	return ""
}

// Counts says how many incidents and evidence files: "3 incidents · 1
// preuve".
func Counts(incidents, evidence int) string {
	return i18n.N("count.incidents", incidents) + " · " + i18n.N("count.evidence_files", evidence)
}

// MailLimit is the size above which a bundle is too big for most e-mail
// services (about 20 MB once encoded for sending).
const MailLimit = 20_000_000

// BundleTooBig warns, after a bundle is written, when it is too big to be
// sent by e-mail ("" when it is not).
func BundleTooBig(size int64) string {
	if size <= MailLimit {
		return ""
	}
	return i18n.X("bundle.too_big_for_mail", map[string]any{"Size": i18n.Size(size)})
}

// Changes says what a case brings since the colleague's previous one
// ("" when there is none). when says when the previous one was made
// ("": to the minute; a list that holds two bundles of the same minute
// says it to the second).
func Changes(c bundle.Changes, when string) string {
	if c.Previous == nil {
		return ""
	}
	date := when
	if date == "" {
		date = i18n.DateTime(c.Previous.Summary.Manifest.ExportedAt.Local())
	}
	if !c.Any() {
		return i18n.X("bundle.changes.none", map[string]any{"Date": date})
	}
	var parts []string
	for _, p := range []struct {
		key string
		n   int
	}{{"bundle.changes.new_incidents", len(c.New)}, {"bundle.changes.amended", len(c.Amended)}, {"bundle.changes.new_evidence", c.NewEvidence}} {
		if p.n > 0 {
			parts = append(parts, i18n.N(p.key, p.n))
		}
	}
	return i18n.X("bundle.changes.since", map[string]any{"Date": date, "What": strings.Join(parts, ", ")})
}

// NoteWhen says when a representative's note on a colleague was written,
// and changed.
func NoteWhen(n app.ColleagueNote) string {
	when := i18n.X("gui.share.rep.note_written", map[string]any{"Date": i18n.DateTime(n.Written.Local())})
	if !n.EditedAt.IsZero() {
		when += " · " + i18n.X("gui.share.rep.note_edited", map[string]any{"Date": i18n.DateTime(n.EditedAt.Local())})
	}
	return when
}
