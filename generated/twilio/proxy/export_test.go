// Hand-written (not generated): unexported names that the external tests
// reach, for requests the client itself would refuse to send.

package proxy

// DecodeAPIErrorForTest is the client's decoder of error answers.
var DecodeAPIErrorForTest = decodeAPIError
