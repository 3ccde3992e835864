package scenario

// SetForceAside makes evaluation take the paths of the parties-aside rule
// even where nothing sets the parties aside, and returns a function that
// restores the default.
func SetForceAside(on bool) (restore func()) {
	old := forceAside
	forceAside = on
	return func() { forceAside = old }
}
