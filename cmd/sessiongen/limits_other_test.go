//go:build !unix

package main

// scriptMain is sessiongen as the scripts run it (no file size limit here:
// the script that needs one runs on unix only).
func scriptMain() { main() }
