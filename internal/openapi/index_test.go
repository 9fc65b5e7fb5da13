package openapi

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestSummaries(t *testing.T) {
	tests := []struct {
		file string
		want Summary
	}{
		{"testdata/petstore31.yaml", Summary{
			Title: "Petstore", Version: "1.2.0", OpenAPI: "3.1.0", Operations: 7,
			Servers: []string{"https://eu.pets.example/v2", "http://localhost:8080/v2"},
			Schemes: []string{"apiKey (apiKey)", "basic (http basic)", "oauth (oauth2)"},
		}},
		{"testdata/petstore30.json", Summary{Title: "Petstore 3.0", Version: "1.0.0", OpenAPI: "3.0.3", Operations: 1, Servers: []string{"/api"}}},
		{"testdata/swagger2.yaml", Summary{
			Title: "Old API", Version: "0.9", OpenAPI: "2.0", Operations: 2,
			Servers: []string{"https://old.example/v1"}, Schemes: []string{"token (apiKey)"},
		}},
	}
	for _, tt := range tests {
		if got := mustLoad(t, tt.file).Summary(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.file, got, tt.want)
		}
	}
}

func TestFindAndMatch(t *testing.T) {
	ix := mustLoad(t, "testdata/petstore31.yaml")
	finds := []struct{ name, want string }{
		{"listPets", "GET /pets"},
		{"post /pets", "POST /pets"},
		{"GET /pets/{petId}", "GET /pets/{petId}"},
		{"GET /pets/12", "GET /pets/{petId}"},
		{"GET /pets/mine", "GET /pets/mine"},
		{"nope", ""},
	}
	for _, f := range finds {
		op, err := ix.Find(f.name)
		got := ""
		if err == nil {
			got = op.String()
		} else if !errors.Is(err, ErrNoOperation) {
			t.Errorf("Find(%q): %v", f.name, err)
		}
		if got != f.want {
			t.Errorf("Find(%q) = %q, want %q", f.name, got, f.want)
		}
	}
	matches := []struct {
		method, path, want string
		params             map[string]string
		err                error
	}{
		{"GET", "/pets/7", "GET /pets/{petId}", map[string]string{"petId": "7"}, nil},
		{"get", "/pets/mine", "GET /pets/mine", map[string]string{}, nil},
		{"GET", "/pets/7/photos", "GET /pets/{petId}/photos", map[string]string{"petId": "7"}, nil},
		{"HEAD", "/pets", "GET /pets", map[string]string{}, nil},
		{"GET", "/pets/7?x=1", "GET /pets/{petId}", map[string]string{"petId": "7"}, nil},
		{"PUT", "/pets", "", nil, ErrNoMethod},
		{"GET", "/cats", "", nil, ErrNoPath},
		{"GET", "/pets/7/8", "", nil, ErrNoPath},
	}
	for _, m := range matches {
		op, params, err := ix.Match(m.method, m.path)
		if !errors.Is(err, m.err) {
			t.Errorf("Match(%s %s): err %v, want %v", m.method, m.path, err, m.err)
			continue
		}
		if err == nil && (op.String() != m.want || !reflect.DeepEqual(params, m.params)) {
			t.Errorf("Match(%s %s) = %s %v, want %s %v", m.method, m.path, op, params, m.want, m.params)
		}
	}
	if got := ix.RelativePath("/v2/pets/1"); got != "/pets/1" {
		t.Errorf("RelativePath = %q", got)
	}
}

func TestIndexContents(t *testing.T) {
	ix := mustLoad(t, "testdata/petstore31.yaml")
	op, _ := ix.Find("listPets")
	var params []string
	for _, p := range op.Params {
		params = append(params, p.In+":"+p.Name+":"+p.Type+":"+strings.Join(p.Enum, "|")+":"+p.Default)
	}
	want := []string{"query:limit:integer::20", `query:status:string:"available"|"sold":`, "header:X-Trace:string::"}
	if !reflect.DeepEqual(params, want) {
		t.Errorf("params %q, want %q", params, want)
	}
	if op.Security[0][0].Scheme != "apiKey" {
		t.Errorf("inherited security %+v", op.Security)
	}
	create, _ := ix.Find("createPet")
	if create.Security[0][0].Scheme != "oauth" || create.Body == nil || !create.Body.Required {
		t.Errorf("createPet %+v", create)
	}
	if s := ix.Scheme("oauth"); s == nil || s.Flows[0].TokenURL != "https://auth.pets.example/token" {
		t.Errorf("oauth scheme %+v", s)
	}
	tree, _ := ix.Find("getTree")
	if paths := ix.ResponsePaths(tree, 0); len(paths) < 6 || paths[0] != ".children" {
		t.Errorf("tree paths %q", paths)
	}
}

func TestExampleAndSearch(t *testing.T) {
	ix := mustLoad(t, "testdata/petstore31.yaml")
	create, _ := ix.Find("createPet")
	got, _ := json.Marshal(ix.RequestExample(create.Body.Schema))
	want := `{"kind":"cat","name":"string","owner":{"name":"string","pets":[{"kind":"cat","name":"string","owner":{"name":"string","pets":[null]},"tag":"string"}]},"tag":"string"}`
	if string(got) != want {
		t.Errorf("RequestExample:\n got %s\nwant %s", got, want)
	}
	if got, _ := json.Marshal(ix.Example(create.Body.Schema)); !strings.HasPrefix(string(got), `{"id":0,`) {
		t.Errorf("Example %s", got)
	}
	tests := []struct {
		text string
		want int
	}{{"", 7}, {"tag:pets", 2}, {"photos", 1}, {"PET", 6}, {"nothing", 0}}
	for _, tt := range tests {
		if got := ix.Search(tt.text); len(got) != tt.want {
			t.Errorf("Search(%q) found %d, want %d", tt.text, len(got), tt.want)
		}
	}
}

func TestBaseURL(t *testing.T) {
	ix := mustLoad(t, "testdata/petstore31.yaml")
	rel := mustLoad(t, "testdata/petstore30.json")
	fromURL := *rel
	fromURL.Location = "http://127.0.0.1:8080/specs/openapi.json"
	tests := []struct {
		ix   *Index
		n    int
		want string
	}{
		{ix, 0, "https://eu.pets.example/v2"},
		{ix, 1, "http://localhost:8080/v2"},
		{ix, 2, ""},
		{rel, 0, ""},
		{&fromURL, 0, "http://127.0.0.1:8080/api"},
		{&Index{Location: "http://h:1/openapi.json"}, 0, "http://h:1"},
	}
	for _, tt := range tests {
		got, err := tt.ix.BaseURL(tt.n)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("BaseURL(%d) of %s = %q, %v; want %q", tt.n, tt.ix.Location, got, err, tt.want)
		}
	}
}
