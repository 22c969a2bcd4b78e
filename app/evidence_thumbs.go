package app

import (
	"context"
	"errors"

	"github.com/temoin-app/temoin/app/thumb"
	"github.com/temoin-app/temoin/vault"
)

// The thumbnail of image evidence (package thumb) is made once, when the
// file is attached, and kept in the vault encrypted like every record,
// outside the chain (it is derived from the file, whose SHA-256 the chain
// holds), under the file's blob: removing the evidence removes it. For
// evidence attached before thumbnails were kept, it is made the first
// time it is asked for. It never leaves the vault but in a document that
// shows the picture: a bundle carries the file itself.

// thumbKey is the unchained record of a blob's thumbnail.
func thumbKey(blob string) string { return "thumb/" + blob }

// keepThumbnail makes and keeps the thumbnail of evidence just attached,
// when it is a picture. It never fails the attach: a file that cannot be
// decoded is kept without thumbnail (the report lists it and says that it
// could not show it), and a thumbnail not kept now is made when first
// asked for.
func (s *EvidenceService) keepThumbnail(ctx context.Context, ev *Evidence) {
	if ev.IsLink() || !thumb.Eligible(ev.MediaType, ev.Size) || ctx.Err() != nil {
		return
	}
	if _, _, blob, err := s.find(ev.ID); err == nil {
		s.makeThumbnail(ctx, blob)
	}
}

// Thumbnail returns the thumbnail of a piece of image evidence: the one
// kept since it was attached, or one made now from the file (and kept).
// The error wraps thumb.ErrNotImage when the evidence is not a picture
// that can be shown.
func (s *EvidenceService) Thumbnail(ctx context.Context, evidenceID string) (*thumb.Thumb, error) {
	ev, _, blob, err := s.find(evidenceID)
	if err != nil {
		return nil, err
	}
	if ev.IsLink() || !thumb.Eligible(ev.MediaType, ev.Size) {
		return nil, thumb.ErrNotImage
	}
	var data []byte
	err = s.v.View(func(r *vault.Reader) error {
		data, err = r.GetUnchained(thumbKey(blob))
		return err
	})
	switch {
	case err == nil:
		if t, err := thumb.Parse(data); err == nil {
			return t, nil
		} // made another way, or unreadable: made again
	case !errors.Is(err, vault.ErrNoRecord):
		return nil, err
	}
	return s.makeThumbnail(ctx, blob)
}

// makeThumbnail decodes a blob, which is read to its end (a file that no
// longer matches its SHA-256 gets no thumbnail), and keeps its thumbnail
// while the blob is part of the vault. Keeping it is a saving, not a
// duty: the thumbnail is returned even when the vault could not keep it.
func (s *EvidenceService) makeThumbnail(ctx context.Context, blob string) (*thumb.Thumb, error) {
	rc, _, err := s.v.OpenBlob(blob)
	if err != nil {
		return nil, err
	}
	t, err := thumb.Make(ctx, rc)
	rc.Close()
	if err != nil {
		return nil, err
	}
	data, err := t.Marshal()
	if err != nil {
		return nil, err
	}
	err = s.v.Update(func(tx *vault.Tx) error {
		if _, err := tx.BlobInfo(blob); err != nil {
			return err // the evidence was removed meanwhile
		}
		return tx.PutUnchained(thumbKey(blob), data)
	})
	if errors.Is(err, vault.ErrNoBlob) {
		return nil, err
	}
	return t, nil
}

// dropFile removes an evidence file and its thumbnail, as part of tx.
func dropFile(tx *vault.Tx, blob string) error {
	tx.DeleteUnchained(thumbKey(blob))
	return tx.DropBlob(blob)
}
