package bundle

import (
	"strings"

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
			"Date":      m.ExportedAt.UTC().Format("2006-01-02 15:04 UTC"),
			"Incidents": l.N("count.incidents", incidents),
			"Evidence":  l.N("bundle.readme.evidence", evidence),
			"Names":     l.X(choose(m.Pseudonymised, "bundle.readme.names_pseudonyms", "bundle.readme.names_kept")),
			"Health":    l.X(choose(m.HealthIncluded, "bundle.readme.health_yes", "bundle.readme.health_no")),
			"Decrypt":   l.X(choose(passphrase, "bundle.readme.decrypt_passphrase", "bundle.readme.decrypt_key")),
			"Seq":       m.ChainHead.Seq,
			"Head":      m.ChainHead.ID,
		}
		b.WriteString(l.X("bundle.readme", data))
	}
	return []byte(strings.ReplaceAll(b.String(), "\n", "\r\n"))
}

func choose(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}
