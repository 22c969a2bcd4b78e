// Package presenttest lists every kind of error the faces of Témoin
// must say, for the tests of package present and of both faces, which
// check that the desktop application and the command line say the same
// sentence for each. Only tests import it.
package presenttest

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/app/mail"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/app/sheet"
	"github.com/temoin-app/temoin/capture"
	"github.com/temoin-app/temoin/ui/present"
)

// Vault is the vault folder the faces name in the tests.
const Vault = "journal-de-test"

// Case is one error as a face meets it: Name says which (the package
// and the sentinel or type it is, first), Err is the error, wrapped as
// the function that returns it wraps it and with the places the face
// knows (present.In).
type Case struct {
	Name string
	Err  error
}

// Places named by the cases.
const (
	BackupFile = "sauvegarde-2026-03-20.temoin-backup"
	BundleFile = "envoi-2026-03-20.zip.age"
	Folder     = "/media/CLE USB/Sauvegardes"
	SheetFile  = "/home/camille/Documents/faits.csv"
)

// Errors returns every case, in a stable order.
func Errors() []Case {
	var out []Case
	for _, part := range [][]Case{vaultCases(), journalCases(), fieldCases(), backupCases(),
		bundleCases(), sheetCases(), otherCases(), systemCases()} {
		out = append(out, part...)
	}
	return out
}

func idErr(err error, id string) error { return &app.IDError{Err: err, ID: id} }

func vaultCases() []Case {
	cases := []Case{
		{"app.ErrWrongPassphrase", app.ErrWrongPassphrase},
		{"app.ErrWrongRecoveryCode", app.ErrWrongRecoveryCode},
		{"app.ErrVaultNotFound", fmt.Errorf("%w: %s", app.ErrVaultNotFound, Vault)},
		{"app.ErrVaultExists", fmt.Errorf("%w: %s", app.ErrVaultExists, Vault)},
		{"app.ErrAlreadyOpen", app.ErrAlreadyOpen},
		{"app.ErrVaultNoAccess", fmt.Errorf("%w: %v", app.ErrVaultNoAccess, &fs.PathError{Op: "open", Path: Vault + "/db/MANIFEST", Err: syscall.EACCES})},
		{"app.ErrDatabaseSettings", fmt.Errorf("%w: %s", app.ErrDatabaseSettings, "Valuethreshold 1048576 greater than max batch size of 157286")},
		{"app.ErrLocked", app.ErrLocked},
		{"app.ErrUnsupportedVersion", app.ErrUnsupportedVersion},
		{"app.ErrHeaderChanged", app.ErrHeaderChanged},
		{"vault.HeaderChangedError copy opens", &app.HeaderChangedError{CopyOpens: true}},
		{"vault.HeaderChangedError wrong passphrase", &app.HeaderChangedError{Err: app.ErrWrongPassphrase}},
		{"app.ErrHeaderCopyMismatch", fmt.Errorf("%w: it is the header of another vault", app.ErrHeaderCopyMismatch)},
		{"app.ErrBackupOtherKeys", app.ErrBackupOtherKeys},
		{"app.ErrNoRecord", fmt.Errorf("read setting: %w", app.ErrNoRecord)},
		{"app.ErrNoBlob", fmt.Errorf("open evidence: %w", app.ErrNoBlob)},
	}
	for _, what := range []string{"vault.json", "record inc/8J3KQ2/r/00000002", "blob 5f0c9a21", "blob record 5f0c9a21",
		"chain event 00000042", "chain head", "database", "evidence key", "draft drafts/n-3"} {
		cases = append(cases, Case{"vault.CorruptError " + what, &app.CorruptError{What: what, Err: errors.New("authentication failed")}})
	}
	for _, ie := range []app.IntegrityError{
		{Kind: app.IntegrityRecordsChanged, Records: 3}, {Kind: app.IntegrityRecordsChanged, Records: 1},
		{Kind: app.IntegrityRecordsChanged, Records: -2}, {Kind: app.IntegrityRecordsChanged},
		{Kind: app.IntegrityStateMissing}, {Kind: app.IntegrityHistoryCut, Missing: 5, Witness: "config"},
		{Kind: app.IntegrityHistoryDiverged, Witness: "folder"}, {Kind: app.IntegrityKeysRolledBack, Witness: "config"},
	} {
		ie := ie
		cases = append(cases, Case{"vault.IntegrityError " + ie.Code(), &ie})
	}
	return cases
}

