package assets

import (
	"embed"
	_ "embed"
)

// Guide holds the guide's texts, in Markdown: guide/<lang>/<NN-topic>.md.
// Each file starts with a "# Title" line; files are shown in name order.
//
//go:embed guide
var Guide embed.FS

// Icon is Témoin's icon (512×512 PNG).
//
//go:embed icon.png
var Icon []byte

// IconSmall is the icon at 160×160, for the pictures inside the window
// (72 points at most, sharp up to a scale of 2.2): a picture keeps its
// decoded pixels, and 512×512 are 1 MiB each, 160×160 100 KiB.
//
//go:embed icon-160.png
var IconSmall []byte

// Licenses lists the licences of the libraries Témoin is built with, in
// Markdown, for the "About" dialog.
//
//go:embed about/licenses.md
var Licenses string

// Desktop holds the Linux desktop entry and AppStream metadata
// (desktop/fr.temoin.app.desktop, desktop/fr.temoin.app.metainfo.xml),
// for packagers.
//
//go:embed desktop
var Desktop embed.FS
