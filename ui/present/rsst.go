package present

// RSSTMentions are the steps a person may add to an RSST entry, by
// group: "complaint" (a complaint, with civil-party status, a police
// record) and "protection" (the request for protection fonctionnelle and
// what follows it). The register is read by every member of staff: health
// steps are never offered.
var RSSTMentions = map[string][]string{
	"complaint":  {"complaint", "civil_party_complaint", "police_record"},
	"protection": {"functional_protection", "reasons_request", "gracious_appeal", "court_appeal"},
}
