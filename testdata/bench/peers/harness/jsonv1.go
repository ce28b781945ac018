//go:build !goexperiment.jsonv2

package harness

// JSONv2Build: encoding/json/v2 needs GOEXPERIMENT=jsonv2 (run.sh builds a
// second binary for it).
const JSONv2Build = false

func jsonV2Peer[T any](*T) Peer { panic("unreachable: built without GOEXPERIMENT=jsonv2") }
