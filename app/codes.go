package app

import "slices"

// Codes are the stable identifiers of the journal's categories. They are
// stored, exported and imported as they are; the GUI and the report show
// them through translations ("code.kind.insult" → "Insultes / injures").

// Kinds of aggression; an incident may have several.
var Kinds = []string{
	"video_intrusion", "insult", "outrage", "threat", "intimidation", "harassment",
	"cyberharassment", "image_spread", "doxxing", "impersonation", "defamation",
	"discrimination", "physical", "property", "other",
}

// Channels through which it happened; an incident may have several.
var Channels = []string{
	"in_person", "video_call", "phone", "sms", "school_messaging", "email",
	"social_network", "letter", "other",
}

// Perpetrators: the kind of person responsible, never a name.
var Perpetrators = []string{"pupil", "parent", "outsider", "colleague", "hierarchy", "unknown"}

// Settings: where it happened.
var Settings = []string{
	"classroom", "school_life", "surroundings", "boarding", "workshop", "remote_home", "online", "other",
}

// Diffusions: whether what was said or shown was public. It matters for
// the press law's three-month clock.
var Diffusions = []string{"public", "restricted", "private"}

// ActionKinds: the steps taken after an incident.
var ActionKinds = []string{
	"hierarchy_alert", "report", "rsst", "dgi", "school_report", "complaint", "civil_party_complaint",
	"police_record", "online_report", "work_accident", "sick_leave", "functional_protection",
	"reasons_request", "gracious_appeal", "court_appeal", "takedown_request", "union",
	"occupational_doctor", "other",
}

// ActionStatuses: where a step stands.
var ActionStatuses = []string{"planned", "done", "awaiting_answer", "answered", "refused"}

// CodeLists names every list of codes, for translations and their tests.
var CodeLists = map[string][]string{
	"kind":          Kinds,
	"channel":       Channels,
	"perpetrator":   Perpetrators,
	"setting":       Settings,
	"diffusion":     Diffusions,
	"action":        ActionKinds,
	"action_status": ActionStatuses,
}

func validCode(list []string, code string) bool { return slices.Contains(list, code) }
