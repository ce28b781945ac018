// Hand-written (not generated): unexported names that the external tests
// reach: the client's error decoder and the paging members of its pages.

package proxy

// DecodeAPIErrorForTest is the client's decoder of error answers.
var DecodeAPIErrorForTest = decodeAPIError

// FakePagingPathsForTest returns the JSON paths of the page members that the
// client's page reader reads besides the items: the next link and the total
// number of pages, as the schema declares them (schema/apis/twilio-proxy.yaml: api.pagination.next).
// (The fake, which writes them, is the package proxyfake now, which these
// tests import and which cannot be imported from inside the package.)
func FakePagingPathsForTest() [][]string {
	return [][]string{{"meta", "next_page_url"}}
}
