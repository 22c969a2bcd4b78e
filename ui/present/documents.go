package present

import (
	"strings"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
)

// QuoteList writes words between quotes, as the documents will replace
// them: « Lucas », « L. B. ».
func QuoteList(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = i18n.X("gui.share.replace.quoted", map[string]any{"Word": w})
	}
	return strings.Join(out, ", ")
}

// PathState says where a procedure stands: « Accident de service :
// Déclaration possible ». agri names the agricultural variant of a
// procedure (« Signalement au ministère » for « Faits établissement »).
func PathState(p app.Path, agri bool) string {
	kind := "report.paths." + p.Kind
	if agri && i18n.Language().Has(kind+"_agri") {
		kind += "_agri"
	}
	return i18n.X("gui.share.paths.state", map[string]any{"Kind": i18n.X(kind), "State": i18n.X("report.paths." + p.Kind + "." + p.State)})
}

// PathNext says a procedure's next deadline in full (« jusqu'au jeudi
// 10 décembre 2026 inclus »), "" when it has none.
func PathNext(p app.Path, today app.Date) string {
	if p.Next == nil {
		return ""
	}
	return report.DeadlineText(i18n.Language(), *p.Next, today, report.ToAuthor)
}
