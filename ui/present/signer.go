package present

import (
	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
)

// SignerLines says who signed a bundle, as the representative's registry
// knows it: "signed by <name>", or a key to compare with the colleague
// (with its fingerprint and how to compare it), a changed key, no
// signature; then whether the representative accepted it anyway. The
// first line is the verdict, the others what to do.
func SignerLines(s bundle.SignerCheck) []string {
	var lines []string
	name := ""
	if s.Known != nil {
		name = s.Known.Name
	}
	switch s.Status {
	case bundle.SignerTrusted:
		lines = append(lines, i18n.X("bundle.signer.trusted", map[string]any{"Name": name}))
	case bundle.SignerNew:
		lines = append(lines, i18n.X("bundle.signer.new"))
	case bundle.SignerChanged:
		lines = append(lines, i18n.X("bundle.signer.changed", map[string]any{"Name": name}))
	default:
		lines = append(lines, i18n.X("bundle.signer.unsigned"))
	}
	if s.Signer != nil && s.Status != bundle.SignerTrusted {
		lines = append(lines, i18n.X("bundle.signer.fingerprint", map[string]any{"F": s.Signer.Fingerprint}))
	}
	if s.Status == bundle.SignerNew {
		lines = append(lines, i18n.X("bundle.signer.compare"))
	}
	if s.Accepted {
		lines = append(lines, i18n.X("bundle.signer.accepted"))
	}
	return lines
}

// SignerShort names a case's signer in a few words, for a list of cases.
func SignerShort(s bundle.SignerCheck) string {
	switch {
	case s.Status == bundle.SignerTrusted && s.Known != nil:
		return i18n.X("bundle.signer.trusted", map[string]any{"Name": s.Known.Name})
	case s.Accepted:
		return i18n.X("bundle.signer.accepted")
	case s.Status == bundle.SignerNew:
		return i18n.X("bundle.signer.short_new")
	case s.Status == bundle.SignerChanged:
		return i18n.X("bundle.signer.short_changed")
	}
	return i18n.X("bundle.signer.short_unsigned")
}

// TimestampLines says what each of a bundle's time-stamps attests, or
// that it has none.
func TimestampLines(ts []bundle.TimestampCheck) []string {
	if len(ts) == 0 {
		return []string{i18n.X("bundle.timestamp.none")}
	}
	var lines []string
	for _, t := range ts {
		line := i18n.X("bundle.timestamp.line", map[string]any{"Seq": t.Seq, "Date": i18n.DateTime(t.Time.Local()), "TSA": t.TSA})
		if !t.Trusted {
			line += " " + i18n.X("bundle.timestamp.untrusted")
		}
		lines = append(lines, line)
	}
	return lines
}

// TimestampDone says which authority time-stamped the history, and when.
func TimestampDone(ts *app.Timestamp) string {
	return i18n.X("timestamp.done", map[string]any{"TSA": ts.Authority, "Date": i18n.DateTime(ts.Time.Local())})
}
