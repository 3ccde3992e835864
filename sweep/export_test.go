package sweep

// SetCache sets how many distinct samples a sweep's worker remembers, for
// tests and benchmarks of the path that evaluates every sample, and
// returns a function that restores it.
func SetCache(n int) (restore func()) {
	old := maxCached
	maxCached = n
	return func() { maxCached = old }
}
