package playground

import (
	_ "embed" // the playground's OpenAPI document
	"net/http"
)

// openapiJSON is the OpenAPI 3.1 description of the go-httpbin routes the
// docs use, served at /openapi.json. A string, so nobody can change it.
//
//go:embed openapi.json
var openapiJSON string

// OpenAPI returns the playground's OpenAPI 3.1 document (JSON), the one
// served at /openapi.json.
func OpenAPI() []byte { return []byte(openapiJSON) }

// withSpec serves the OpenAPI document at /openapi.json and everything
// else with next.
func withSpec(next http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write([]byte(openapiJSON))
	})
	mux.Handle("/", next)
	return mux
}
