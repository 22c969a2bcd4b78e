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
	// kdfMaxPasses stays well under what a header may ask (16): a vault
	// made on a fast desktop still opens in seconds on an old laptop.
	kdfMaxPasses = 10
)

// CalibrateKDF returns the Argon2id parameters for a new vault on this
// computer: DefaultKDF with as many passes as take about KDFTarget. It
// costs one pass (about a tenth of a second).
func CalibrateKDF() KDFParams {
	return calibrateKDF(func(p KDFParams) time.Duration {
		start := time.Now()
		clear(p.derive([]byte("calibration"), make([]byte, 16)))
		return time.Since(start)
	})
}

// calibrateKDF is CalibrateKDF with the measure of one derivation given.
func calibrateKDF(measure func(KDFParams) time.Duration) KDFParams {
	one := DefaultKDF
	one.Time = 1
	perPass := measure(one)
	p := DefaultKDF
	if perPass <= 0 {
		return p
	}
	passes := int((KDFTarget + perPass/2) / perPass)
	p.Time = uint32(min(max(passes, int(DefaultKDF.Time)), kdfMaxPasses))
	return p
}
