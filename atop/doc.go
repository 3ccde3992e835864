// Package atop reads the alliance record, the Alliance Treaty Obligations and
// Provisions data (ATOP; Leeds, Ritter, Mitchell and Long (2002), International
// Interactions 28: 237-60; atopdata.org), into scenarios, and checks the whole
// record at once, as coded and under what-ifs, with answers keyed by atopid.
//
//	rec, err := atop.ReadDir("ATOP 5.1") // the alliance- and member-level CSV files from atopdata.org
//	rules := []atop.Rule{atop.AsCoded, atop.Unanimity}
//	results, err := atop.Check(ctx, rec.Phases(), rules...)
//	err = atop.WriteSummary(os.Stdout, results, rules) // how many alliances carry each finding, per rule
//
// The ATOP files are not part of this module: download them from
// atopdata.org. State names and abbreviations come from an embedded copy of
// the Correlates of War Project's State System Membership List, v2016.
//
// # Reading
//
// Read (or ReadFiles, ReadDir) reads the alliance-level file (atop4_01a.csv)
// and the member-level file (atop4_01m.csv) by their column headers, so that
// the layouts of 4.01 and 5.x both read and extra columns are ignored; a byte
// order mark and CRLF line ends are accepted, and an empty cell is 0. Every
// problem is an *Error with the file, line, column and column header, wrapping
// a sentinel (ErrColumn, ErrNumber, ErrUnknown, ErrNoMembers, ErrDuplicate,
// ErrSyntax, ErrEmpty, ErrTooLarge, ErrTooMany); nothing is returned with it. Memory is proportional to the files.
//
// # One scenario per phase
//
// Record.Phases returns each alliance phase, ordered by atopid and phase;
// Phase.Scenario returns it as a scenario, the same every time:
//
//   - the members, as states named by their COW abbreviations ("USA", "UKG");
//     a code the COW table lacks is "COW8152", with a Warning, never an error;
//   - the named threats (statthr1, statthr2), as states;
//   - the alliance itself, "ATOP3180", of its members, deciding by unanimity:
//     it renews the treaty, and any member can stop a renewal;
//   - per member and obligation, a guarantee to each partner, strength treaty:
//     defence (military/defense) due on attack(*, B), or on an attack by the
//     named threats where it is conditional on a specific adversary (but for
//     the provider and the beneficiary themselves; a guarantee left with none
//     of them is left out, never widened to any attacker); offence
//     (military/offense) and non-aggression (military/non-aggression) from the
//     start; neutrality (military/neutrality) and consultation
//     (diplomatic/consultation) due on attack(*, B); the conditions ATOP codes
//     that Entente cannot test in the note;
//   - ATOP codes no decision rule, so each member decides for itself: the
//     provider is the member that owes the obligation, or, for three or more
//     members that owe it under the same conditions, a coalition of them that
//     decides separately, so that NATO stays a file a person reads. A member
//     that is itself a named threat owes something other than its partners
//     (it does not answer its own attack) and is never grouped, so grouping
//     changes no answer;
//   - a specified length is a sunset, and a renewal provision a mandate the
//     alliance renews (every renewlgt months, the first when the first term
//     ends); a phase has the terms its own rows give (the member file
//     repeats them per phase, and they change where a phase changed them),
//     and a phase with terms of its own, or one that begins after the
//     alliance's length ran out, counts its length from its own start;
//   - every element cites the source atop-VERSION-ATOPID-PHASE, and as-of is
//     the phase's start.
//
// docs/ATOP.md has the mapping column by column, the readings chosen where
// the codebook leaves room, and the columns not read.
//
// # Checking the record
//
// A Rule is a what-if over every alliance: AsCoded, Unanimity (every alliance
// decides its obligations by unanimity of its members: the alliance decides by
// unanimity and activates every guarantee, body(ATOPn)) or Majority. Check
// evaluates every phase under each rule, several at a time, with results in
// the order of the phases whatever the number of cores; CheckScenario does
// one scenario read back from a file, with the Info that InfoOf recovers.
// WriteCSV writes one row per phase (atopid, phase, years, members, and per
// rule the verdict and a count per finding code) for R or Stata; WriteSummary,
// how many phases and alliances carry each code under each rule; WriteSVG and
// WriteHTML, the alliances in force per decade and the share carrying each
// finding. The writers take the rules the results were checked under, in
// their order (none means AsCoded, as for Check), and return an error for
// others. Values are plain; a Record is not changed by any function and is
// safe for concurrent use.
//
// It builds on package scenario (each phase is a scenario, judged by an
// evaluation) and on package htmlreport for the page that holds the
// record's picture.
package atop
