//go:build windows

package ownertest

import (
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"
)

// allowed lists the SIDs an access list entry may name: the current user,
// and, unless onlyMe, SYSTEM and the administrators.
func allowed(onlyMe bool) ([]*windows.SID, error) {
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, err
	}
	sids := []*windows.SID{user.User.Sid}
	if !onlyMe {
		for _, k := range []windows.WELL_KNOWN_SID_TYPE{windows.WinLocalSystemSid, windows.WinBuiltinAdministratorsSid, windows.WinCreatorOwnerSid} {
			s, err := windows.CreateWellKnownSid(k)
			if err != nil {
				return nil, err
			}
			sids = append(sids, s)
		}
	}
	return sids, nil
}

func check(path string, onlyMe bool) error {
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return fmt.Errorf("read its access list: %w", err)
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return fmt.Errorf("read its access list: %w", err)
	}
	if dacl == nil {
		return errors.New("no access list: everyone has access")
	}
	ok, err := allowed(onlyMe)
	if err != nil {
		return err
	}
	for i := range uint32(dacl.AceCount) {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return err
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE ||
			!onlyMe && ace.Header.AceFlags&windows.INHERITED_ACE != 0 {
			continue
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		known := false
		for _, s := range ok {
			known = known || sid.Equals(s)
		}
		if !known {
			return fmt.Errorf("%s has access (mask %#x)", sid, ace.Mask)
		}
	}
	return nil
}

func private(path string) error { return check(path, false) }

// underWine: Wine's ntdll exports wine_get_version; Windows's does not.
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}

func onlyMe(path string) error { return check(path, true) }

func openToEveryone(dir string) error {
	everyone, err := windows.CreateWellKnownSid(windows.WinWorldSid)
	if err != nil {
		return err
	}
	acl, err := windows.ACLFromEntries([]windows.EXPLICIT_ACCESS{{
		AccessPermissions: windows.GENERIC_ALL,
		AccessMode:        windows.GRANT_ACCESS,
		Inheritance:       windows.SUB_CONTAINERS_AND_OBJECTS_INHERIT,
		Trustee: windows.TRUSTEE{
			TrusteeForm:  windows.TRUSTEE_IS_SID,
			TrusteeType:  windows.TRUSTEE_IS_WELL_KNOWN_GROUP,
			TrusteeValue: windows.TrusteeValueFromSID(everyone),
		},
	}}, nil)
	if err != nil {
		return err
	}
	return windows.SetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION, nil, nil, acl, nil)
}
