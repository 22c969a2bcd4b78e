package app

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Where a backup should not go: a folder synchronised with an online
// service (the backup would leave the computer, encrypted) and, worse, with
// a work account (it would land on the employer's servers).

// CloudFolder says that a folder looks synchronised with an online
// service: the backup would leave the computer (encrypted), and, with a
// work account, land on the employer's servers.
type CloudFolder struct {
	Service string // "OneDrive", "Google Drive", "Dropbox", "Nextcloud"...
	// Work is true when the account looks like a work or school one
	// (OneDrive - <organisation>, an academic Nextcloud...).
	Work bool
	// Root is the folder that revealed it.
	Root string
}

// DetectCloudFolder tells whether path (a folder chosen for backups) is
// inside a folder synchronised with a cloud service, from the names of
// its parent folders, the marker files the sync clients leave, and the
// environment variables and settings of OneDrive and Nextcloud. It can
// miss services it does not know: it is a warning, not a guarantee.
func DetectCloudFolder(path string) (CloudFolder, bool) {
	return detectCloudFolder(path, os.Getenv, nextcloudConfigs())
}

type cloudName struct {
	match   func(name string) bool
	service string
	work    func(name string) bool
}

func eqFold(names ...string) func(string) bool {
	return func(n string) bool {
		for _, s := range names {
			if strings.EqualFold(n, s) {
				return true
			}
		}
		return false
	}
}

func prefixFold(p string) func(string) bool {
	return func(n string) bool { return len(n) >= len(p) && strings.EqualFold(n[:len(p)], p) }
}

func never(string) bool { return false }

var cloudNames = []cloudName{
	// "OneDrive - Académie de Lyon" is a work or school account.
	{prefixFold("OneDrive"), "OneDrive", func(n string) bool {
		rest := strings.TrimSpace(n[len("OneDrive"):])
		rest = strings.TrimLeft(rest, "-– ")
		return rest != "" && !strings.EqualFold(rest, "Personal") && !strings.EqualFold(rest, "Personnel")
	}},
	{eqFold("Google Drive", "GoogleDrive", "My Drive", "Mon Drive", "Shared drives", "Drives partagés"), "Google Drive", never},
	{prefixFold("GoogleDrive-"), "Google Drive", never},
	{prefixFold("Dropbox"), "Dropbox", func(n string) bool {
		// "Dropbox (Collège Jean Moulin)" is a team account.
		i := strings.Index(n, "(")
		return i > 0 && !strings.Contains(strings.ToLower(n[i:]), "person")
	}},
	{eqFold("Nextcloud", "ownCloud"), "Nextcloud", never},
	{eqFold("iCloud Drive", "iCloudDrive", "com~apple~CloudDocs", "Mobile Documents"), "iCloud Drive", never},
	{eqFold("pCloudDrive", "pCloud Drive", "pCloud"), "pCloud", never},
	{eqFold("Box Sync"), "Box", never},
	{prefixFold("Box-"), "Box", never},
	{eqFold("MEGAsync", "MEGA Downloads"), "MEGA", never},
	{eqFold("SynologyDrive", "Synology Drive"), "Synology Drive", never},
	{eqFold("Seafile"), "Seafile", never},
	{eqFold("Tresorit"), "Tresorit", never},
	{prefixFold("Proton Drive"), "Proton Drive", never},
	{prefixFold("ProtonDrive"), "Proton Drive", never},
}

// Marker files that sync clients leave at the root of what they sync.
var cloudMarkers = []struct{ glob, service string }{
	{".dropbox", "Dropbox"},
	{".dropbox.cache", "Dropbox"},
	{".sync_*.db", "Nextcloud"},
	{"._sync_*.db", "Nextcloud"},
	{".nextcloudsync.log", "Nextcloud"},
	{".owncloudsync.log", "Nextcloud"},
	{".SynologyWorkingDirectory", "Synology Drive"},
	{"seafile-ignore.txt", "Seafile"},
	{".megaignore", "MEGA"},
	{".tmp.drivedownload", "Google Drive"},
	{".tmp.driveupload", "Google Drive"},
	{".pcloud", "pCloud"},
}

// nextcloudFolder is a folder that a Nextcloud client synchronises, with
// the server it goes to.
type nextcloudFolder struct{ local, server string }

