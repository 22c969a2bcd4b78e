package bundle

import (
	"encoding/json"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault"
)

// Format names and versions. A reader refuses a bundle whose format
// version is higher than the one it knows (ErrUnsupportedVersion).
const (
	FormatName              = "temoin-bundle"
	FormatVersion           = 2
	IncidentsFormatName     = "temoin-incidents"
	IncidentsFormatVersion  = 1
	ChainFormatName         = "temoin-chain"
	ChainFormatVersion      = 2
	defaultScryptWorkFactor = 18 // age's default: about one second
	minScryptFactor         = 10 // the least cost ExportOptions accepts
)

// Names of the files inside a bundle.
const (
	NameReadme    = "LISEZ-MOI.txt"
	NameReport    = "rapport.pdf"
	NameIncidents = "incidents.json"
	NameChain     = "chain.json"
	NameManifest  = "manifest.json"
	NameSums      = "SHA256SUMS"
	EvidenceDir   = "evidence/"
	// NameSignerKey is the colleague's signing key, as minisign writes a
	// public key file; NameSignature is minisign's signature of
	// manifest.json (version 2 on).
	NameSignerKey = "minisign.pub"
	NameSignature = "manifest.json.minisig"
	// TimestampsDir holds the RFC 3161 time-stamp responses of the
	// journal's history ("timestamps/001.tsr").
	TimestampsDir = "timestamps/"
)

// requiredFiles are the files every bundle holds; signedFiles those every
// bundle of version 2 on holds too.
var (
	requiredFiles = []string{NameReadme, NameReport, NameIncidents, NameChain, NameManifest, NameSums}
	signedFiles   = []string{NameSignerKey, NameSignature}
)

// Manifest is manifest.json: what the bundle holds and where it comes
// from. Every file but manifest.json itself and SHA256SUMS is listed with
// its size and SHA-256; SHA256SUMS lists those files and manifest.json.
type Manifest struct {
	Format     string    `json:"format"`  // "temoin-bundle"
	Version    int       `json:"version"` // 1
	AppVersion string    `json:"app_version"`
	ExportedAt time.Time `json:"exported_at"`
	// VaultID identifies the colleague's vault (a random id, not a name):
	// two bundles with the same VaultID come from the same journal, and
	// their histories can be compared.
	VaultID string `json:"vault_id"`
	// ChainHead is the head of the vault's history when the bundle was
	// made; chain.json holds the history up to it.
	ChainHead vault.ChainHead `json:"chain_head"`
	// EncryptedTo lists the recipients' public keys, or "passphrase".
	EncryptedTo []string `json:"encrypted_to"`
	// Signer is the colleague's signing key (version 2 on): manifest.json
	// is signed with it (manifest.json.minisig), and minisign.pub holds it.
	Signer *SignerEntry `json:"signer,omitempty"`
	// Timestamps are the RFC 3161 tokens of the journal's history up to
	// ChainHead, each in its own file (version 2 on).
	Timestamps []TimestampEntry `json:"timestamps,omitempty"`

	// The choices made for the export, as for the report.
	Lang           string   `json:"lang"`
	Pseudonymised  bool     `json:"pseudonymised"`
	HealthIncluded bool     `json:"health_included"`
	Since          app.Date `json:"since,omitzero"`
	Until          app.Date `json:"until,omitzero"`

	Files     []FileEntry     `json:"files"`
	Incidents []IncidentEntry `json:"incidents"`
	Evidence  []EvidenceEntry `json:"evidence"`
}

// SignerEntry names the key that signed the bundle.
type SignerEntry struct {
	// PublicKey is the minisign public key ("RW…").
	PublicKey string `json:"public_key"`
}

// TimestampEntry is one RFC 3161 token: a Time-Stamping Authority signed,
// at Time, the ID of the chain event Seq (its SHA-256, as the message
// imprint).
type TimestampEntry struct {
	Path    string    `json:"path"` // "timestamps/001.tsr": the TSA's response, DER
	Seq     uint64    `json:"seq"`
	EventID string    `json:"event_id"`
	Time    time.Time `json:"time"`
	// TSA is the authority's name (its certificate's subject) and URL.
	TSA string `json:"tsa"`
	URL string `json:"url,omitempty"`
}

// FileEntry is one file of the bundle.
type FileEntry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// IncidentEntry ties an incident of incidents.json to the history: the
// revision exported, and the SHA-256 of that revision as stored in the
// vault, as recorded by the chain event ChainSeq (whose Key is
// "inc/<id>/r/<revision on 8 digits>").
type IncidentEntry struct {
	ID             string `json:"id"`
	Revision       int    `json:"revision"`
	RevisionSHA256 string `json:"revision_sha256"`
	ChainSeq       uint64 `json:"chain_seq"`
}

// EvidenceEntry is a piece of evidence included as a file.
type EvidenceEntry struct {
	ID       string `json:"id"`
	Incident string `json:"incident"`
	Path     string `json:"path"`
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
}

// IncidentsFile is incidents.json: the incidents exported, in the JSON
// shape of "temoin list --json" (package app's Incident), pseudonymised
// like the report unless the person chose otherwise, without witnesses'
// contact details, and without medical notes unless chosen.
type IncidentsFile struct {
	Format         string          `json:"format"`  // "temoin-incidents"
	Version        int             `json:"version"` // 1
	Pseudonymised  bool            `json:"pseudonymised"`
	HealthIncluded bool            `json:"health_included"`
	Incidents      []*app.Incident `json:"incidents"`
	// Files maps the id of each piece of evidence included as a file to
	// its path in the bundle ("evidence/001-capture.png").
	Files map[string]string `json:"files"`
}

// ChainFile is chain.json: the vault's history from its first event to
// the head named in the manifest. Events hold ids, record keys and hashes,
// never content: see vault.ChainEvent for how each ID is computed. From
// version 2 on, only the events about what the bundle holds are given in
// full (Redacted false); the others by their place only (Seq, Prev, ID),
// so that the head still verifies without showing the rest of the
// journal's history (other incidents, earlier recipients).
type ChainFile struct {
	Format  string          `json:"format"`  // "temoin-chain"
	Version int             `json:"version"` // 2
	Head    vault.ChainHead `json:"head"`
	Events  []ChainEntry    `json:"events"`
}

// ChainEntry is one event of chain.json: in full, or redacted.
type ChainEntry struct {
	vault.ChainEvent
	// Redacted: only Seq, Prev and ID are given.
	Redacted bool `json:"redacted,omitempty"`
}

// MarshalJSON writes a redacted event as its place only.
func (e ChainEntry) MarshalJSON() ([]byte, error) {
	if !e.Redacted {
		return json.Marshal(e.ChainEvent)
	}
	return json.Marshal(struct {
		Seq      uint64 `json:"seq"`
		Prev     string `json:"prev"`
		ID       string `json:"id"`
		Redacted bool   `json:"redacted"`
	}{e.Seq, e.Prev, e.ID, true})
}
