package report

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/thumb"
)

// The inventory shows a thumbnail of each image (package thumb). The same
// file attached twice is shown from one thumbnail.

// isImage reports whether a piece of evidence may get a thumbnail.
func isImage(ev *app.Evidence) bool {
	return !ev.IsLink() && thumb.Eligible(ev.MediaType, ev.Size)
}

// makeThumbs decodes the thumbnails of items, a few at a time, each
// distinct file once, and returns a warning for each image it could not
// show. step is called once per item, from the calling goroutine.
func makeThumbs(ctx context.Context, files EvidenceOpener, items []*evItem, step func()) ([]Warning, error) {
	if len(items) == 0 {
		return nil, nil
	}
	// One job per distinct content; its thumbnail serves every item.
	byHash := map[string][]*evItem{}
	var jobs []*evItem
	for _, e := range items {
		key := e.ev.SHA256
		if key == "" {
			key = e.ev.ID
		}
		if byHash[key] == nil {
			jobs = append(jobs, e)
		}
		byHash[key] = append(byHash[key], e)
	}
	type result struct {
		e   *evItem
		th  *thumb.Thumb
		err error
	}
	queue, results := make(chan *evItem), make(chan result)
	var wg sync.WaitGroup
	// The report is laid out meanwhile: leave it a core, and keep few
	// decoded pictures in memory at once.
	for range max(1, min(runtime.GOMAXPROCS(0)-1, len(jobs), 4)) {
		wg.Go(func() {
			for e := range queue {
				th, err := makeThumb(ctx, files, e.ev.ID)
				results <- result{e, th, err}
			}
		})
	}
	go func() {
		defer close(queue)
		for _, e := range jobs {
			select {
			case queue <- e:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	var warnings []Warning
	for r := range results {
		key := r.e.ev.SHA256
		if key == "" {
			key = r.e.ev.ID
		}
		for _, e := range byHash[key] {
			if r.err != nil && ctx.Err() == nil {
				warnings = append(warnings, Warning{Kind: WarnThumbnail, Evidence: e.ev.ID})
			}
			e.thumb = r.th
			if ctx.Err() == nil {
				step()
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(warnings, func(a, b Warning) int { return strings.Compare(a.Evidence, b.Evidence) })
	return warnings, nil
}

// ThumbnailReader gives the thumbnail of a piece of image evidence that
// the journal keeps (app.EvidenceService), made when the file was
// attached or the first time it is asked for. An EvidenceOpener that is
// not one has its images decoded for each report.
type ThumbnailReader interface {
	Thumbnail(ctx context.Context, evidenceID string) (*thumb.Thumb, error)
}

// makeThumb returns the thumbnail of a piece of image evidence: the
// journal's, or made from the file, which is read to its end so that a
// file that no longer matches its SHA-256 is reported rather than shown.
func makeThumb(ctx context.Context, files EvidenceOpener, evidenceID string) (*thumb.Thumb, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if kept, ok := files.(ThumbnailReader); ok {
		return kept.Thumbnail(ctx, evidenceID)
	}
	rc, _, err := files.Open(evidenceID)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return thumb.Make(ctx, rc)
}
