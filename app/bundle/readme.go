package bundle

import (
	"strings"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// readme returns LISEZ-MOI.txt: what the bundle is and how to open and
// check it, with or without Témoin, in French then in English (whoever
// receives it may read either), whatever the report's language.
func readme(m *Manifest, incidents, evidence int) []byte {
	passphrase := len(m.EncryptedTo) == 1 && m.EncryptedTo[0] == "passphrase"
	var b strings.Builder
	for i, l := range i18n.Languages {
		if i > 0 {
			b.WriteString("\n")
		}
		data := map[string]any{
			"Date":        m.ExportedAt.UTC().Format("2006-01-02 15:04 UTC"),
			"Incidents":   l.N("count.incidents", incidents),
			"Evidence":    l.N("bundle.readme.evidence", evidence),
			"Names":       l.X(choose(m.Pseudonymised, "bundle.readme.names_pseudonyms", "bundle.readme.names_kept")),
			"Health":      l.X(choose(m.HealthIncluded, "bundle.readme.health_yes", "bundle.readme.health_no")),
			"Decrypt":     l.X(choose(passphrase, "bundle.readme.decrypt_passphrase", "bundle.readme.decrypt_key")),
			"Seq":         m.ChainHead.Seq,
			"Head":        m.ChainHead.ID,
			"Fingerprint": "",
			"Timestamps":  readmeTimestamps(l, m.Timestamps),
		}
		if m.Signer != nil {
			data["Fingerprint"] = app.SignerFingerprint(m.Signer.PublicKey)
		}
		b.WriteString(l.X("bundle.readme", data))
	}
	return []byte(strings.ReplaceAll(b.String(), "\n", "\r\n"))
}

// readmeTimestamps is the README's section on the bundle's time-stamps:
// one line each, and the openssl command that checks the first one.
func readmeTimestamps(l i18n.Lang, ts []TimestampEntry) string {
	if len(ts) == 0 {
		return ""
	}
	var lines []string
	for _, t := range ts {
		lines = append(lines, "  "+l.X("bundle.readme.timestamp_line", map[string]any{
			"Path": t.Path, "Seq": t.Seq, "Date": t.Time.UTC().Format("2006-01-02 15:04 UTC"), "TSA": t.TSA}))
	}
	return l.X("bundle.readme.timestamps", map[string]any{
		"List":    strings.Join(lines, "\n"),
		"Command": "  " + l.X("bundle.readme.timestamp_command", map[string]any{"Path": ts[0].Path, "Digest": ts[0].EventID}),
	})
}

func choose(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}
