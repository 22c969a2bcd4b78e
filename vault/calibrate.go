package vault

import (
	"time"
)

// The key derivation is calibrated when a vault is created: Argon2id with
// 64 MiB and 4 lanes (DefaultKDF's memory, which a 4 GB laptop can spare
// at every unlock, and the peak memory of a command is the KDF's), and as
// many passes as take about KDFTarget on this computer, never fewer than
// DefaultKDF's 3. A fast computer makes each guess of an offline attacker
// cost more; a slow one keeps today's floor. The parameters are stored in
// the header: the vault opens anywhere with them.
const (
	// KDFTarget is the time aimed at for one derivation (an unlock).
	KDFTarget = 750 * time.Millisecond
	// kdfMaxPasses lets a computer like the ones Témoin is measured on
	// (about 31 ms a pass) reach KDFTarget, and stays well under what a
	// header may ask (maxKDFPasses): a vault made on a desktop twice as
	// fast still opens in about two seconds on an old laptop. At 10, the
	// ceiling before, derivations here took 315 ms against 750 aimed at.
	kdfMaxPasses = 32
)

// CalibrateKDF returns the Argon2id parameters for a new vault on this
// computer: DefaultKDF with as many passes as take about KDFTarget. It
// costs three passes (a few tenths of a second, once, at creation).
func CalibrateKDF() KDFParams {
	return calibrateKDF(func(p KDFParams) time.Duration {
		start := time.Now()
		clear(p.derive([]byte("calibration"), make([]byte, 16)))
		return time.Since(start)
	})
}

// calibrateKDF is CalibrateKDF with the measure of one derivation given.
// A derivation costs a fixed part (taking 64 MiB from the system, its
// first touch) and its passes: one pass and two passes are measured, the
// difference is a pass. One pass alone, taken as the cost of a pass,
// counted the fixed part in each and chose about half the passes the
// target allows (6 passes measured at 317 ms against 750 aimed at). A
// difference that noise makes implausible is kept between a third of
// the one-pass derivation and all of it.
func calibrateKDF(measure func(KDFParams) time.Duration) KDFParams {
	one, two := DefaultKDF, DefaultKDF
	one.Time, two.Time = 1, 2
	t1 := measure(one)
	p := DefaultKDF
	if t1 <= 0 {
		return p
	}
	perPass := min(max(measure(two)-t1, t1/3), t1)
	fixed := t1 - perPass
	if perPass <= 0 {
		return p
	}
	passes := int((KDFTarget - fixed + perPass/2) / perPass)
	p.Time = uint32(min(max(passes, int(DefaultKDF.Time)), kdfMaxPasses))
	return p
}
