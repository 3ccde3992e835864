// Command atopnato opens one alliance of the alliance record, the North
// Atlantic Treaty (ATOP 4.01, atopid 3180) in its second phase, as ATOP
// codes it, adds what ATOP does not code, the North Atlantic Council's
// rule of consensus, and compares.
//
// As coded, each member decides for itself whether to answer an armed attack
// on another (Article 5: "such action as it deems necessary"), and the
// record finds nothing to warn of. NATO decides by consensus: "all NATO
// decisions are made by consensus" (NATO, "Consensus decision-making at
// NATO", www.nato.int/cps/en/natohq/topics_49178.htm). Once the Council
// decides the alliance's answers, a member that attacks another holds a veto
// over the alliance's answer to its own attack: insider-veto, for every
// member: Greece's and Turkey's, in the Imia/Kardak crisis of 1996, among
// them (examples/aegean1996 models that crisis).
//
//	go run ./examples/atopnato         # the NATO rows copied from ATOP 4.01 into data/
//	go run ./examples/atopnato DIR     # the whole record, downloaded from atopdata.org into DIR
//
// Data: Leeds, Ritter, Mitchell and Long (2002), "Alliance Treaty
// Obligations and Provisions, 1815-1944", International Interactions 28:
// 237-60; version 4.01 from www.atopdata.org.
package main

import (
	"context"
	"embed"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/entente-go/entente/atop"
	"github.com/entente-go/entente/compare"
	"github.com/entente-go/entente/scenario"
)

//go:embed data/atop4_01a.csv data/atop4_01m.csv
var data embed.FS

func main() {
	var r *atop.Record
	var err error
	if len(os.Args) > 1 {
		r, err = atop.ReadDir(os.Args[1])
	} else {
		r, err = readEmbedded()
	}
	if err != nil {
		log.Fatal(err)
	}
	if err := run(os.Stdout, r); err != nil {
		log.Fatal(err)
	}
}

func readEmbedded() (*atop.Record, error) {
	a, err := data.Open("data/atop4_01a.csv")
	if err != nil {
		return nil, err
	}
	defer a.Close()
	m, err := data.Open("data/atop4_01m.csv")
	if err != nil {
		return nil, err
	}
	defer m.Close()
	return atop.Read("atop4_01a.csv", a, "atop4_01m.csv", m)
}

func run(w io.Writer, r *atop.Record) error {
	var nato atop.Phase
	found := false
	for _, p := range r.Phases() {
		if p.Alliance.ID == 3180 && p.Number == 2 {
			nato, found = p, true
		}
	}
	if !found {
		return fmt.Errorf("the record has no phase 2 of atopid 3180")
	}
	s, _ := nato.Scenario()
	fmt.Fprintf(w, "%s, as of %s\n", s.Name, s.AsOf)
	fmt.Fprintf(w, "%d actors, %d guarantees, each citing %s\n\n", len(s.Actors), len(s.Guarantees), nato.SourceID())

	coded, err := scenario.Evaluate(s)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "As coded (each member decides for itself): %s, %d findings\n", coded.Verdict, len(coded.Findings))

	// What ATOP does not code: the North Atlantic Council decides by
	// consensus, and the alliance's answers are its decisions.
	consensus := atop.Unanimity.Apply(s)
	c, err := compare.Scenarios(context.Background(), s, consensus)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Deciding by consensus in the Council (%d edits): %s, %d findings appeared\n\n", len(c.Edits), c.OtherVerdict, len(c.Appeared))
	for _, f := range c.Appeared {
		for _, g := range f.After.Guarantees {
			if g == "defense-GRC" || g == "defense-TUR" {
				fmt.Fprintf(w, "  %s %s: %s\n", f.After.Severity, f.After.Code, f.After.Message)
			}
		}
	}
	counts := map[scenario.Code]int{}
	for _, f := range c.Appeared {
		counts[f.After.Code]++
	}
	fmt.Fprintln(w)
	for code := range scenario.Codes() {
		if n := counts[code]; n > 0 {
			fmt.Fprintf(w, "%s: %d guarantees\n", code, n)
		}
	}
	return nil
}
