package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// Trusted time (RFC 3161): the person's opt-in (timestamp on|off), a
// time-stamp asked now, the status; the authorities asked (tsa). After a
// command that unlocked the journal, what is queued (a report, an export,
// a backup, or the daily one) is sent (stampQueued).

func init() {
	register(&command{name: "timestamp", usage: "on | off | now | status", group: 4,
		summary: summary("timestamp.cmd.timestamp"), new: func() runner { return &timestampCmd{} }})
	register(&command{name: "tsa", usage: "list | set URL [--ca FILE.pem] | add URL [--ca FILE.pem] | reset", group: 4,
		summary: summary("timestamp.cmd.tsa"), new: func() runner { return &tsaCmd{} }})
}

// flushWait is the longest a command waits for an authority after its
// work is done (the request stays queued if none answers in time).
const flushWait = 20 * time.Second

type timestampCmd struct{}

func (c *timestampCmd) flags(*pflag.FlagSet) {}

func (c *timestampCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return e.usageError()
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	switch args[0] {
	case "on":
		if err := j.Timestamps.SetEnabled(true); err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, i18n.X("timestamp.optin"))
		fmt.Fprintln(e.Stdout, i18n.X("timestamp.cli.on"))
		return nil
	case "off":
		if err := j.Timestamps.SetEnabled(false); err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, i18n.X("timestamp.cli.off"))
		return nil
	case "now":
		e.stamped = true
		wait, cancel := context.WithTimeout(ctx, flushWait)
		defer cancel()
		ts, err := j.Timestamps.StampNow(wait)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, present.TimestampDone(ts))
		return nil
	case "status":
		return timestampStatus(e, j)
	}
	return e.usageError()
}

func timestampStatus(e *env, j *app.Journal) error {
	on, err := j.Timestamps.Enabled()
	if err != nil {
		return err
	}
	if on {
		fmt.Fprintln(e.Stdout, i18n.X("timestamp.cli.status_on"))
	} else {
		fmt.Fprintln(e.Stdout, i18n.X("timestamp.cli.status_off"))
	}
	if pending, err := j.Timestamps.Pending(); err != nil {
		return err
	} else if pending {
		fmt.Fprintln(e.Stdout, i18n.X("timestamp.queued"))
	}
	last, err := j.Timestamps.Last()
	if err != nil {
		return err
	}
	if last == nil {
		fmt.Fprintln(e.Stdout, i18n.X("timestamp.cli.never"))
	} else {
		fmt.Fprintln(e.Stdout, i18n.X("timestamp.cli.last", map[string]any{"TSA": last.Authority,
			"Date": i18n.DateTime(last.Time.Local()), "Seq": last.Seq}))
	}
	return nil
}

// stampQueued sends the time-stamp a command queued (a report, an
// export, a backup) or the day's one, when the person agreed and the
// journal was unlocked; an authority that does not answer leaves it
// queued, said in a line.
func (e *env) stampQueued(ctx context.Context) {
	if e.journal == nil || e.stamped || ctx.Err() != nil {
		return
	}
	ts := e.journal.Timestamps
	if on, err := ts.Enabled(); err != nil || !on {
		return
	}
	if _, err := ts.QueueDaily(time.Now()); err != nil {
		return
	}
	wait, cancel := context.WithTimeout(ctx, flushWait)
	defer cancel()
	tok, err := ts.Flush(wait)
	switch {
	case errors.Is(err, app.ErrNoAuthorityReached):
		fmt.Fprintln(e.Stderr, "temoin: "+i18n.X("timestamp.queued"))
	case err != nil:
		fmt.Fprintln(e.Stderr, "temoin: "+present.Error(err, present.Where{}))
	case tok != nil:
		fmt.Fprintln(e.Stderr, "temoin: "+present.TimestampDone(tok))
	}
}

type tsaCmd struct{ ca string }

func (c *tsaCmd) flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.ca, "ca", "", later("timestamp.flag.ca"))
}

func (c *tsaCmd) run(ctx context.Context, e *env, args []string) error {
	ok := len(args) == 1 && (args[0] == "list" || args[0] == "reset") ||
		len(args) == 2 && (args[0] == "set" || args[0] == "add")
	if !ok {
		return e.usageError()
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	list, err := j.Timestamps.Authorities()
	if err != nil {
		return err
	}
	switch args[0] {
	case "list":
		for _, a := range list {
			line := a.URL
			if a.CA != "" {
				line += "  " + i18n.X("timestamp.cli.with_ca")
			}
			fmt.Fprintln(e.Stdout, line)
		}
		return nil
	case "reset":
		list = nil
	default:
		a := app.Authority{URL: args[1]}
		if c.ca != "" {
			data, err := os.ReadFile(c.ca)
			if err != nil {
				return present.In(err, present.Where{File: c.ca})
			}
			a.CA = string(data)
		}
		if args[0] == "set" {
			list = nil
		}
		list = append(without(list, a.URL), a)
	}
	if err := j.Timestamps.SetAuthorities(list); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("timestamp.cli.tsa_saved"))
	return nil
}

// without returns list without the authority at url.
func without(list []app.Authority, url string) []app.Authority {
	var out []app.Authority
	for _, a := range list {
		if a.URL != url {
			out = append(out, a)
		}
	}
	return out
}
