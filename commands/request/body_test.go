package request

import (
	"testing"

	"github.com/httpsh/httpsh/commands"
)

func TestBodyBuild(t *testing.T) {
	fields := []commands.Item{{Kind: commands.ItemField, Name: "name", Value: "luke"}, {Kind: commands.ItemRawJSON, Name: "n", Value: "3"}, {Kind: commands.ItemRawJSON, Name: "tags", Value: `[ "a" ]`}}
	b := bodyParts{fields: fields}
	body, ct, _, err := b.build(false)
	if err != nil || string(body) != `{"name": "luke", "n": 3, "tags": ["a"]}` || ct != "application/json" {
		t.Errorf("json body = %s, %s, %v", body, ct, err)
	}
	form := bodyParts{fields: []commands.Item{{Kind: commands.ItemField, Name: "name", Value: "luke skywalker"}, {Kind: commands.ItemField, Name: "side", Value: "a&b"}}}
	body, ct, _, err = form.build(true)
	if err != nil || string(body) != "name=luke+skywalker&side=a%26b" || ct != "application/x-www-form-urlencoded" {
		t.Errorf("form body = %s, %s, %v", body, ct, err)
	}
	if _, _, _, err := b.build(true); err == nil {
		t.Error("raw JSON in a form should be refused")
	}
}