func journalCases() []Case {
	return []Case{
		{"app.IDError app.ErrNotFound", idErr(app.ErrNotFound, "8J3KQ2")},
		{"app.IDError app.ErrAmbiguous", idErr(app.ErrAmbiguous, "8J")},
		{"app.IDError app.ErrNoEvidence", idErr(app.ErrNoEvidence, "5F0C")},
		{"app.ErrUnchanged", app.ErrUnchanged},
		{"app.ErrStale", app.ErrStale},
		{"app.ErrLinkNotFile", app.ErrLinkNotFile},
		{"app.DuplicateError app.ErrDuplicate", &app.DuplicateError{Existing: app.Evidence{Name: "intrusion.mp4"}, IncidentID: "8J3KQ2",
			OccurredAt: time.Date(2026, 3, 13, 9, 0, 0, 0, time.UTC)}},
		{"app.ErrNoCase", fmt.Errorf("%w: %q", app.ErrNoCase, "C1")},
		{"app.ErrNoIdentity", app.ErrNoIdentity},
		{"app.ErrInvalidKey", fmt.Errorf("%w: %q", app.ErrInvalidKey, "age1zzz")},
		{"app.ErrNoRepresentative", fmt.Errorf("%w: %q", app.ErrNoRepresentative, "Camille")},
		{"app.ErrNoPerson", fmt.Errorf("%w: %q", app.ErrNoPerson, "Kevin Martin")},
		{"app.ErrPassphraseTooShort", app.ErrPassphraseTooShort},
		{"app.ImportError no date column", &app.ImportError{Kind: app.ImportNoDateColumn, Row: 1}},
		{"app.ImportError no text column", &app.ImportError{Kind: app.ImportNoTextColumn, Row: 2}},
		{"app.ImportError no rows", &app.ImportError{Kind: app.ImportNoRows, Row: 1}},
		{"app.ImportError duplicate column", &app.ImportError{Kind: app.ImportDuplicateColumn, Row: 1, Columns: []app.ImportColumn{
			{Index: 1, Header: "Date", Field: "date"}, {Index: 4, Header: "Jour", Field: "date"}}}},
		{"app.ImportError bad rows", &app.ImportError{Kind: app.ImportBadRows, More: 12, Problems: []app.ImportProblem{
			{Row: 3, Column: 0, Header: "Date", Kind: app.ProblemDate, Value: "31/02/2026"},
			{Row: 4, Column: 0, Header: "Date", Kind: app.ProblemDate},
			{Row: 5, Column: 0, Header: "", Kind: app.ProblemDateRange, Value: "1926-03-01"},
			{Row: 6, Column: 1, Header: "Heure", Kind: app.ProblemTime, Value: "25h"},
			{Row: 7, Column: 2, Header: "Types", Kind: app.ProblemCode, Value: "gifle", List: "kind"},
			{Row: 8, Column: -1, Kind: app.ProblemNoText},
			{Row: 9, Column: 3, Header: "Faits", Kind: app.ProblemTooLong},
			{Row: 10, Column: 7, Header: "", Kind: app.ProblemOutside, Value: "x"},
		}}},
	}
}

func fieldCases() []Case {
	f := func(field string, p app.FieldProblem, value string) error {
		return &app.FieldError{Field: field, Problem: p, Value: value, Msg: "in English"}
	}
	return []Case{
		{"app.FieldError date missing", f("occurred_at", app.FieldMissing, "")},
		{"app.FieldError description missing", f("description", app.FieldMissing, "")},
		{"app.FieldError witness empty", f("witnesses[1]", app.FieldMissing, "")},
		{"app.FieldError name missing", f("name", app.FieldMissing, "")},
		{"app.FieldError implausible", f("occurred_at", app.FieldImplausible, "1926-03-01")},
		{"app.FieldError end before start", f("ended_at", app.FieldOrder, "")},
		{"app.FieldError answer before", f("actions[0].answer_date", app.FieldOrder, "")},
		{"app.FieldError unknown code", f("kinds", app.FieldUnknownCode, "gifle")},
		{"app.FieldError duplicate", f("channels", app.FieldDuplicate, "")},
		{"app.FieldError out of range", f("perpetrator_count", app.FieldOutOfRange, "")},
		{"app.FieldError too many", f("video_call.intruders", app.FieldTooMany, "")},
		{"app.FieldError too long", f("place", app.FieldTooLong, "1000")},
		{"app.FieldError not text", f("notes", app.FieldNotText, "")},
		{"app.FieldError one line", f("workplace", app.FieldOneLine, "")},
		{"app.FieldError same", f("pseudonym", app.FieldSame, "")},
		{"app.FieldError self link", f("linked", app.FieldSelfLink, "")},
		{"app.FieldError unknown link", f("linked", app.FieldUnknownLink, "ZZZZ")},
		{"app.FieldError invalid", f("setting", app.FieldInvalid, "")},
		{"app.FieldError joined", errors.Join(f("occurred_at", app.FieldMissing, ""), f("kinds", app.FieldUnknownCode, "gifle"))},
	}
}

