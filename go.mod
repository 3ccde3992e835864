module github.com/entente-go/entente

go 1.26.0

require github.com/google/go-cmp v0.7.0

require go.yaml.in/yaml/v4 v4.0.0
