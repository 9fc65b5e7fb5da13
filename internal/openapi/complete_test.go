package openapi

import (
	"reflect"
	"testing"
)

func TestCompletePaths(t *testing.T) {
	ix := mustLoad(t, "testdata/petstore31.yaml")
	tests := []struct {
		prefix string
		want   []Suggestion
	}{
		{"/t", []Suggestion{{"/tree", ""}}},
		{"/pets/", []Suggestion{
			{"/pets/mine", "My pets"},
			{"/pets/{petId}", "{petId} integer: the pet's id"},
			{"/pets/{petId}/photos", "{petId} integer"},
		}},
		{"/pets/7", []Suggestion{{"/pets/7", "Show a pet"}, {"/pets/7/photos", ""}}},
		{"/pets/7/", []Suggestion{{"/pets/7/photos", ""}}},
		{"/x", nil},
	}
	for _, tt := range tests {
		if got := ix.CompletePaths(tt.prefix); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("CompletePaths(%q)\n got %q\nwant %q", tt.prefix, got, tt.want)
		}
	}
	if got := ix.Methods("/pets/3"); !reflect.DeepEqual(got, []string{"GET", "DELETE"}) {
		t.Errorf("Methods = %q", got)
	}
}

func TestBodyFieldsAndParams(t *testing.T) {
	ix := mustLoad(t, "testdata/petstore31.yaml")
	op, _ := ix.Find("createPet")
	var got []string
	for _, f := range op.BodyFields() {
		s := f.Name + ":" + f.Type
		if f.Required {
			s += "!"
		}
		got = append(got, s)
	}
	want := []string{"name:string!", "kind:string", "owner:object", "tag:string"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("BodyFields %q, want %q", got, want)
	}
	list, _ := ix.Find("listPets")
	if hs := list.ParamHints("header"); len(hs) != 1 || hs[0].Name != "X-Trace" {
		t.Errorf("header hints %+v", hs)
	}
	if qs := list.ParamHints("query"); len(qs) != 2 || qs[0].Name != "limit" {
		t.Errorf("query hints %+v", qs)
	}
	show, _ := ix.Find("showPet")
	paths := ix.ResponsePaths(show, 200)
	wantPaths := []string{".id", ".kind", ".name", ".owner", ".owner.name", ".owner.pets", ".owner.pets[]"}
	if len(paths) < len(wantPaths) || !reflect.DeepEqual(paths[:len(wantPaths)], wantPaths) {
		t.Errorf("ResponsePaths %q", paths)
	}
}
