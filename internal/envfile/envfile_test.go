package envfile

import (
	"os"
	"strings"
	"testing"
)

func TestLoadFolder(t *testing.T) {
	s, err := Load("testdata/proj", []string{"local.env"}, os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Names(), " "); got != "dev local prod staging" {
		t.Errorf("Names = %s", got)
	}
	tests := []struct {
		env, name, value string
		secret           bool
	}{
		{"dev", "host", "localhost:8080", false},
		{"dev", "port", "8080", false},
		{"dev", "debug", "true", false},
		{"dev", "token", "dev-secret", true},
		{"dev", "version", "v1", false},
		{"dev", "API_KEY", "abc123", false},
		{"staging", "host", "staging.example", false},
		{"staging", "url", "https://{{host}}/{{version}}", false},
		{"prod", "token", "prod-secret", true},
		{"local", "host", "127.0.0.1", false},
		{"local", "QUOTED", "two\nlines", false},
		{"local", "SINGLE", "$literal # not a comment", false},
		{"local", "PLAIN", "value", false},
		{"local", "MULTI", "first\nsecond", false},
	}
	for _, tt := range tests {
		vars, err := s.Vars(tt.env)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, v := range vars {
			if v.Name == tt.name {
				found = true
				if v.Value != tt.value || v.Secret != tt.secret {
					t.Errorf("%s.%s = %q secret=%v, want %q %v", tt.env, tt.name, v.Value, v.Secret, tt.value, tt.secret)
				}
			}
		}
		if !found {
			t.Errorf("%s.%s missing", tt.env, tt.name)
		}
	}
	if len(s.Ignored) != 1 || !strings.Contains(s.Ignored[0], "prod.SSLConfiguration") {
		t.Errorf("Ignored = %q", s.Ignored)
	}
	if _, err := s.Vars("nope"); err == nil || !strings.Contains(err.Error(), "the environments are dev, local, prod, staging") {
		t.Errorf("unknown env: %v", err)
	}
}

func TestPlainSharedFile(t *testing.T) {
	s, err := Load("testdata/plain", nil, os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	vars, err := s.Vars("dev")
	if err != nil || len(vars) != 2 || Map(vars)["a"] != "1" || Map(vars)["b"] != "2" {
		t.Errorf("dev = %v, %v", vars, err)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{".env", "A=1\nnot a line\n", ".env:2: a .env line is KEY=VALUE"},
		{".env", "A=\"open\n", ".env:1: A: the \" has no closing"},
		{"http-client.env.json", "[1]", "http-client.env.json: not a JSON object"},
		{"http-client.env.json", `{"dev": 3}`, "http-client.env.json: dev: an environment must be an object"},
		{"x.txt", "", "not an environment file"},
	}
	for _, tt := range tests {
		err := (&Set{}).Add(tt.name, []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Add(%s, %q) = %v, want %q", tt.name, tt.src, err, tt.want)
		}
	}
}

func FuzzDotenv(f *testing.F) {
	b, _ := os.ReadFile("testdata/proj/.env")
	f.Add(b)
	f.Add([]byte("A=\"x\\\"y\"\nexport B='z'"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, _ = ParseDotenv("f.env", src)
		_ = (&Set{}).Add("f.json", src)
	})
}
