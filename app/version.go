package app

// Version is Témoin's version, printed by "temoin version" and in reports.
var Version = "0.1.0"
