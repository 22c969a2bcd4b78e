package report

import "github.com/temoin-app/temoin/internal/membudget"

// A report keeps its PDF in memory until it is complete (the PDF library
// writes nothing before the end), and its layout makes short-lived
// garbage: some 300 MB for a report of a thousand incidents (1.5 GB more
// before the library's compressor was pooled, third_party/fpdf). While a
// document is made, the collector keeps the process's memory within what
// it used before plus reportBudget (package membudget): on a laptop with
// 4 GB of memory, a report costs what it needs, not twice that.

// reportBudget is the memory a document may add to the process.
const reportBudget = 72 << 20

// memoryBudget sets the memory limit for the time of a document and
// returns the function that gives the previous limit back.
func memoryBudget() (restore func()) { return membudget.Hold(reportBudget) }
