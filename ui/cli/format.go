package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// listLine is one incident on one line: id, date, kinds, channels, the
// start of the facts, the number of evidence items.
func listLine(in *app.Incident) string {
	when := i18n.Language().NumericDate(in.OccurredAt)
	if !in.TimeUnknown {
		when += in.OccurredAt.Format(" 15:04")
	} else {
		when += "      "
	}
	facts := firstLine(in.Description)
	if facts == "" {
		facts = firstLine(in.ExactWords)
	}
	line := fmt.Sprintf("%s  %s  %-28s %-18s %s", in.ID, when,
		truncate(i18n.Codes("kind", in.Kinds), 28), truncate(i18n.Codes("channel", in.Channels), 18), truncate(facts, 60))
	if n := len(in.Evidence); n > 0 {
		line += "  " + i18n.N("cli.list.evidence", n)
	}
	if in.Archived {
		line += "  " + i18n.X("cli.list.archived_mark")
	}
	return line
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// printIncident writes an incident for reading in a terminal.
func printIncident(w io.Writer, in *app.Incident, deadlines []app.Deadline) {
	fmt.Fprintf(w, "%s  %s  ·  %s %d  ·  %s %s\n\n", i18n.X("cli.show.incident"), in.ID,
		i18n.X("field.revision"), in.Revision, i18n.X("field.updated_at"), i18n.DateTime(in.UpdatedAt.Local()))
	if in.Archived {
		fmt.Fprintf(w, "%s\n\n", i18n.X("cli.show.archived"))
	}
	row := fieldRow(w)
	printWhenWhat(row, in)
	printWhoAndAfter(row, in)
	printActions(w, in.Actions)
	printEvidence(w, in.Evidence)
	if len(deadlines) > 0 {
		fmt.Fprintln(w, i18n.X("cli.show.deadlines"))
		for _, d := range deadlines {
			fmt.Fprintf(w, "    - %s\n      (%s)\n", present.Deadline(d), d.Reference)
		}
	}
}

// fieldRow returns a function that writes a field's label and value on a
// line, or a long value indented under its label; an empty value writes
// nothing.
func fieldRow(w io.Writer) func(field, value string) {
	return func(field, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		label := i18n.X("field." + field)
		if strings.Contains(value, "\n") || utf8.RuneCountInString(value) > 60 {
			fmt.Fprintf(w, "%s\n", label)
			for _, l := range strings.Split(strings.TrimSpace(value), "\n") {
				fmt.Fprintf(w, "    %s\n", l)
			}
			return
		}
		fmt.Fprintf(w, "%-28s %s\n", label, value)
	}
}

// printWhenWhat writes when and where, and what happened.
func printWhenWhat(row func(field, value string), in *app.Incident) {
	when := i18n.DateTime(in.OccurredAt)
	if in.TimeUnknown {
		when = i18n.Date(in.OccurredAt)
	}
	row("occurred_at", when)
	if in.EndedAt != nil {
		row("ended_at", i18n.DateTime(*in.EndedAt))
	}
	row("discovered_on", i18n.Day(in.DiscoveredOn.Year, in.DiscoveredOn.Month, in.DiscoveredOn.Day))
	row("setting", i18n.Code("setting", in.Setting))
	row("place", in.Place)
	row("workplace", in.Workplace)
	row("authority", in.Authority)
	row("activity", in.Activity)
	row("kinds", i18n.Codes("kind", in.Kinds))
	row("channels", i18n.Codes("channel", in.Channels))
	row("diffusion", i18n.Code("diffusion", in.Diffusion))
	if vc := in.VideoCall; vc != nil {
		row("video_call.platform", vc.Platform)
		row("video_call.meeting_id", vc.MeetingID)
		row("video_call.public_link", yesNo(vc.PublicLink))
		row("video_call.waiting_room", yesNo(vc.WaitingRoom))
		row("video_call.intruders", strings.Join(vc.Intruders, ", "))
	}
}

// printWhoAndAfter writes who, the facts and the words, the witnesses,
// and the consequences.
func printWhoAndAfter(row func(field, value string), in *app.Incident) {
	perp := i18n.Code("perpetrator", in.Perpetrator)
	if in.PerpetratorRef != "" {
		perp = strings.TrimSpace(perp + " (" + in.PerpetratorRef + ")")
	}
	row("perpetrator", perp)
	if in.PerpetratorCount > 1 {
		row("perpetrator_count", fmt.Sprint(in.PerpetratorCount))
	}
	row("description", in.Description)
	if in.ExactWords != "" {
		row("exact_words", i18n.Language().Quote(strings.Trim(in.ExactWords, "«»“”\" \u00a0")))
	}
	var wit []string
	for _, x := range in.Witnesses {
		s := x.Role
		if x.Pseudonym != "" {
			s = strings.TrimSpace(s + " (" + x.Pseudonym + ")")
		}
		wit = append(wit, s)
	}
	row("witnesses", strings.Join(wit, ", "))
	row("linked", strings.Join(in.Linked, ", "))
	row("consequences", in.Consequences)
	row("work_impact", in.WorkImpact)
	row("medical_note", in.MedicalNote)
	row("notes", in.Notes)
}

func printActions(w io.Writer, actions []app.Action) {
	if len(actions) == 0 {
		return
	}
	fmt.Fprintln(w, i18n.X("field.actions"))
	for _, a := range actions {
		parts := []string{i18n.Day(a.Date.Year, a.Date.Month, a.Date.Day), i18n.Code("action", a.Kind), a.Reference, i18n.Code("action_status", a.Status)}
		if !a.AnswerDate.IsZero() || a.Answer != "" {
			parts = append(parts, i18n.X("cli.show.answer")+" "+i18n.Day(a.AnswerDate.Year, a.AnswerDate.Month, a.AnswerDate.Day)+" "+a.Answer)
		}
		fmt.Fprintf(w, "    - %s\n", joinNonEmpty(parts, " · "))
	}
}

func printEvidence(w io.Writer, evidence []app.Evidence) {
	if len(evidence) == 0 {
		return
	}
	fmt.Fprintln(w, i18n.X("field.evidence"))
	for _, ev := range evidence {
		if ev.IsLink() {
			fmt.Fprintf(w, "    - %s  %s  (%s %s) %s\n", ev.ID, ev.URL, i18n.X("cli.show.seen_on"), i18n.Day(ev.RetrievedOn.Year, ev.RetrievedOn.Month, ev.RetrievedOn.Day), ev.Note)
			continue
		}
		fmt.Fprintf(w, "    - %s  %s  %s  %s\n      SHA-256 %s\n", ev.ID, ev.Name, report.MediaLabel(i18n.Language(), ev.MediaType), i18n.Size(ev.Size), ev.SHA256)
	}
}

func yesNo(b bool) string {
	if b {
		return i18n.X("cli.yes")
	}
	return i18n.X("cli.no")
}

func joinNonEmpty(parts []string, sep string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// printVerifyReport says what checking the vault found.
func printVerifyReport(e *env, rep *app.VerifyReport) {
	fmt.Fprintln(e.Stdout, i18n.X("cli.verify.checked",
		map[string]any{"Records": i18n.N("count.records", rep.Records), "Events": i18n.N("count.events", rep.Events),
			"Blobs": i18n.N("count.evidence_files", rep.Blobs), "Size": i18n.Size(rep.BlobBytes)}))
	fmt.Fprintln(e.Stdout, i18n.X("cli.verify.head", map[string]any{"Head": rep.Head.ID, "Seq": rep.Head.Seq}))
	for _, n := range rep.Notes {
		fmt.Fprintln(e.Stdout, "  ·", n)
	}
	printProblems(e, rep.Problems)
	if rep.OK() {
		fmt.Fprintln(e.Stdout, i18n.X("cli.verify.ok"))
	}
}

// printProblems lists what a check found damaged: the piece, in words,
// and what is wrong with it, as the check says it.
func printProblems(e *env, problems []app.Problem) {
	for _, p := range problems {
		fmt.Fprintln(e.Stdout, "  ✗", present.Damaged(p.What)+i18n.Language().Colon("")+" "+p.Detail)
	}
}
