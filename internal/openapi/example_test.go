package openapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"

	"github.com/httpsh/httpsh/internal/openapi"
)

// The calls a `spec` command family makes, in order.
func Example() {
	data, _ := os.ReadFile("testdata/petstore31.yaml")
	ix, err := openapi.Load(context.Background(), openapi.Source{Data: data, Location: "testdata/petstore31.yaml"}, openapi.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := ix.Summary()
	fmt.Println(s.Title, s.Version, s.Operations, "operations;", s.Servers[0])
	for _, sg := range ix.CompletePaths("/pets/") {
		fmt.Println(sg.Text, "-", sg.Description)
	}
	u, _ := url.Parse("https://eu.pets.example/v2/pets?limit=lots")
	for _, p := range ix.ValidateRequest(nil, "GET", u, http.Header{"X-Trace": {"1"}}, nil) {
		fmt.Println("warning:", p)
	}
	op, _, _ := ix.Match("GET", ix.RelativePath(u.Path))
	for _, p := range ix.ValidateResponse(op, 200, "application/json", []byte(`{"items": [{"id": "17", "name": "rex"}]}`)) {
		fmt.Println("warning:", p)
	}
	// Output:
	// Petstore 1.2.0 7 operations; https://eu.pets.example/v2
	// /pets/mine - My pets
	// /pets/{petId} - {petId} integer: the pet's id
	// /pets/{petId}/photos - {petId} integer
	// warning: query parameter "limit": expected integer, got "lots"
	// warning: .items[0].id: expected integer, got "17"
}
