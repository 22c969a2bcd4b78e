package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/temoin-app/temoin/vault"
)

// SettingService keeps the settings kept in the vault, and the author's
// profile among them. Settings that reveal nothing (language, theme) live
// in the GUI's preferences; those that could (a backup folder's path, the
// author's name) live here, encrypted, outside the chain.
type SettingService struct{ v *vault.Vault }

func settingKey(name string) string { return "setting/" + name }

// Get returns a setting ("" when unset).
func (s *SettingService) Get(name string) (string, error) {
	var val []byte
	err := s.v.View(func(r *vault.Reader) error {
		var err error
		val, err = r.GetUnchained(settingKey(name))
		return err
	})
	if errors.Is(err, vault.ErrNoRecord) {
		return "", nil
	}
	return string(val), err
}

// Set stores a setting.
func (s *SettingService) Set(name, value string) error {
	return s.v.Update(func(tx *vault.Tx) error { return tx.PutUnchained(settingKey(name), []byte(value)) })
}

// Profile returns the author's profile; the zero Profile when none was
// saved.
func (s *SettingService) Profile() (Profile, error) {
	var p Profile
	text, err := s.Get(profileSetting)
	if err != nil || text == "" {
		return p, err
	}
	if err := json.Unmarshal([]byte(text), &p); err != nil {
		return Profile{}, &CorruptError{What: "profile", Err: err}
	}
	return p, nil
}

// SetProfile saves the author's profile, its texts trimmed.
func (s *SettingService) SetProfile(p Profile) error {
	for _, f := range []*string{&p.Name, &p.Function, &p.Workplace, &p.Authority, &p.Town, &p.Addressee, &p.Via, &p.Status} {
		*f = strings.TrimSpace(*f)
	}
	if err := p.Validate(); err != nil {
		return err
	}
	data, err := json.Marshal(&p)
	if err != nil {
		return fmt.Errorf("failed to encode the profile: %w", err)
	}
	return s.Set(profileSetting, string(data))
}
