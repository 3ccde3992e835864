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
