package main

// baseFigure: what every command pays before its own work, `temoin
// version`'s time and peak memory, twice: with the binary in the page
// cache as go build wrote it (as every other row has it), and with its
// pages dropped from the cache first, as after a restart. The difference
// is the binary's pages the kernel maps at once when it holds them in
// large folios; they are shared and the system takes them back when
// memory is short.
func (h *harness) baseFigure() {
	built := h.measure(h.runs, nil, h.temoin("version"))[0].median()
	cold := h.measure(h.runs, func(int) { h.dropFromCache(h.bin) }, h.temoin("version"))[0].median()
	h.add(row{what: "what every command pays first (`temoin version`): time / peak RSS, the binary as built; read from disk",
		value: timeAndRSS(built) + "; " + timeAndRSS(cold), target: "—"})
}
