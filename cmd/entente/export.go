package main

import (
	"bytes"
	"fmt"

	"github.com/entente-go/entente/deals"
)

const exportArgs = "--format asp " + whatIfArgs + " [--max-size N] [FILE]"

// runExport is entente export: the scenario's search for deals as a
// program another solver runs. --format asp writes it for clingo 5; its
// header says how to count the deals and find the utilitarian optimum.
func runExport(e env, args []string) int {
	fs := flags(e, "export", exportArgs)
	format := fs.String("format", "", "output: asp (answer-set programming, for clingo 5)")
	w := addWhatIf(fs)
	maxSize := addMaxSize(fs)
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if *format != "asp" {
		fmt.Fprintf(e.stderr, "entente export: --format %q: want asp\n", *format)
		return exitInput
	}
	file, s, ok := loadWhatIf(e, "export", maxSize.n, files, w, "exporting")
	if !ok {
		return exitInput
	}
	var buf bytes.Buffer
	if err := deals.WriteASP(&buf, s); err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		return exitInput
	}
	if _, err := e.stdout.Write(buf.Bytes()); err != nil {
		fmt.Fprintf(e.stderr, "entente export: %v\n", err)
		return exitInput
	}
	return exitOK
}
