package vault

// Open unlocks the vault in dir with its passphrase, with the default
// options (the product calls OpenWith).
func Open(dir string, passphrase []byte) (*Vault, error) {
	return OpenWith(dir, Passphrase(passphrase), nil)
}

// OpenWithRecoveryCode unlocks the vault with its recovery code, as typed
// by the person (spaces, dashes and case do not matter).
func OpenWithRecoveryCode(dir, code string) (*Vault, error) {
	return OpenWith(dir, RecoveryCode(code), nil)
}