func backupCases() []Case {
	in := func(err error) error { return present.In(err, present.Where{Backup: BackupFile}) }
	cases := []Case{
		{"app.ErrNotBackup", in(fmt.Errorf("%w: no magic", app.ErrNotBackup))},
		{"app.ErrBackupIncomplete", in(app.ErrBackupIncomplete)},
		{"app.ErrBackupExists", in(app.ErrBackupExists)},
		{"app.ErrRestoreTarget", in(app.ErrRestoreTarget)},
		{"backup app.ErrWrongPassphrase", in(app.ErrWrongPassphrase)},
		{"backup app.ErrWrongRecoveryCode", in(app.ErrWrongRecoveryCode)},
		{"backup app.ErrVaultExists", in(app.ErrVaultExists)},
		{"backup folder missing", present.In(&fs.PathError{Op: "open", Path: Folder, Err: syscall.ENOENT}, present.Where{Folder: Folder})},
	}
	for _, be := range []app.BackupError{
		{Part: "header"}, {Part: "encryption"}, {Part: "info"}, {Part: "records"}, {Part: "records", Index: 12},
		{Part: "evidence", Index: 3, Total: 12, ID: "5f0c9a21"}, {Part: "manifest"}, {Part: "end"}, {Part: "payload"},
	} {
		be := be
		be.Err = errors.New("authentication failed")
		name := "vault.BackupError " + be.Part
		if be.Index > 0 {
			name += fmt.Sprintf(" %d", be.Index)
		}
		cases = append(cases, Case{name, in(&be)})
	}
	incomplete := &app.BackupError{Part: "evidence", Index: 7, Total: 12, Err: app.ErrBackupIncomplete}
	return append(cases, Case{"vault.BackupError incomplete", in(incomplete)})
}

func bundleCases() []Case {
	in := func(err error) error { return present.In(err, present.Where{File: BundleFile}) }
	cases := []Case{
		{"bundle.ErrWrongKey", bundle.ErrWrongKey},
		{"bundle.ErrUnsupportedVersion", bundle.ErrUnsupportedVersion},
		{"bundle.ErrOutExists", bundle.ErrOutExists},
		{"bundle.ErrExists", in(bundle.ErrExists)},
		{"bundle.ErrVaultPassphrase", bundle.ErrVaultPassphrase},
		{"bundle.ErrPassphraseAndKeys", bundle.ErrPassphraseAndKeys},
		{"bundle.ErrNoRecipient", bundle.ErrNoRecipient},
		{"bundle.ErrNoIncident", bundle.ErrNoIncident},
		{"bundle.ErrAlreadyReceived", bundle.ErrAlreadyReceived},
		{"bundle.NoSpaceError", in(&bundle.NoSpaceError{Need: 3 << 30, Free: 200 << 20})},
		{"bundle.ErrZipBomb", &bundle.CheckError{Check: bundle.CheckArchive, Name: "evidence/002-video.mp4", Err: fmt.Errorf("it overlaps another file of the archive (evidence/001-video.mp4): %w", bundle.ErrZipBomb)}},
		{"bundle.ErrNoSpace", fmt.Errorf("open: %w", bundle.ErrNoSpace)},
		{"app.ErrNoSigner", app.ErrNoSigner},
		{"app.ErrInvalidSigner", fmt.Errorf("trust signer: %w", app.ErrInvalidSigner)},
		{"app.ErrSignerName", app.ErrSignerName},
		{"app.ErrColleagueNote", app.ErrColleagueNote},
		{"app.ErrNoColleagueNote", fmt.Errorf("edit note: %w: 7", app.ErrNoColleagueNote)},
		{"app.ErrNoAuthorityReached", fmt.Errorf("time-stamp: %w", app.ErrNoAuthorityReached)},
		{"app.ErrInvalidAuthority", fmt.Errorf("set authority: %w", app.ErrInvalidAuthority)},
		{"app.ErrNothingToStamp", app.ErrNothingToStamp},
		{"report.ErrNoIncident", fmt.Errorf("write report: %w", report.ErrNoIncident)},
		{"report.ErrNoIncidentChosen", report.ErrNoIncidentChosen},
		{"report.ErrNoPreview", report.ErrNoPreview},
		{"report.NoLetterError", &report.NoLetterError{Choice: app.LetterChoice{State: "court"}, Note: "the court is seized"}},
		{"report.ErrNoLetter", fmt.Errorf("letter: %w", report.ErrNoLetter)},
	}
	for _, c := range []bundle.Check{bundle.CheckDecrypt, bundle.CheckArchive, bundle.CheckNames, bundle.CheckManifest,
		bundle.CheckSums, bundle.CheckSignature, bundle.CheckHash, bundle.CheckChain, bundle.CheckIncidents, bundle.CheckTimestamps} {
		name := ""
		if c == bundle.CheckHash {
			name = "preuves/capture.png"
		}
		cases = append(cases, Case{"bundle.CheckError " + string(c), &bundle.CheckError{Check: c, Name: name, Err: errors.New("sha-256 mismatch")}})
	}
	return cases
}

