package capture

import (
	"context"
	"errors"
	"fmt"
	"image"
	"time"
)

// DefaultEvery is burst mode's interval when the person chooses none.
const DefaultEvery = 5 * time.Second

// Frame is one capture of a burst.
type Frame struct {
	N     int       // 1 for the first capture
	At    time.Time // when it was taken
	Image *image.RGBA
}

// Burst captures with grab at once, then every interval, handing each
// frame to frame, until ctx is cancelled (the person stops it: Burst then
// returns nil) or grab or frame fails. A frame that takes longer than the
// interval delays the next one rather than piling them up. grab is, for
// example, func() (*image.RGBA, error) { return capture.Screen(0) }.
func Burst(ctx context.Context, every time.Duration, grab func() (*image.RGBA, error), frame func(Frame) error) error {
	if every <= 0 {
		every = DefaultEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			return nil
		}
		img, err := grab()
		if err != nil {
			return fmt.Errorf("burst capture %d: %w", n, err)
		}
		if err := frame(Frame{N: n, At: time.Now(), Image: img}); err != nil {
			if errors.Is(err, context.Canceled) && ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("burst capture %d: %w", n, err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
