package app

import (
	"sync"
	"time"
)

// Failed unlocks are slowed down. Each attempt already costs Argon2id
// (about half a second, and 64 MiB); on top of that the GUI waits
// UnlockDelay before it accepts another attempt, so that someone trying
// passphrases at the keyboard of a borrowed computer makes few attempts
// an hour. An attacker who copies the vault's files is not slowed by
// this: only the key derivation's cost and the passphrase's strength
// count then (see docs/SECURITY.md).

// Free unlock attempts before the delays start, and the longest delay.
const (
	FreeUnlockAttempts = 3
	MaxUnlockDelay     = 5 * time.Minute
)

// UnlockDelay is how long to wait after the given number of consecutive
// failed attempts: nothing for the first FreeUnlockAttempts, then 2 s,
// 4 s, 8 s… doubling up to MaxUnlockDelay.
func UnlockDelay(failures int) time.Duration {
	if failures < FreeUnlockAttempts {
		return 0
	}
	n := failures - FreeUnlockAttempts
	if n >= 16 {
		return MaxUnlockDelay
	}
	return min(time.Duration(2<<n)*time.Second, MaxUnlockDelay)
}

// UnlockThrottle counts failed unlocks for a screen: call Wait before an
// attempt (and refuse it while it is positive, showing the time left),
// Failed after a wrong passphrase, Succeeded after a good one. It is safe
// for concurrent use.
type UnlockThrottle struct {
	mu       sync.Mutex
	failures int
	until    time.Time
	// Now is the clock; nil means time.Now (tests set it).
	Now func() time.Time
}

func (t *UnlockThrottle) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

// Wait returns how long before the next attempt is allowed (0: now).
func (t *UnlockThrottle) Wait() time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return max(t.until.Sub(t.now()), 0)
}

// Failed records a failed attempt and returns the delay before the next.
func (t *UnlockThrottle) Failed() time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failures++
	d := UnlockDelay(t.failures)
	t.until = t.now().Add(d)
	return d
}

// Succeeded forgets the failures.
func (t *UnlockThrottle) Succeeded() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failures, t.until = 0, time.Time{}
}

// Failures returns the number of consecutive failed attempts.
func (t *UnlockThrottle) Failures() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.failures
}
