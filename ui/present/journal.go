package present

import (
	"errors"
	"regexp"
	"strconv"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// sayJournal says what the journal's services refuse.
func sayJournal(err error, _ Where) (string, bool) {
	var dup *app.DuplicateError
	if errors.As(err, &dup) {
		return Duplicate(dup), true
	}
	var ide *app.IDError
	id := ""
	if errors.As(err, &ide) {
		id = ide.ID
	}
	switch {
	case errors.Is(err, app.ErrNotFound):
		return i18n.X("error.incident_not_found", map[string]any{"ID": id}), true
	case errors.Is(err, app.ErrAmbiguous):
		return i18n.X("error.ambiguous", map[string]any{"ID": id}), true
	case errors.Is(err, app.ErrNoEvidence):
		return i18n.X("error.evidence_not_found", map[string]any{"ID": id}), true
	case errors.Is(err, app.ErrUnchanged):
		return i18n.X("error.unchanged"), true
	case errors.Is(err, app.ErrStale):
		return i18n.X("error.stale"), true
	case errors.Is(err, app.ErrLinkNotFile):
		return i18n.X("error.link_not_file"), true
	case errors.Is(err, app.ErrNoCase):
		return i18n.X("error.no_case"), true
	case errors.Is(err, app.ErrNoIdentity):
		return i18n.X("error.no_identity"), true
	case errors.Is(err, app.ErrInvalidKey):
		return i18n.X("error.invalid_key"), true
	case errors.Is(err, app.ErrNoRepresentative):
		return i18n.X("error.no_representative"), true
	case errors.Is(err, app.ErrNoPerson):
		return i18n.X("error.no_person"), true
	case errors.Is(err, app.ErrPassphraseTooShort):
		return PassphraseTooShort(), true
	}
	return "", false
}

// Duplicate says that a file is already in the journal, and where: its
// name and the day of its incident.
func Duplicate(dup *app.DuplicateError) string {
	return i18n.X("error.duplicate_evidence", map[string]any{"Name": dup.Existing.Name,
		"Date": i18n.Date(dup.OccurredAt.Local()), "ID": dup.IncidentID})
}

// PassphraseTooShort is the one sentence about a passphrase too short to
// be chosen.
func PassphraseTooShort() string {
	return i18n.X("error.passphrase_too_short", map[string]any{"N": app.MinPassphraseLength})
}

// sayField says what is wrong with a field of an incident, the profile,
// a person or a representative.
func sayField(err error, _ Where) (string, bool) {
	var fe *app.FieldError
	if !errors.As(err, &fe) {
		return "", false
	}
	return Field(fe), true
}

// indexed finds the list and the position in a field's name:
// "actions[2].answer_date".
var indexed = regexp.MustCompile(`^([a-z_]+)\[(\d+)\]`)

// FieldLabel names a field as the screens label it: "Démarches (n° 3)".
func FieldLabel(field string) string {
	if m := indexed.FindStringSubmatch(field); m != nil {
		n, _ := strconv.Atoi(m[2])
		return i18n.X("error.field.nth", map[string]any{"Field": i18n.X("field." + m[1]), "N": n + 1})
	}
	for _, key := range []string{"field." + field, "report.profile." + field, "gui.share.people." + field} {
		if i18n.Language().Has(key) {
			return i18n.X(key)
		}
	}
	return field
}

// Field says what is wrong with a field and what to do.
func Field(fe *app.FieldError) string {
	data := map[string]any{"Field": FieldLabel(fe.Field), "Value": fe.Value}
	if n, err := strconv.Atoi(fe.Value); err == nil && fe.Problem == app.FieldTooLong {
		data["Value"] = i18n.Language().Num(n)
	}
	switch fe.Problem {
	case app.FieldMissing:
		switch {
		case fe.Field == "occurred_at":
			return i18n.X("error.field.date_missing", data)
		case fe.Field == "description":
			return i18n.X("error.field.description_missing", data)
		case indexed.MatchString(fe.Field):
			return i18n.X("error.field.witness_empty", data)
		}
		return i18n.X("error.field.missing", data)
	case app.FieldImplausible:
		return i18n.X("error.field.implausible", data)
	case app.FieldOrder:
		if fe.Field == "ended_at" {
			return i18n.X("error.field.end_before_start", data)
		}
		return i18n.X("error.field.answer_before", data)
	case app.FieldUnknownCode:
		return i18n.X("error.field.unknown_code", data)
	case app.FieldDuplicate:
		return i18n.X("error.field.duplicate", data)
	case app.FieldOutOfRange:
		return i18n.X("error.field.out_of_range", data)
	case app.FieldTooMany:
		return i18n.X("error.field.too_many", data)
	case app.FieldTooLong:
		return i18n.X("error.field.too_long", data)
	case app.FieldNotText:
		return i18n.X("error.field.not_text", data)
	case app.FieldOneLine:
		return i18n.X("error.field.one_line", data)
	case app.FieldSame:
		return i18n.X("error.field.same", data)
	case app.FieldSelfLink:
		return i18n.X("error.field.self_link", data)
	case app.FieldUnknownLink:
		return i18n.X("error.field.unknown_link", data)
	}
	return i18n.X("error.field.invalid", data)
}
