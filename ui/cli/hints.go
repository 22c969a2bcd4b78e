package cli

import (
	"errors"
	"os"
	"regexp"
	"strings"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// hint is what the command line adds to the sentence both faces say
// about err: the flag or the command that does what the sentence says
// ("" when the sentence says all). The desktop application has buttons
// for them.
func hint(err error) string {
	var hc *app.HeaderChangedError
	var ie *app.IntegrityError
	var ce *app.CorruptError
	var fe *app.FieldError
	switch {
	case errors.As(err, &hc) && !hc.CopyOpens:
		return i18n.X("cli.hint.repair_header_backup")
	case errors.As(err, &hc), errors.Is(err, app.ErrHeaderChanged):
		return i18n.X("cli.hint.repair_header")
	case errors.As(err, &ie):
		return i18n.X("cli.hint.repair_accept")
	case present.Places(err).Backup != "" && errors.Is(err, app.ErrWrongPassphrase):
		return i18n.X("cli.hint.recovery_code")
	case errors.Is(err, app.ErrVaultNotFound):
		return i18n.X("cli.hint.init")
	case errors.As(err, &ce), errors.Is(err, app.ErrNoBlob), errors.Is(err, app.ErrNoRecord):
		return i18n.X("cli.hint.verify")
	case errors.Is(err, app.ErrBackupExists), errors.Is(err, bundle.ErrExists), errors.Is(err, os.ErrExist):
		return i18n.X("cli.hint.force")
	case errors.Is(err, app.ErrNoIdentity):
		return i18n.X("cli.hint.identity")
	case errors.Is(err, app.ErrNoRepresentative):
		return i18n.X("cli.hint.reps_list")
	case errors.Is(err, app.ErrNoPerson):
		return i18n.X("cli.hint.people_list")
	case errors.Is(err, report.ErrNoIncident):
		return i18n.X("cli.hint.list")
	case errors.Is(err, report.ErrNoIncidentChosen):
		return i18n.X("cli.hint.incident")
	case errors.Is(err, bundle.ErrNoRecipient):
		return i18n.X("cli.hint.recipient")
	case errors.As(err, &fe) && fe.Problem == app.FieldUnknownCode:
		if list := codeList(fe.Field); list != "" {
			return i18n.X("cli.hint.codes", map[string]any{"Codes": strings.Join(app.CodeLists[list], ", ")})
		}
	}
	return ""
}

// codeFields are the fields that hold codes, and their lists.
var codeFields = map[string]string{"kinds": "kind", "channels": "channel", "setting": "setting",
	"perpetrator": "perpetrator", "diffusion": "diffusion", "kind": "action", "status": "action_status"}

var fieldTail = regexp.MustCompile(`[a-z_]+$`)

// codeList is the list of codes a field holds ("" for a field of text).
func codeList(field string) string {
	return codeFields[fieldTail.FindString(field)]
}