func detectCloudFolder(path string, getenv func(string) string, nc []nextcloudFolder) (CloudFolder, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return CloudFolder{}, false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	// OneDrive on Windows says where it syncs.
	for _, v := range []struct {
		name string
		work bool
	}{{"OneDriveCommercial", true}, {"OneDriveConsumer", false}, {"OneDrive", false}} {
		if root := getenv(v.name); root != "" && within(abs, root) {
			return CloudFolder{Service: "OneDrive", Work: v.work || isWorkOneDrive(filepath.Base(root)), Root: root}, true
		}
	}
	for _, f := range nc {
		if f.local != "" && within(abs, f.local) {
			return CloudFolder{Service: "Nextcloud", Work: isWorkServer(f.server), Root: f.local}, true
		}
	}
	// gvfs mounts of GNOME online accounts: /run/user/1000/gvfs/google-drive:host=…
	if strings.Contains(abs, "/gvfs/google-drive:") {
		return CloudFolder{Service: "Google Drive", Root: abs}, true
	}
	if strings.Contains(abs, "/gvfs/onedrive:") {
		return CloudFolder{Service: "OneDrive", Root: abs}, true
	}
	for dir := abs; ; {
		name := filepath.Base(dir)
		for _, c := range cloudNames {
			if c.match(name) {
				return CloudFolder{Service: c.service, Work: c.work(name), Root: dir}, true
			}
		}
		for _, m := range cloudMarkers {
			if found, _ := filepath.Glob(filepath.Join(dir, m.glob)); len(found) > 0 {
				return CloudFolder{Service: m.service, Root: dir}, true
			}
		}
		// macOS puts every File Provider sync root under
		// ~/Library/CloudStorage/<Service>-<account>.
		if parent := filepath.Dir(dir); filepath.Base(parent) == "CloudStorage" && filepath.Base(filepath.Dir(parent)) == "Library" {
			service, _, _ := strings.Cut(name, "-")
			return CloudFolder{Service: service, Root: dir}, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return CloudFolder{}, false
}

func isWorkOneDrive(name string) bool { return cloudNames[0].match(name) && cloudNames[0].work(name) }

// isWorkServer recognises the servers of French education: apps.education.fr
// ("Nuage"), the academies (ac-*.fr), the ministry and agriculture ones.
func isWorkServer(server string) bool {
	s := strings.ToLower(server)
	for _, w := range []string{"education.fr", "education.gouv.fr", "://ac-", ".ac-", "agriculture.gouv.fr", "educagri.fr", "enseignementsup"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// within reports whether p is root or inside it.
func within(p, root string) bool {
	root = filepath.Clean(root)
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	rel, err := filepath.Rel(root, p)
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		rel, err = filepath.Rel(strings.ToLower(root), strings.ToLower(p))
	}
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// nextcloudConfigs reads the folders the Nextcloud (or ownCloud) desktop
// client syncs, from its settings file.
func nextcloudConfigs() []nextcloudFolder {
	var files []string
	if d, err := os.UserConfigDir(); err == nil {
		files = append(files,
			filepath.Join(d, "Nextcloud", "nextcloud.cfg"),
			filepath.Join(d, "ownCloud", "owncloud.cfg"))
	}
	if home, err := os.UserHomeDir(); err == nil && runtime.GOOS == "darwin" {
		files = append(files, filepath.Join(home, "Library", "Preferences", "Nextcloud", "nextcloud.cfg"))
	}
	var out []nextcloudFolder
	for _, f := range files {
		out = append(out, parseNextcloudConfig(f)...)
	}
	return out
}

// parseNextcloudConfig reads lines such as
//
//	0\url=https://nuage03.apps.education.fr
//	0\Folders\1\localPath=/home/prof/Nextcloud/
func parseNextcloudConfig(name string) []nextcloudFolder {
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	urls := map[string]string{}
	var folders []nextcloudFolder
	var accounts []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		key, val, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		parts := strings.Split(key, `\`)
		switch {
		case len(parts) == 2 && parts[1] == "url":
			urls[parts[0]] = val
		case len(parts) == 4 && (parts[1] == "Folders" || strings.HasPrefix(parts[1], "FoldersWith")) && parts[3] == "localPath":
			folders = append(folders, nextcloudFolder{local: filepath.Clean(val)})
			accounts = append(accounts, parts[0])
		}
	}
	for i := range folders {
		folders[i].server = urls[accounts[i]]
	}
	return folders
}