func sheetCases() []Case {
	var cases []Case
	for _, k := range []struct {
		kind sheet.ErrorKind
		name string
	}{{sheet.ErrEmpty, "empty"}, {sheet.ErrTooBig, "too big"}, {sheet.ErrOldExcel, "old Excel"}, {sheet.ErrPassword, "password"},
		{sheet.ErrNotSpreadsheet, "not a spreadsheet"}, {sheet.ErrDamaged, "damaged"}, {sheet.ErrQuote, "quote"}} {
		e := &sheet.Error{Kind: k.kind, Err: errors.New("zip: not a valid zip file")}
		if k.kind == sheet.ErrQuote {
			e.Row = 14
		}
		cases = append(cases, Case{"sheet.Error " + k.name, present.In(e, present.Where{File: SheetFile})})
	}
	return cases
}

func otherCases() []Case {
	return []Case{
		{"mail.ErrNotMail", fmt.Errorf("read e-mail: header too big: %w", mail.ErrNotMail)},
		{"capture.ErrNoFFmpeg", capture.ErrNoFFmpeg},
		{"capture.ErrNoDisplay", capture.ErrNoDisplay},
		{"capture.ErrUnsupported", capture.ErrUnsupported},
		{"capture.FFmpegError", &capture.FFmpegError{Err: errors.New("exit status 1"), Stderr: "Invalid argument"}},
	}
}

func systemCases() []Case {
	path := func(op string, err error) error { return &fs.PathError{Op: op, Path: SheetFile, Err: err} }
	return []Case{
		{"context.Canceled", fmt.Errorf("import: %w", context.Canceled)},
		{"syscall.ENOSPC", path("write", syscall.ENOSPC)},
		{"syscall.EFBIG", path("write", syscall.EFBIG)},
		{"syscall.EIO", path("write", syscall.EIO)},
		{"syscall.EROFS", path("open", syscall.EROFS)},
		{"os.ErrPermission", path("open", syscall.EACCES)},
		{"os.ErrNotExist", path("open", syscall.ENOENT)},
		{"os.ErrExist", path("write", os.ErrExist)},
		{"present.ErrIsFolder", path("write", present.ErrIsFolder)},
		{"present.OpenError", &present.OpenError{Path: "/run/user/1000/temoin-viewer/3f2a.pdf",
			Err: fmt.Errorf("exec: %q: %w", "xdg-open", errors.New("executable file not found in $PATH"))}},
	}
}

// golden are the sentences present says for each case, in each language
// (TestErrorSentences of package present writes them with -update, and
// checks them).
//
//go:embed testdata/errors.fr.txt testdata/errors.en.txt
var golden embed.FS

// Sentences returns the sentence of each case in the language lang ("fr",
// "en"), by case name, as package present's golden files hold them: both
// faces must say exactly these.
func Sentences(lang string) (map[string]string, error) {
	data, err := golden.ReadFile("testdata/errors." + lang + ".txt")
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	var name string
	var lines []string
	flush := func() {
		if name != "" {
			out[name] = strings.Join(lines, "\n")
		}
	}
	for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if n, ok := strings.CutPrefix(l, "== "); ok {
			flush()
			name, lines = n, nil
			continue
		}
		lines = append(lines, l)
	}
	flush()
	return out, nil
}
