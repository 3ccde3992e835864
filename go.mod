module github.com/entente-go/entente

go 1.26.0

require github.com/google/go-cmp v0.7.0

require (
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.2
	go.yaml.in/yaml/v4 v4.0.0
	golang.org/x/exp v0.0.0-20261113113407-e3970619a1a4
)

require golang.org/x/text v0.14.0 // indirect
