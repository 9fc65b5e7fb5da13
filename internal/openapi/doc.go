// Package openapi loads OpenAPI descriptions (3.0, 3.1 and Swagger 2.0,
// JSON or YAML, with relative $refs to other files) into a compact Index,
// and answers what the shell asks of it:
//
//   - Load parses a Source into a fresh Index, or fails with one line
//     naming the place (line and column, JSON pointer or $ref). Nothing is
//     ever half-loaded: keep the previous Index until Load succeeds.
//     With Options.CacheDir (DefaultCacheDir), a spec seen before loads
//     from a gob of its Index, keyed by the sha256 of its location and
//     bytes, and checked against the hash of every file its $refs read.
//   - Summary, Servers, BaseURL, Schemes and Scheme describe the spec.
//   - Find names an operation ("listPets", "GET /pets/{petId}"); Match
//     finds the operation behind a request path (most specific template
//     wins) with its path parameters; Search filters for `spec ops`.
//   - CompletePaths, Methods, Operation.ParamHints, Operation.BodyFields
//     and ResponsePaths feed completion; they are pure, precomputed where
//     it matters, and take microseconds on a 1000-operation spec.
//   - ValidateRequest and ValidateResponse return one-line Problems
//     (`query parameter "limit": expected integer, got "abc"`,
//     `.items[3].id: expected integer, got "17"`).
//   - Example and RequestExample make a value that fits a schema.
//   - Infer drafts an OpenAPI 3.1 document from exchanges; loaded back,
//     it validates every one of them.
//
// Parsing and $ref resolution are kin-openapi's (with a faster decoder
// for component schemas); everything after that works on the Index's own
// plain data, so a cached spec needs no parser at all. An Index is never
// changed after Load returns it and is safe for concurrent use.
package openapi
