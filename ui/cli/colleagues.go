package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// A representative's colleagues: the name they give a colleague (cases
// name) and their private, dated notes on them (cases note, cases notes).
// A case stands for its colleague: the name and the notes belong to the
// colleague's journal, so they hold for all of their bundles. They are
// kept in the representative's journal and never go into a synthesis.

// colleague runs "cases name|note|notes CASE …".
func (c *casesCmd) colleague(ctx context.Context, e *env, args []string) error {
	verb := args[0]
	switch {
	case verb == "notes" && len(args) != 2, verb != "notes" && len(args) != 3, c.edit != 0 && verb != "note":
		return e.usageError()
	}
	j, k, err := unlockCase(ctx, e, args[1])
	if err != nil {
		return err
	}
	if k.Summary == nil || k.Summary.Manifest == nil {
		return present.Said(i18n.X("colleague.cli.no_summary"))
	}
	vaultID := k.Summary.Manifest.VaultID
	switch verb {
	case "name":
		kept, err := j.Cases.NameColleague(vaultID, args[2])
		if err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, i18n.X("colleague.cli.named", map[string]any{"Name": kept.Name}))
	case "note":
		return c.note(e, j, vaultID, args[2])
	default:
		kept, err := j.Cases.Colleague(vaultID)
		if err != nil {
			return err
		}
		return c.notes(e, kept)
	}
	return nil
}

// note adds a note on a colleague, or changes note --edit N.
func (c *casesCmd) note(e *env, j *app.Journal, vaultID, text string) error {
	if c.edit != 0 {
		n, err := j.Cases.EditColleagueNote(vaultID, c.edit, text)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, i18n.X("colleague.cli.note_edited", map[string]any{"N": n.N}))
		return nil
	}
	n, err := j.Cases.NoteColleague(vaultID, text)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("colleague.cli.note_added", map[string]any{"N": n.N}))
	return nil
}

// notes lists a colleague's notes, oldest first, each with its number and
// dates.
func (c *casesCmd) notes(e *env, kept *app.Colleague) error {
	if c.out.json {
		return writeJSON(e.Stdout, kept)
	}
	if kept.Name != "" {
		fmt.Fprintln(e.Stdout, kept.Name)
	}
	if len(kept.Notes) == 0 {
		fmt.Fprintln(e.Stderr, i18n.X("colleague.cli.no_note"))
		return nil
	}
	for _, n := range kept.Notes {
		fmt.Fprintf(e.Stdout, "%d. %s\n", n.N, present.NoteWhen(n))
		fmt.Fprintln(e.Stdout, "    "+strings.ReplaceAll(n.Text, "\n", "\n    "))
	}
	return nil
}

// colleagueLine names a case's colleague in "cases list", with how many
// notes are kept on them.
func colleagueLine(kept *app.Colleague) string {
	name := kept.Name
	if name == "" {
		name = i18n.X("colleague.cli.unnamed")
	}
	return i18n.N("colleague.cli.line", len(kept.Notes), map[string]any{"Name": name, "N": len(kept.Notes)})
}
