// Package scenariofile reads and writes scenario files (format 1, YAML or
// JSON): a file reads into the same [scenario.Scenario] the API builds, and
// a scenario writes back in canonical form.
//
//	s, err := scenariofile.ReadFile("ukraine2025.yaml") // every problem at once, each at file:line:column
//	r, err := scenario.Evaluate(s)                      // s is the value a Go program would build
//	b, err := scenariofile.Marshal(s, scenariofile.YAML) // canonical form; Parse(name, b) gives s back
//
// docs/FORMAT.md describes the format, and [Schema] returns its JSON
// Schema for editors. [Parse], [ReadFile] and [Format] report every
// problem in a file at once, as [Errors], each an *[Error] with the file,
// line, column and path in the scenario, wrapping a sentinel callers can
// test with errors.Is. They read within the default limits; the methods
// of the same names on [Options] ([Options.Parse], [Options.ReadFile],
// [Options.Format]) read within the limits it sets, the zero Options
// meaning the defaults.
package scenariofile
