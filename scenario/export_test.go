package scenario

// SetIndexAbove sets the size above which selectors are resolved through
// indexes, for tests that compare both paths, and returns a function that
// restores it.
func SetIndexAbove(n int) (restore func()) {
	old := indexAbove
	indexAbove = n
	return func() { indexAbove = old }
}

// IsDate is isDate, for the test that it agrees with time.Parse.
var IsDate = isDate

// SetSweepCache sets how many distinct samples a sweep's worker
// remembers, for tests and benchmarks of the path that evaluates every
// sample, and returns a function that restores it.
func SetSweepCache(n int) (restore func()) {
	old := maxCached
	maxCached = n
	return func() { maxCached = old }
}
