package app

// Dates are French legal dates: the deadlines, the report and the
// synthesis use Europe/Paris. Windows has no zoneinfo database that Go
// can read, so the program carries its own copy (about 450 kB), used
// where the system has none.
import _ "time/tzdata"
