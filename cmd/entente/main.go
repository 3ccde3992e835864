// Command entente checks, validates, formats and explains security
// frameworks written as scenario files (format 1, YAML or JSON).
//
// Usage:
//
//	entente check [--format text|json|markdown] [FILE...]
//	entente validate FILE...
//	entente fmt [-w] FILE...
//	entente search [--count] [--max N] [--timeout D] [--format text|json] [FILE]
//	entente simulate [--format text|json] [FILE]
//	entente diff [--format text|json] A [B]
//	entente sweep [--samples N] [--seed S] [--search=true|false] [--walk=true|false] [--format text|json] [FILE]
//	entente serve [--addr HOST:PORT] [--expose-to-network-i-trust] [--open] [--max-size N] FILE
//	entente atop import [--out DIR] [--force] [--id ATOPID]... [--phase N] [--from YEAR] [--to YEAR] SOURCE
//	entente atop check [--what-if unanimity|majority]... [--format text|csv|svg|html] [--csv FILE] [--svg FILE] SOURCE
//	entente example [NAME]
//	entente schema
//
// entente serve is the workbench: a page on this machine (127.0.0.1 and a
// free port unless --addr says otherwise) to edit FILE and see its report,
// what-ifs and comparison change as it is typed; see package
// internal/workbench. It prints the address with a one-time token (the
// page's only way in), opens a browser only with --open, and runs until
// Ctrl-C. An --addr that is not this machine's loopback is refused unless
// --expose-to-network-i-trust is given.
//
// entente atop reads the Alliance Treaty Obligations and Provisions record
// (ATOP): import writes one scenario file per alliance phase (see package
// atop), check evaluates every phase, as coded and with every alliance
// deciding by unanimity or by majority, and writes a table by atopid, a
// summary, a picture by decade or a page. Both exit 0 when they ran.
//
// With no file, check, search, simulate and sweep use the built-in seed
// scenario (security guarantees for Ukraine, August 2025) and say so.
// check, search, simulate, diff and sweep also take --variant NAME and
// --without ID for a quick what-if.
//
// Exit status: for check, 0 when every scenario is compatible and 1 when
// one is not; for search, 0 when a deal is possible and 1 when none is;
// for diff, 0 when nothing changes and 1 when something does; for sweep,
// 0 when every sample ran and 1 when Ctrl-C stopped it early, after
// printing the samples done; for the other commands, 0 when all went
// well. 2 means the input or the command line is wrong, with a message
// on standard error in the form file:line:col: path: what is wrong.
package main

import (
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], env{
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		isTerminal: func(w io.Writer) bool {
			f, ok := w.(*os.File)
			if !ok {
				return false
			}
			info, err := f.Stat()
			return err == nil && info.Mode()&os.ModeCharDevice != 0
		},
	}))
}
